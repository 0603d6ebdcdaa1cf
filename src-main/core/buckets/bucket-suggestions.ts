import type { BucketSuggestion } from '../../../src-shared/api/buckets.js';
import type { VaultDatabase } from '../vault/encrypted-database.js';

/**
 * The starting set offered at first run. Offered, never forced: nothing is created until the user
 * picks them (`buckets.addSuggested`). Cadences are conventional starting points, easy to change.
 */
export const BUILT_IN_SUGGESTIONS: readonly Omit<BucketSuggestion, 'exists'>[] = [
  { name: 'Clients', cadenceDays: 30, color: '#2563eb', description: 'People you work for: keep in touch every month.' },
  { name: 'Prospects', cadenceDays: 14, color: '#d97706', description: 'People you hope to work with: follow up every two weeks.' },
  { name: 'Partners', cadenceDays: 60, color: '#059669', description: 'People you work alongside: check in every two months.' },
  { name: 'Friends & family', cadenceDays: 90, color: '#db2777', description: 'People you care about: a word at least every quarter.' },
];

export function bucketSuggestions(db: VaultDatabase): BucketSuggestion[] {
  const existing = new Set((db.prepare('SELECT name FROM buckets').pluck().all() as string[]).map((name) => name.toLowerCase()));
  return BUILT_IN_SUGGESTIONS.map((suggestion) => ({ ...suggestion, exists: existing.has(suggestion.name.toLowerCase()) }));
}
