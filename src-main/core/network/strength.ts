/**
 * Relationship strength (DESIGN "Relationships", issue 4 "Strength").
 *
 * For a contact with interactions i, measured at time T with half-life h (days):
 *
 *   decay_i   = 2 ^ (−(T − t_i) / h)                      exponential decay by age
 *   w_i       = base(kind, direction) × role(role) × audience(n_i)
 *   S_sent    = Σ w_i · decay_i  over sent mail      (+ half of every logged touch)
 *   S_recv    = Σ w_i · decay_i  over received mail  (+ the other half of every logged touch)
 *   strength  = (S_sent + S_recv) × R,   R = 0.5 + min(S_sent, S_recv) / (S_sent + S_recv)
 *             = (S_sent + S_recv) / 2 + min(S_sent, S_recv)
 *
 * base: sent mail 1, received mail 0.6, meeting 2, call 1.5, other touch 1, note-touch 0.5;
 * role: From/To 1, Cc and Bcc 0.5; audience: 1/√n for a message with n recipients (one-to-one
 * mail counts fully, a mail to 100 people a tenth). R is the reciprocity factor: a one-way tie
 * counts half (R = 0.5), a balanced one fully (R = 1).
 *
 * Every term decays by the same factor as T moves, so strength(T₂) = strength(T₁) ×
 * 2^(−(T₂ − T₁)/h) for every contact alike: the ranking never goes stale, and stored strengths
 * move to a new T with one multiplication (strength-basis.ts).
 *
 * Each term is rounded to a multiple of 2⁻³² before summing, so sums are exact integers (in
 * units of 2⁻³²) and a sync can add new mail to the stored sums incrementally: the result is the
 * same to the last bit whatever order mail arrives in, and equals a full recomputation.
 * See docs/strength.md.
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

/** Sums are kept in units of 2⁻³² (see above); 2⁵³ / 2³² leaves room for millions of full-weight terms. */
export const STRENGTH_UNIT = 2 ** 32;
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

export interface StrengthSums {
  /** S_sent and S_recv in units of 2⁻³², whole numbers. */
  sent: number;
  received: number;
}

/** One interaction's contribution at `asOfMs`, in units of 2⁻³². */
export function strengthTerms(interaction: StrengthInteraction, asOfMs: number, halfLifeDays: number): StrengthSums {
  const decay = Math.pow(2, -(asOfMs - interaction.occurredAtMs) / (halfLifeDays * DAY_MS));
  const { sent, received } = interactionWeight(interaction);
  return { sent: Math.round(sent * decay * STRENGTH_UNIT), received: Math.round(received * decay * STRENGTH_UNIT) };
}

export function strengthSums(interactions: Iterable<StrengthInteraction>, asOfMs: number, halfLifeDays: number): StrengthSums {
  let sent = 0;
  let received = 0;
  for (const interaction of interactions) {
    const terms = strengthTerms(interaction, asOfMs, halfLifeDays);
    sent += terms.sent;
    received += terms.received;
  }
  return { sent, received };
}

/** strength = (S_sent + S_recv) / 2 + min(S_sent, S_recv). Mirrored in SQL by STRENGTH_SQL. */
export function strengthFromSums(sums: StrengthSums): number {
  return (0.5 * (sums.sent + sums.received) + Math.min(sums.sent, sums.received)) / STRENGTH_UNIT;
}

/** The same formula over the stored columns, for set-based updates. */
export const STRENGTH_SQL = `(0.5 * (strength_sent + strength_received) + min(strength_sent, strength_received)) / ${STRENGTH_UNIT}.0`;

export function strengthOf(interactions: Iterable<StrengthInteraction>, asOfMs: number, halfLifeDays: number): number {
  return strengthFromSums(strengthSums(interactions, asOfMs, halfLifeDays));
}

/** The factor that moves a strength measured at `fromMs` to `toMs`. */
export function decayFactor(fromMs: number, toMs: number, halfLifeDays: number): number {
  return Math.pow(2, -(toMs - fromMs) / (halfLifeDays * DAY_MS));
}
