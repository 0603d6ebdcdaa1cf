/**
 * A large realistic vault for query benchmarks: by default 20,000 contacts and 1,000,000
 * interactions (DESIGN "Scale"), in a real encrypted passphrase vault.
 *
 * Fast by construction: every row goes in through prepared statements inside one transaction,
 * then the derived contact fields (counts, last dates, strength, name, company, search row) are
 * computed by the network's own `refreshContacts`, as after a sync.
 *
 * Shape: interactions per contact follow a heavy tail (a few people with thousands of messages,
 * most with a handful), over five years, 60% sent; some recipients in Cc and large lists. 20% of
 * contacts are in buckets (Clients 30 days, Prospects 14, Partners 60, Friends & family 90, one
 * bucket without cadence); 1,500 tasks (about 30 overdue); 3,000 notes; one finished sync that
 * created 300 contacts.
 */
import crypto from 'node:crypto';
import { normaliseAddress } from '../src-main/core/network/headers/index.js';
import { refreshContacts } from '../src-main/core/network/refresh-contacts.js';
import type { VaultDatabase } from '../src-main/core/vault/encrypted-database.js';
import { Vault } from '../src-main/core/vault/vault.js';
import { seededRandom } from '../tests/fixtures/seeded-random.js';
import { noKeychain } from '../tests/helpers/no-keychain.js';

export { noKeychain };

export const BENCH_PASSPHRASE = 'benchmark vault passphrase';

export interface GeneratedVault {
  contacts: number;
  interactions: number;
  insertMs: number;
  refreshMs: number;
  /** A contact with many interactions and one with a typical number, for history queries. */
  heavyContactId: number;
  typicalContactId: number;
}

export interface GenerateOptions {
  contacts?: number;
  interactions?: number;
  /** The moment the vault is "now" for (dates run five years back from it). */
  now?: Date;
  seed?: number;
}

const FIRST = ['Ann', 'Anna', 'Andrés', 'Bob', 'Chloé', 'Dan', 'Dana', 'Eve', 'Farid', 'Gao', 'Hana', 'Ivan', 'Jo', 'Kim', 'Lars', 'Mia', 'Noor', 'Olu', 'Pia', 'Quinn', 'Rosa', 'Sven', 'Tariq', 'Uma', 'Vik', 'Wen', 'Xena', 'Yusuf', 'Zoë'];
const LAST = ['Archer', 'Baker', 'Chen', 'Dubois', 'Eriksen', 'Fischer', 'García', 'Haddad', 'Ito', 'Jones', 'Kowalski', 'López', 'Müller', 'Nakamura', 'Okafor', 'Petrov', 'Quint', 'Rossi', 'Singh', 'Tanaka', 'Ueda', 'Varga', 'Wong', 'Xu', 'Yilmaz', 'Zhang'];
const COMPANIES = ['acme', 'globex', 'initech', 'umbrella', 'hooli', 'stark', 'wayne', 'wonka', 'tyrell', 'cyberdyne', 'soylent', 'aperture', 'massive', 'vandelay', 'pied-piper'];
const FREE_MAIL = ['gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com', 'proton.me'];
const DAY_MS = 86_400_000;

