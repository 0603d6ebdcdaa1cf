/**
 * A fingerprint of a whole IMAP mailbox, to prove a sync changed nothing: per folder the
 * message count, UIDVALIDITY, UIDNEXT and HIGHESTMODSEQ; per message UID, flags, size,
 * INTERNALDATE and the SHA-256 of the full source.
 *
 * Test tooling only (it downloads every message), and itself read-only: folders are opened
 * with EXAMINE and sources fetched with BODY.PEEK[] (imapflow's `source`), so taking a snapshot
 * never sets \Seen. \Recent is left out: it is per-session state, not stored mailbox data.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { ImapFlow } from 'imapflow';

export interface SnapshotOptions {
  host: string;
  port: number;
  secure: boolean;
  /** PEM file of the CA to trust (for secure: true against the test Dovecot). */
  caFile?: string;
  user: string;
  pass: string;
  /** Only these folders (default: every selectable folder). */
  folders?: string[];
}

export interface MessageSnapshot {
  uid: number;
  flags: string[];
  size: number;
  internalDate: string;
  sha256: string;
}

export interface FolderSnapshot {
  path: string;
  specialUse: string | null;
  messages: number;
  uidValidity: string;
  uidNext: number;
  highestModseq: string | null;
  list: MessageSnapshot[];
}

/** Folder path → snapshot, in folder order. */
export type MailboxSnapshot = Record<string, FolderSnapshot>;

export async function snapshotMailbox(o: SnapshotOptions): Promise<MailboxSnapshot> {
  const client = new ImapFlow({
    host: o.host,
    port: o.port,
    secure: o.secure,
    doSTARTTLS: o.secure ? undefined : false,
    tls: o.caFile ? { ca: [fs.readFileSync(o.caFile)] } : undefined,
    auth: { user: o.user, pass: o.pass },
    logger: false,
  });
  await client.connect();
  try {
    const out: MailboxSnapshot = {};
    const folders = (await client.list())
      .filter((f) => !f.flags.has('\\Noselect') && !f.flags.has('\\NonExistent'))
      .filter((f) => !o.folders || o.folders.includes(f.path))
      .sort((a, b) => (a.path < b.path ? -1 : 1));
    for (const f of folders) {
      const box = await client.mailboxOpen(f.path, { readOnly: true }); // EXAMINE
      const list: MessageSnapshot[] = [];
      if (box.exists > 0) {
        for await (const m of client.fetch('1:*', { uid: true, flags: true, size: true, internalDate: true, source: true })) {
          list.push({
            uid: m.uid,
            flags: [...(m.flags ?? [])].filter((x) => x !== '\\Recent').sort(),
            size: m.size ?? -1,
            internalDate: m.internalDate instanceof Date ? m.internalDate.toISOString() : String(m.internalDate),
            sha256: createHash('sha256').update(m.source ?? Buffer.alloc(0)).digest('hex'),
          });
        }
      }
      list.sort((a, b) => a.uid - b.uid);
      out[f.path] = {
        path: f.path,
        specialUse: f.specialUse ?? null,
        messages: box.exists,
        uidValidity: String(box.uidValidity),
        uidNext: box.uidNext,
        highestModseq: box.highestModseq === undefined ? null : String(box.highestModseq),
        list,
      };
      await client.mailboxClose();
    }
    return out;
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** Human-readable differences between two snapshots (empty when identical). */
export function diffSnapshots(before: MailboxSnapshot, after: MailboxSnapshot): string[] {
  const diffs: string[] = [];
  for (const path of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = before[path];
    const b = after[path];
    if (!a || !b) {
      diffs.push(`${path}: folder ${a ? 'removed' : 'added'}`);
      continue;
    }
    for (const k of ['messages', 'uidValidity', 'uidNext', 'highestModseq'] as const) {
      if (a[k] !== b[k]) diffs.push(`${path}: ${k} ${a[k]} → ${b[k]}`);
    }
    const byUid = new Map(b.list.map((m) => [m.uid, m]));
    for (const m of a.list) {
      const n = byUid.get(m.uid);
      if (!n) diffs.push(`${path} uid ${m.uid}: gone`);
      else if (JSON.stringify(m) !== JSON.stringify(n)) diffs.push(`${path} uid ${m.uid}: ${JSON.stringify(m)} → ${JSON.stringify(n)}`);
      byUid.delete(m.uid);
    }
    for (const uid of byUid.keys()) diffs.push(`${path} uid ${uid}: new`);
  }
  return diffs;
}
