import { describe, expect, it } from 'vitest';
import { addIdentities, ingestMessages } from '../../src-main/core/network/ingest.js';
import { refreshContacts } from '../../src-main/core/network/refresh-contacts.js';
import { ensureStrengthBasis } from '../../src-main/core/network/strength-basis.js';
import { strengthOf, type StrengthInteraction } from '../../src-main/core/network/strength.js';
import { writeSetting } from '../../src-main/core/settings/settings-store.js';
import { contactByAddress, facts, networkDb, type MailSpec } from './network-fixtures.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2024, 5, 1);
const HALF_LIFE = 180;

function mail(daysAgo: number, direction: 'sent' | 'received', role: StrengthInteraction['role'] = direction === 'sent' ? 'to' : 'from', recipientCount = 1): StrengthInteraction {
  return { occurredAtMs: NOW - daysAgo * DAY, kind: 'email', direction, role, recipientCount };
}
const strength = (interactions: StrengthInteraction[]) => strengthOf(interactions, NOW, HALF_LIFE);

describe('strength ordering properties', () => {
  it('ranks recent above old', () => {
    expect(strength([mail(1, 'sent'), mail(1, 'received')])).toBeGreaterThan(strength([mail(300, 'sent'), mail(300, 'received')]));
  });
  it('ranks a reciprocal tie above a one-way one with as much mail', () => {
    expect(strength([mail(5, 'sent'), mail(5, 'received')])).toBeGreaterThan(strength([mail(5, 'sent'), mail(5, 'sent')]));
    expect(strength([mail(5, 'sent'), mail(5, 'received')])).toBeGreaterThan(strength([mail(5, 'received'), mail(5, 'received')]));
  });
  it('weighs sent mail above received mail', () => {
    expect(strength([mail(5, 'sent')])).toBeGreaterThan(strength([mail(5, 'received')]));
  });
  it('weighs To above Cc and Bcc', () => {
    expect(strength([mail(5, 'sent', 'to')])).toBeGreaterThan(strength([mail(5, 'sent', 'cc')]));
    expect(strength([mail(5, 'sent', 'to')])).toBeGreaterThan(strength([mail(5, 'sent', 'bcc')]));
  });
  it('weighs one-to-one mail above mail to a crowd', () => {
    expect(strength([mail(5, 'sent', 'to', 1)])).toBeGreaterThan(strength([mail(5, 'sent', 'to', 2)]));
    expect(strength([mail(5, 'sent', 'to', 2)])).toBeGreaterThan(strength([mail(5, 'sent', 'to', 100)]));
  });
  it('counts logged touches, a meeting above a call above a note', () => {
    const touch = (kind: StrengthInteraction['kind']): StrengthInteraction => ({ occurredAtMs: NOW - 5 * DAY, kind, direction: null, role: null, recipientCount: null });
    expect(strength([touch('meeting')])).toBeGreaterThan(strength([touch('call')]));
    expect(strength([touch('call')])).toBeGreaterThan(strength([touch('note')]));
    expect(strength([touch('note')])).toBeGreaterThan(0);
    expect(strength([])).toBe(0);
  });
  it('halves with every half-life, for every contact alike (so the ranking never goes stale)', () => {
    const ties = [[mail(3, 'sent'), mail(40, 'received', 'cc', 4)], [mail(100, 'sent', 'bcc')], [mail(1, 'received')]];
    for (const interactions of ties) {
      expect(strengthOf(interactions, NOW + HALF_LIFE * DAY, HALF_LIFE)).toBeCloseTo(strength(interactions) / 2, 9);
    }
  });
});

describe('stored strengths', () => {
  const corpus: MailSpec[] = [];
  for (let index = 0; index < 40; index++) {
    const date = new Date(NOW - (index * 7 + 1) * DAY).toUTCString();
    corpus.push({ from: 'Me <me@example.org>', to: `p${index % 7}@acme.com`, cc: index % 3 === 0 ? 'team@acme.com' : undefined, id: `s${index}@x`, date });
    if (index % 2 === 0) corpus.push({ from: `p${index % 5}@acme.com`, to: 'me@example.org', id: `r${index}@x`, date });
  }

  it('are the same after batch-by-batch incremental updates as after a full recomputation', () => {
    const db = networkDb();
    const now = new Date(NOW);
    addIdentities(db, [{ address: 'me@example.org', accountId: 1, source: 'account' }], now);
    for (let start = 0; start < corpus.length; start += 7) ingestMessages(db, { accountId: 1, facts: corpus.slice(start, start + 7).map(facts), now });
    const read = () => db.prepare('SELECT id, strength, strength_sent, strength_received, sent_count, received_count, last_sent_at, last_received_at, last_interaction_at FROM contacts ORDER BY id').all();
    const incremental = read();
    refreshContacts(db, db.prepare('SELECT id FROM contacts').pluck().all() as number[], now);
    expect(read()).toEqual(incremental);
    expect(contactByAddress(db, 'p0@acme.com')!.strength).toBeGreaterThan(contactByAddress(db, 'p6@acme.com')!.strength);
    expect(contactByAddress(db, 'p0@acme.com')!.strength).toBeGreaterThan(contactByAddress(db, 'team@acme.com')!.strength);
  });

  it('follow the half-life setting and the clock', () => {
    const db = networkDb();
    const now = new Date(NOW);
    addIdentities(db, [{ address: 'me@example.org', accountId: 1, source: 'account' }], now);
    ingestMessages(db, { accountId: 1, facts: corpus.map(facts), now });
    const before = contactByAddress(db, 'p1@acme.com')!.strength;
    const order = () => db.prepare('SELECT id FROM contacts ORDER BY strength DESC, id').pluck().all();

    writeSetting(db, 'strengthHalfLifeDays', 30);
    ensureStrengthBasis(db, now);
    const shorter = contactByAddress(db, 'p1@acme.com')!.strength;
    expect(shorter).toBeLessThan(before);
    const ranking = order();

    // A day later the stored values move to the new reference time, all by the same factor.
    ensureStrengthBasis(db, new Date(NOW + 30 * DAY));
    expect(contactByAddress(db, 'p1@acme.com')!.strength).toBeCloseTo(shorter / 2, 6);
    expect(order()).toEqual(ranking);
  });
});
