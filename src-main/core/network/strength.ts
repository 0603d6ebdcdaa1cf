/**
 * Relationship strength (DESIGN "Relationships", issue 4 "Strength").
 *
 * For a contact with interactions i, measured at time T with half-life h (days):
 *
 *   decay_i   = 2 ^ (−(T − t_i) / h)                      exponential decay by age
 *   w_i       = base(kind, direction) × role(role) × audience(n_i)
 *   S_sent    = Σ w_i · decay_i  over sent mail   (+ half of every logged touch)
 *   S_recv    = Σ w_i · decay_i  over received mail (+ the other half of every logged touch)
 *   R         = 0.5 + min(S_sent, S_recv) / (S_sent + S_recv)      reciprocity, from 0.5 to 1
 *   strength  = (S_sent + S_recv) × R                               (0 without interactions)
 *
 * with base: sent mail 1, received mail 0.6, meeting 2, call 1.5, other touch 1, note-touch 0.5;
 * role: From/To 1, Cc and Bcc 0.5; audience: 1/√n for a message with n recipients (one-to-one
 * mail counts fully, a mail to 100 people a tenth).
 *
 * A one-way tie is halved (R = 0.5), a balanced one counts fully (R = 1). Every term decays by the
 * same factor as T moves, and R is a ratio of two such sums, so strength(T₂) = strength(T₁) ×
 * 2^(−(T₂ − T₁)/h) for every contact alike: the ranking never goes stale, and stored strengths
 * only need one multiplication to move to a new T (see strength-basis.ts). See docs/strength.md.
 */

export interface StrengthInteraction {
  readonly occurredAtMs: number;
  readonly kind: 'email' | 'call' | 'meeting' | 'other' | 'note';
  readonly direction: 'sent' | 'received' | null;
  readonly role: 'from' | 'to' | 'cc' | 'bcc' | null;
  readonly recipientCount: number | null;
}

export const STRENGTH_WEIGHTS = {
  sentMail: 1,
  receivedMail: 0.6,
  touch: { meeting: 2, call: 1.5, other: 1, note: 0.5 },
  role: { from: 1, to: 1, cc: 0.5, bcc: 0.5 },
} as const;

const DAY_MS = 86_400_000;

/** The weight of one interaction before decay, split into its sent and received shares. */
export function interactionWeight(interaction: StrengthInteraction): { sent: number; received: number } {
  if (interaction.kind !== 'email') {
    const weight = STRENGTH_WEIGHTS.touch[interaction.kind];
    return { sent: weight / 2, received: weight / 2 };
  }
  const role = interaction.role === null ? 1 : STRENGTH_WEIGHTS.role[interaction.role];
  const audience = 1 / Math.sqrt(Math.max(1, interaction.recipientCount ?? 1));
  if (interaction.direction === 'sent') return { sent: STRENGTH_WEIGHTS.sentMail * role * audience, received: 0 };
  if (interaction.direction === 'received') return { sent: 0, received: STRENGTH_WEIGHTS.receivedMail * role * audience };
  return { sent: 0, received: 0 };
}

/**
 * Strength at `asOfMs`. Terms are summed smallest first, so the result is the same to the last bit
 * whatever order the interactions were recorded in (results must not depend on sync order).
 */
export function strengthOf(interactions: Iterable<StrengthInteraction>, asOfMs: number, halfLifeDays: number): number {
  const sentTerms: number[] = [];
  const receivedTerms: number[] = [];
  const halfLifeMs = halfLifeDays * DAY_MS;
  for (const interaction of interactions) {
    const decay = Math.pow(2, -(asOfMs - interaction.occurredAtMs) / halfLifeMs);
    const { sent, received } = interactionWeight(interaction);
    if (sent > 0) sentTerms.push(sent * decay);
    if (received > 0) receivedTerms.push(received * decay);
  }
  return combine(sortedSum(sentTerms), sortedSum(receivedTerms));
}

export function combine(sent: number, received: number): number {
  const total = sent + received;
  if (!(total > 0) || !Number.isFinite(total)) return 0;
  const reciprocity = 0.5 + Math.min(sent, received) / total;
  return total * reciprocity;
}

function sortedSum(terms: number[]): number {
  terms.sort((a, b) => a - b);
  let sum = 0;
  for (const term of terms) sum += term;
  return sum;
}

/** The factor that moves a strength measured at `fromMs` to `toMs`. */
export function decayFactor(fromMs: number, toMs: number, halfLifeDays: number): number {
  return Math.pow(2, -(toMs - fromMs) / (halfLifeDays * DAY_MS));
}
