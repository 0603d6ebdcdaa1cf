import { createAppContext, type AppContext } from '../../src-main/core/app-context.js';
import { run } from '../../src-main/core/command-table.js';
import { addIdentities, ingestMessages } from '../../src-main/core/network/ingest.js';
import { facts, type MailSpec } from '../network/network-fixtures.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { noKeychain } from '../helpers/no-keychain.js';

export const PASSPHRASE = 'contacts test passphrase';

export interface ContactsKit {
  context: AppContext;
  /** Moves the injected clock. */
  setNow(iso: string): void;
  /** Mail as a sync would store it, from account 1 (me@example.org). */
  mail(specs: MailSpec[]): void;
  idOf(address: string): number;
  events: string[];
}

/** A real passphrase vault with one account, its identity, and a pinned clock. */
export async function contactsKit(now = '2024-06-01T00:00:00Z'): Promise<ContactsKit> {
  let current = new Date(now);
  const context = createAppContext({ dataDir: makeTempDir(), keychain: noKeychain, now: () => current });
  await run(context, 'vault.init', { passphrase: PASSPHRASE });
  const db = context.vault.db();
  db.prepare(`INSERT INTO accounts (id, address, host, port, security, username, auth_kind, created_at) VALUES (1, 'me@example.org', 'imap.example.org', 993, 'tls', 'me', 'password', ?)`).run(now);
  addIdentities(db, [{ address: 'me@example.org', accountId: 1, source: 'account' }], current);
  const events: string[] = [];
  context.events.on((event) => {
    if (event.type === 'data.changed') events.push(event.scope);
  });
  return {
    context,
    setNow: (iso) => (current = new Date(iso)),
    mail: (specs) => db.transaction(() => ingestMessages(db, { accountId: 1, facts: specs.map(facts), now: current }))(),
    idOf: (address) => db.prepare('SELECT contact_id FROM contact_emails WHERE address = ?').pluck().get(address) as number,
    events,
  };
}

export const ME = 'Me <me@example.org>';

/** A date header `days` days before 2024-06-01. */
export function daysAgo(days: number): string {
  return new Date(Date.UTC(2024, 5, 1) - days * 86_400_000).toUTCString();
}
