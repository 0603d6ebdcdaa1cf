import { describe, expect, it } from 'vitest';
import { addIgnore, removeIgnore } from '../../src-main/core/network/ignore-list.js';
import { addIdentities, ingestMessages, type IdentityInput } from '../../src-main/core/network/ingest.js';
import type { MessageFacts } from '../../src-main/core/network/headers/index.js';
import type { VaultDatabase } from '../../src-main/core/vault/encrypted-database.js';
import { contactsView, facts, interactionsView, networkDb, seededRandom, shuffled, type MailSpec } from './network-fixtures.js';

const NOW = new Date('2024-12-31T00:00:00Z');

const OWN = ['Me <me@example.org>', 'Me <me.alias@example.org>', 'Me at work <me@work.example>', 'Me <me@old.example>'];
const PEOPLE = [
  'Ann Archer <ann@acme.com>',
  '"Archer, Ann" <ann@acme.com>',
  'Bob <bob@beta.io>',
  'bob@beta.io',
  '=?UTF-8?Q?Ren=C3=A9e_Roux?= <renee@mail.corp.fr>',
  'Kim Lee <Kim.Lee@googlemail.com>',
  'kimlee+news@gmail.com',
  'Dan <dan@delta.co.uk>',
  'Eve <eve@sub.echo.com>',
  'Fay <fay@echo.com>',
  'Gus <gus@golf.org>',
  'Hana <hana@hotel.jp>',
  'ivan@india.in',
  'Jo <jo@juliet.com>',
];
const BULK_HEADERS = [['List-Id: <dev.lists.example.com>'], ['List-Unsubscribe: <mailto:u@x.com>'], ['Precedence: bulk'], ['Auto-Submitted: auto-generated']];

/** A mailbox's worth of varied mail, with the messy copies real folders hold. */
function corpus(seed: number): { specs: MailSpec[]; accountOf: number[] } {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const some = (count: number) => Array.from({ length: count }, () => pick(PEOPLE)).join(', ');
  const specs: MailSpec[] = [];
  for (let index = 0; index < 90; index++) {
    const day = 1 + Math.floor(random() * 360);
    const date = new Date(Date.UTC(2024, 0, day, Math.floor(random() * 24))).toUTCString();
    const kind = random();
    const id = `m${index}@corpus`;
    let spec: MailSpec;
    if (kind < 0.4) {
      spec = { from: pick(OWN), to: some(1 + Math.floor(random() * 3)), id, date };
      if (random() < 0.4) spec.cc = some(1 + Math.floor(random() * 4));
      if (random() < 0.2) spec.bcc = some(1);
    } else if (kind < 0.8) {
      spec = { from: pick(PEOPLE), to: random() < 0.8 ? pick(OWN) : some(2), id, date };
      if (random() < 0.3) spec.cc = `${pick(OWN)}, ${some(1)}`;
    } else if (kind < 0.9) {
      spec = { from: pick(PEOPLE), to: pick(OWN), id, date, extra: pick(BULK_HEADERS) };
    } else {
      // No Date header: the date comes from INTERNALDATE.
      spec = { from: pick(PEOPLE), to: pick(OWN), id, internalDate: new Date(Date.UTC(2024, 0, day)).toISOString() };
    }
    specs.push(spec);
    // Copies of the same message in other folders, not always identical.
    if (random() < 0.3) {
      const copy: MailSpec = { ...spec };
      const variant = random();
      if (variant < 0.3) delete copy.bcc;
      else if (variant < 0.5) copy.extra = ['List-Id: <copy.lists.example.com>'];
      else if (variant < 0.7 && spec.date === undefined) copy.internalDate = new Date(Date.UTC(2024, 0, day + 1)).toISOString();
      specs.push(copy);
    }
  }
  return { specs, accountOf: specs.map(() => (random() < 0.8 ? 1 : 2)) };
}

