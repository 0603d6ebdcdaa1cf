import type { PrivacyReport } from '../../../src-shared/api/privacy.js';
import { readSettings } from '../settings/settings-store.js';
import type { VaultDatabase } from '../vault/encrypted-database.js';
import type { VaultMode } from '../../../src-shared/api/vault.js';

/** Every table of the vault, without the internal shadow tables of full-text indexes. */
function tableCounts(db: VaultDatabase): PrivacyReport['tables'] {
  const tables = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string; sql: string }[];
  const virtual = tables.filter((table) => /^CREATE VIRTUAL TABLE/i.test(table.sql)).map((table) => table.name);
  return tables
    .filter((table) => !virtual.some((name) => table.name.startsWith(`${name}_`)))
    .map((table) => ({ table: table.name, rows: db.prepare(`SELECT count(*) FROM "${table.name.replaceAll('"', '""')}"`).pluck().get() as number }));
}

function accounts(db: VaultDatabase, mode: VaultMode | null): PrivacyReport['accounts'] {
  const rows = db
    .prepare(`SELECT a.id, a.address, a.host, a.excluded_folders AS excluded, EXISTS (SELECT 1 FROM account_secrets s WHERE s.account_id = a.id) AS inVault FROM accounts a ORDER BY a.id`)
    .all() as { id: number; address: string; host: string; excluded: string; inVault: number }[];
  const folders = db.prepare(`SELECT path, special_use AS specialUse, purpose, synced_at AS syncedAt FROM folders WHERE account_id = ? ORDER BY path`);
  return rows.map((row) => {
    const excludedFolders = parseList(row.excluded);
    const read = (folders.all(row.id) as PrivacyReport['accounts'][number]['foldersRead']).filter((folder) => !excludedFolders.includes(folder.path));
    return {
      id: row.id,
      address: row.address,
      host: row.host,
      foldersRead: read,
      excludedFolders,
      secretStorage: row.inVault ? 'vault' : mode === 'keychain' ? 'keychain' : 'none',
    };
  });
}

function parseList(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Sharing does not exist yet: no bucket can be shared, so nothing can have left. Buckets with
 * share settings are still listed, so the report stays honest once sharing lands.
 */
function sharing(db: VaultDatabase): PrivacyReport['sharing'] {
  const rows = db.prepare(`SELECT name, share_settings AS settings FROM buckets WHERE share_settings NOT IN ('', '{}') ORDER BY name`).all() as { name: string; settings: string }[];
  const sharedBuckets = rows.flatMap((row) => {
    let settings: { members?: unknown; fields?: unknown };
    try {
      settings = JSON.parse(row.settings) as typeof settings;
    } catch {
      return [];
    }
    const members = Array.isArray(settings.members) ? settings.members.map(String) : [];
    if (members.length === 0) return [];
    return [{ bucket: row.name, members, fields: Array.isArray(settings.fields) ? settings.fields.map(String) : [] }];
  });
  const summary =
    sharedBuckets.length === 0
      ? 'Nothing has been shared: no bucket is shared with anyone, and this version of Rapport has no sharing at all.'
      : `${sharedBuckets.length} bucket(s) shared: ${sharedBuckets.map((bucket) => `${bucket.bucket} with ${bucket.members.join(', ')}`).join('; ')}.`;
  return { sharedBuckets, summary };
}

function outbound(db: VaultDatabase): PrivacyReport['outbound'] {
  const byDestination = db
    .prepare(
      `SELECT coalesce(destination, '(unspecified)') AS destination, count(*) AS entries, coalesce(sum(bytes), 0) AS bytes, min(at) AS first, max(at) AS last
       FROM audit_log GROUP BY coalesce(destination, '(unspecified)') ORDER BY bytes DESC, destination`,
    )
    .all() as PrivacyReport['outbound']['byDestination'];
  const entries = byDestination.reduce((sum, row) => sum + row.entries, 0);
  const bytes = byDestination.reduce((sum, row) => sum + row.bytes, 0);
  const summary =
    entries === 0
      ? 'Nothing has been sent anywhere: the audit log, which records every byte count that leaves this machine, is empty (reading your own mailbox only sends IMAP commands to your mail server).'
      : `${bytes} bytes left this machine in ${entries} recorded transfer(s), to ${byDestination.length} destination(s).`;
  return { entries, bytes, byDestination, summary };
}

export function privacyReport(db: VaultDatabase, mode: VaultMode | null, now: Date): PrivacyReport {
  return {
    generatedAt: now.toISOString(),
    tables: tableCounts(db),
    subjects: {
      storeSubjects: readSettings(db).storeSubjects,
      storedCount: db.prepare('SELECT count(*) FROM messages WHERE subject IS NOT NULL').pluck().get() as number,
    },
    bodiesStored: false,
    accounts: accounts(db, mode),
    sharing: sharing(db),
    outbound: outbound(db),
  };
}
