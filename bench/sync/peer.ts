import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { DovecotServer } from '../../tests/helpers/dovecot.js';

const run = promisify(execFile);

export interface PeerRun {
  mbsyncMs: number;
  notmuchNewMs: number;
  notmuchAddressMs: number;
  addresses: number;
  totalMs: number;
}

async function timed(file: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ ms: number; stdout: string }> {
  const started = performance.now();
  const { stdout } = await run(file, args, { env, maxBuffer: 256 * 1024 * 1024 });
  return { ms: performance.now() - started, stdout };
}

/**
 * What a power user would do instead: mirror the same folders to a local Maildir with mbsync
 * (isync), index them with `notmuch new`, then list every correspondent with `notmuch address`.
 * mbsync downloads whole messages, attachments included.
 */
export async function peerRun(server: DovecotServer, folders: string[], workDir: string, owner: { address: string; aliases: string[] }): Promise<PeerRun> {
  fs.rmSync(workDir, { recursive: true, force: true });
  const local = path.join(workDir, 'mail');
  fs.mkdirSync(local, { recursive: true });
  const mbsyncrc = path.join(workDir, 'mbsyncrc');
  fs.writeFileSync(
    mbsyncrc,
    [
      'IMAPAccount bench',
      // The test certificate names localhost (mbsync 1.4 matches the name, not the IP address).
      'Host localhost',
      `Port ${server.imapsPort}`,
      'User alice',
      'Pass alice-password',
      'SSLType IMAPS',
      `CertificateFile ${server.caFile}`,
      '',
      'IMAPStore remote',
      'Account bench',
      '',
      'MaildirStore local',
      `Path ${local}/`,
      `Inbox ${local}/INBOX`,
      'SubFolders Verbatim',
      '',
      'Channel bench',
      'Far :remote:',
      'Near :local:',
      `Patterns ${folders.map((folder) => `"${folder}"`).join(' ')}`,
      'Create Near',
      'Sync Pull',
      'SyncState *',
      '',
    ].join('\n'),
  );
  const notmuchConfig = path.join(workDir, 'notmuch-config');
  fs.writeFileSync(
    notmuchConfig,
    ['[database]', `path=${local}`, '', '[user]', 'name=Bench', `primary_email=${owner.address}`, `other_email=${owner.aliases.join(';')}`, '', '[new]', 'tags=inbox;', '', '[maildir]', 'synchronize_flags=false', ''].join('\n'),
  );
  const env = { ...process.env, NOTMUCH_CONFIG: notmuchConfig, HOME: workDir };
  const mbsync = await timed('mbsync', ['-q', '-c', mbsyncrc, '-a'], env);
  const notmuchNew = await timed('notmuch', ['new', '--quiet'], env);
  const address = await timed('notmuch', ['address', '--output=sender', '--output=recipients', '--deduplicate=address', '*'], env);
  const addresses = address.stdout.split('\n').filter((line) => line.trim() !== '').length;
  fs.rmSync(workDir, { recursive: true, force: true });
  return { mbsyncMs: mbsync.ms, notmuchNewMs: notmuchNew.ms, notmuchAddressMs: address.ms, addresses, totalMs: mbsync.ms + notmuchNew.ms + address.ms };
}
