import type { ContactHistory, HistoryMonth } from '../../../src-shared/api/contacts.js';
import type { VaultDatabase } from '../vault/encrypted-database.js';

/**
 * Sent vs received mail and logged touches per calendar month (UTC), for the last `months`
 * months up to `now`, zero-filled so a chart can draw it as is. One range scan of the
 * (contact_id, occurred_at) index.
 */
export function contactHistory(db: VaultDatabase, contactId: number, months: number, now: Date): ContactHistory {
  const endYear = now.getUTCFullYear();
  const endMonth = now.getUTCMonth();
  const start = new Date(Date.UTC(endYear, endMonth - (months - 1), 1));
  const rows = db
    .prepare(
      `SELECT substr(occurred_at, 1, 7) AS month,
              sum(direction = 'sent' AND kind = 'email') AS sent,
              sum(direction = 'received' AND kind = 'email') AS received,
              sum(kind != 'email') AS touches
       FROM interactions WHERE contact_id = ? AND occurred_at >= ? GROUP BY month`,
    )
    .all(contactId, start.toISOString()) as HistoryMonth[];
  const byMonth = new Map(rows.map((row) => [row.month, row]));
  const result: HistoryMonth[] = [];
  for (let index = 0; index < months; index++) {
    const date = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + index, 1));
    const month = date.toISOString().slice(0, 7);
    const row = byMonth.get(month);
    result.push({ month, sent: row?.sent ?? 0, received: row?.received ?? 0, touches: row?.touches ?? 0 });
  }
  return { contactId, months: result };
}