const ACCOUNT_IDENTITIES: IdentityInput[] = [
  { address: 'me@example.org', accountId: 1, source: 'account' },
  { address: 'me.alias@example.org', accountId: 1, source: 'alias' },
  { address: 'me@work.example', accountId: 2, source: 'account' },
];
const SENT_IDENTITY: IdentityInput = { address: 'me@old.example', accountId: 1, source: 'sent' };

type Step = { kind: 'batch'; facts: MessageFacts[]; accountId: number } | { kind: 'identity'; identity: IdentityInput } | { kind: 'ignore' } | { kind: 'unignore' };

/** The same mail, cut into batches of random sizes in a random order, identities found at random moments. */
function randomRun(specs: MailSpec[], accountOf: number[], seed: number): Step[] {
  const random = seededRandom(seed);
  const order = shuffled(
    specs.map((spec, index) => ({ facts: facts(spec), accountId: accountOf[index]! })),
    random,
  );
  const steps: Step[] = [];
  for (let start = 0; start < order.length; ) {
    const size = 1 + Math.floor(random() * 15);
    const slice = order.slice(start, start + size);
    start += size;
    // A batch is one folder of one account.
    for (const accountId of [1, 2]) {
      const batch = slice.filter((entry) => entry.accountId === accountId).map((entry) => entry.facts);
      if (batch.length > 0) steps.push({ kind: 'batch', facts: batch, accountId });
    }
  }
  const insertAt = (step: Step) => steps.splice(Math.floor(random() * (steps.length + 1)), 0, step);
  for (const identity of shuffled([...ACCOUNT_IDENTITIES, SENT_IDENTITY], random)) insertAt({ kind: 'identity', identity });
  // Ignoring a domain and un-ignoring it again, at some point, must leave no trace.
  const ignoreAt = Math.floor(random() * (steps.length + 1));
  const unignoreAt = ignoreAt + 1 + Math.floor(random() * (steps.length - ignoreAt + 1));
  steps.splice(unignoreAt, 0, { kind: 'unignore' });
  steps.splice(ignoreAt, 0, { kind: 'ignore' });
  return steps;
}

function play(steps: Step[]): VaultDatabase {
  const db = networkDb();
  for (const step of steps) {
    if (step.kind === 'batch') ingestMessages(db, { accountId: step.accountId, facts: step.facts, now: NOW });
    else if (step.kind === 'identity') addIdentities(db, [step.identity], NOW);
    else if (step.kind === 'ignore') addIgnore(db, '@echo.com', NOW);
    else removeIgnore(db, '@echo.com', NOW);
  }
  return db;
}

function snapshot(db: VaultDatabase) {
  return {
    contacts: contactsView(db),
    interactions: interactionsView(db),
    names: db.prepare('SELECT address, name, count FROM address_names ORDER BY address, name').all(),
    messages: db.prepare('SELECT key, account_id, occurred_at, thread_key, from_address, bulk_reason, recipient_count FROM messages ORDER BY key').all(),
  };
}

describe('the network does not depend on the order of messages, batches, folders or identities', () => {
  for (const corpusSeed of [1, 2, 3]) {
    it(`gives identical contacts for shuffled runs of corpus ${corpusSeed}`, () => {
      const { specs, accountOf } = corpus(corpusSeed);
      // Reference: identities first, then everything in one batch per account.
      const reference = snapshot(
        play([
          ...[...ACCOUNT_IDENTITIES, SENT_IDENTITY].map((identity): Step => ({ kind: 'identity', identity })),
          ...[1, 2].map((accountId): Step => ({ kind: 'batch', accountId, facts: specs.filter((_, index) => accountOf[index] === accountId).map(facts) })),
        ]),
      );
      expect(reference.contacts.length).toBeGreaterThan(5);
      expect(reference.interactions.length).toBeGreaterThan(30);
      for (let runSeed = 1; runSeed <= 12; runSeed++) {
        const result = snapshot(play(randomRun(specs, accountOf, corpusSeed * 1000 + runSeed)));
        expect(result, `corpus ${corpusSeed}, run ${runSeed}`).toEqual(reference);
      }
    });
  }
});