export function generateVaultData(db: VaultDatabase, options: GenerateOptions = {}): GeneratedVault {
  const contactCount = options.contacts ?? 20_000;
  const interactionCount = options.interactions ?? 1_000_000;
  const now = options.now ?? new Date();
  const nowMs = now.getTime();
  const rand = seededRandom(options.seed ?? 7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const iso = (ms: number) => new Date(ms).toISOString();

  const insertStart = performance.now();
  const contactIds: number[] = [];
  const addresses: string[] = [];
  let heavyContactId = 0;
  let typicalContactId = 0;
  db.transaction(() => {
    db.prepare(
      `INSERT INTO accounts (id, address, host, port, security, username, auth_kind, created_at)
       VALUES (1, 'me@bench.example', 'imap.bench.example', 993, 'tls', 'me', 'password', ?)`,
    ).run(iso(nowMs - 5 * 365 * DAY_MS));
    db.prepare(`INSERT INTO identities (address, account_id, source, created_at) VALUES ('me@bench.example', 1, 'account', ?)`).run(iso(nowMs - 5 * 365 * DAY_MS));
    const syncStart = nowMs - 2 * 3600_000;
    db.prepare(`INSERT INTO sync_runs (account_id, started_at, finished_at, status) VALUES (1, ?, ?, 'ok')`).run(iso(syncStart), iso(syncStart + 600_000));

    const insertContact = db.prepare(`INSERT INTO contacts (source, created_at, updated_at, notes, tags) VALUES ('mail', ?, ?, ?, ?)`);
    const insertEmail = db.prepare('INSERT INTO contact_emails (address, contact_id, is_primary, created_at) VALUES (?, ?, ?, ?)');
    const insertName = db.prepare('INSERT OR IGNORE INTO address_names (address, name, count) VALUES (?, ?, ?)');
    for (let index = 0; index < contactCount; index++) {
      const first = pick(FIRST);
      const last = pick(LAST);
      const work = rand() < 0.7;
      const domain = work ? `${pick(COMPANIES)}.example` : pick(FREE_MAIL);
      // Stored addresses are always normalised (gmail.com drops dots), as the sync stores them.
      const address = normaliseAddress(`${first}.${last}.${index}@${domain}`.normalize('NFD').replace(/[\u0300-\u036f]/g, ''))!;
      // The last 300 contacts were made by the latest sync ("new people to sort").
      const createdMs = index >= contactCount - 300 ? syncStart + 60_000 : nowMs - 5 * 365 * DAY_MS + rand() * 4 * 365 * DAY_MS;
      const notes = rand() < 0.05 ? `Met ${first} at the ${pick(COMPANIES)} summit` : null;
      const tags = rand() < 0.05 ? JSON.stringify([pick(['vip', 'board', 'investor', 'press'])]) : '[]';
      const id = Number(insertContact.run(iso(createdMs), iso(createdMs), notes, tags).lastInsertRowid);
      insertEmail.run(address, id, 1, iso(createdMs));
      insertName.run(address, `${first} ${last}`, 1 + Math.floor(rand() * 5));
      if (rand() < 0.15) insertEmail.run(normaliseAddress(`${last}.${first}.${index}@${pick(FREE_MAIL)}`.normalize('NFD').replace(/[\u0300-\u036f]/g, ''))!, id, 0, iso(createdMs));
      contactIds.push(id);
      addresses.push(address);
    }

    // Heavy tail: contact k gets weight 1/(k+1)^0.9 in a shuffled order.
    const weights = contactIds.map((_, index) => 1 / Math.pow(index + 1, 0.9));
    const order = [...contactIds.keys()].sort(() => rand() - 0.5);
    const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
    const perContact = new Array<number>(contactCount).fill(0);
    let assigned = 0;
    order.forEach((contactIndex, rank) => {
      const count = Math.max(1, Math.floor((weights[rank]! / totalWeight) * interactionCount));
      perContact[contactIndex] = count;
      assigned += count;
    });
    // Spread the rounding remainder over random contacts so the total is exact.
    while (assigned < interactionCount) {
      perContact[Math.floor(rand() * contactCount)]!++;
      assigned++;
    }
    while (assigned > interactionCount) {
      const index = Math.floor(rand() * contactCount);
      if (perContact[index]! > 1) {
        perContact[index]!--;
        assigned--;
      }
    }
    heavyContactId = contactIds[order[0]!]!;
    typicalContactId = contactIds[order[Math.floor(contactCount / 2)]!]!;

    const insertInteraction = db.prepare(
      `INSERT INTO interactions (contact_id, address, message_key, kind, direction, role, occurred_at, thread_key, account_id, recipient_count, created_at)
       VALUES (?, ?, ?, 'email', ?, ?, ?, ?, 1, ?, ?)`,
    );
    const keyBase = crypto.randomBytes(8).toString('hex');
    let messageNumber = 0;
    const createdAt = iso(nowMs);
    contactIds.forEach((contactId, index) => {
      const address = addresses[index]!;
      for (let count = 0; count < perContact[index]!; count++) {
        const sent = rand() < 0.6;
        const roll = rand();
        const role = sent ? (roll < 0.8 ? 'to' : roll < 0.95 ? 'cc' : 'bcc') : 'from';
        const recipients = roll < 0.7 ? 1 : roll < 0.95 ? 2 + Math.floor(rand() * 5) : 20 + Math.floor(rand() * 200);
        const occurredMs = nowMs - Math.pow(rand(), 1.6) * 5 * 365 * DAY_MS;
        const key = `${keyBase}${(messageNumber++).toString(16).padStart(12, '0')}`;
        insertInteraction.run(contactId, address, key, sent ? 'sent' : 'received', role, iso(occurredMs), key.slice(0, 20), recipients, createdAt);
      }
    });

    const insertBucket = db.prepare('INSERT INTO buckets (name, color, cadence_days, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
    const buckets = [
      ['Clients', '#2563eb', 30],
      ['Prospects', '#d97706', 14],
      ['Partners', '#059669', 60],
      ['Friends & family', '#db2777', 90],
      ['Conference 2024', '#6b7280', null],
    ] as const;
    const bucketIds = buckets.map(([name, color, cadence]) => Number(insertBucket.run(name, color, cadence, iso(nowMs - 365 * DAY_MS), iso(nowMs - 365 * DAY_MS)).lastInsertRowid));
    const assign = db.prepare('INSERT OR IGNORE INTO bucket_contacts (bucket_id, contact_id, added_at) VALUES (?, ?, ?)');
    for (const contactId of contactIds) {
      if (rand() >= 0.2) continue;
      assign.run(pick(bucketIds), contactId, iso(nowMs - rand() * 365 * DAY_MS));
      if (rand() < 0.2) assign.run(pick(bucketIds), contactId, iso(nowMs - rand() * 365 * DAY_MS));
    }

    const insertTask = db.prepare('INSERT INTO tasks (contact_id, title, note, due_at, completed_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (let index = 0; index < 1500; index++) {
      // Two thirds in the past, nearly all of those done; a few overdue, as in real use.
      const dueMs = nowMs + (rand() - 0.67) * 90 * DAY_MS;
      const done = dueMs < nowMs && rand() < 0.97 ? iso(dueMs) : null;
      insertTask.run(pick(contactIds), 'Follow up', rand() < 0.5 ? 'send the proposal' : null, iso(dueMs), done, iso(dueMs - 7 * DAY_MS), iso(dueMs - 7 * DAY_MS));
    }
    const insertNote = db.prepare('INSERT INTO notes (contact_id, body, is_touch, created_at, updated_at) VALUES (?, ?, 0, ?, ?)');
    for (let index = 0; index < 3000; index++) {
      const at = iso(nowMs - rand() * 365 * DAY_MS);
      insertNote.run(pick(contactIds), `Talked about ${pick(COMPANIES)} and the ${pick(['renewal', 'merger', 'launch', 'hiring plan'])}`, at, at);
    }
  })();
  const insertMs = performance.now() - insertStart;

  const refreshStart = performance.now();
  db.transaction(() => refreshContacts(db, contactIds, now))();
  const refreshMs = performance.now() - refreshStart;
  return { contacts: contactCount, interactions: interactionCount, insertMs, refreshMs, heavyContactId, typicalContactId };
}

/** Creates a passphrase vault in `dataDir` and fills it. */
export async function generateVault(dataDir: string, options: GenerateOptions = {}): Promise<{ vault: Vault; generated: GeneratedVault }> {
  const vault = new Vault(dataDir, noKeychain);
  await vault.init(BENCH_PASSPHRASE);
  const generated = generateVaultData(vault.db(), options);
  return { vault, generated };
}
