import { looksLikeAddress } from './looks-like-address.js';

/**
 * A contact's name (DESIGN rule 6): its most frequent non-empty display name, never an address.
 * Names are compared after trimming; ties go to the name that sorts first by code unit, which is
 * stable across machines and locales (localeCompare is not).
 */
export function pickDisplayName(counts: ReadonlyMap<string, number>): string | null {
  const totals = new Map<string, number>();
  for (const [raw, count] of counts) {
    const name = raw.trim();
    if (name === '' || !(count > 0) || looksLikeAddress(name)) continue;
    totals.set(name, (totals.get(name) ?? 0) + count);
  }
  let best: string | null = null;
  let bestCount = 0;
  for (const [name, count] of totals) {
    if (count > bestCount || (count === bestCount && best !== null && name < best)) {
      best = name;
      bestCount = count;
    }
  }
  return best;
}
