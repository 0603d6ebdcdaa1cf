/**
 * A throwaway Dovecot IMAP server for tests and benchmarks: loopback only, ephemeral ports,
 * its own config, certificates, users and Maildirs in a fresh temp dir.
 *
 * Dovecot facts this relies on (Debian 2.3.19):
 * - It runs from its own config without touching /etc/dovecot: base_dir, state_dir and log
 *   paths point into the temp dir, and `chroot =` is cleared for imap-login and anvil.
 * - It refuses mail access as root ("Mail access not allowed for root") and imap-login as root
 *   ("This process must not be run as root"). So when tests run as root, mail processes and
 *   login run as `nobody`, and the Maildir directories are handed to nobody (files stay
 *   root-owned and 0644: Dovecot only needs to write its index files and rename in cur/).
 *   As an ordinary user everything runs as that user.
 * - The mail file name's S=/W= sizes are trusted (wrong sizes break FETCH), see the generator.
 * - `rawlog_dir = %h/rawlog` (not "~/") makes each post-login IMAP session write its client
 *   bytes to <home>/rawlog/*.in; the login exchange itself (and so the password) is not logged.
 * - Maildir++ keeps UIDVALIDITY in `dovecot-uidlist` and the indexes; deleting them (plus the
 *   mailbox list index cache) makes Dovecot renumber the same messages under a new UIDVALIDITY.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { FOLDERS, SPECIAL_USE_FOLDERS, hasGmailLayout, maildirFolderPath, type MailLayout } from '../fixtures/mailbox-generator.js';

const run = promisify(execFile);

export interface DovecotUser {
  user: string;
  pass: string;
  /** Serve this existing Maildir++ root (e.g. a pre-generated benchmark mailbox). */
  maildir?: string;
}

export interface StartDovecotOptions {
  /** Default: one user alice / "alice-password". */
  users?: DovecotUser[];
  /**
   * Which special-use folders the namespace declares (and auto-creates). Default: 'gmail' if
   * the first user's pre-generated maildir has "[Gmail]/All Mail", else 'standard'.
   */
  layout?: MailLayout;
  /** Log every post-login session (default true). Turn off for benchmarks: .out logs get big. */
  rawlog?: boolean;
  /** Extra dovecot.conf lines, e.g. "imap_capability = +XFOO". */
  extraConfig?: string;
  /** Keep the temp dir after stop() (for debugging). Also on with RAPPORT_KEEP_DOVECOT=1. */
  keep?: boolean;
}

export interface ImapConnectOptions {
  host: string;
  port: number;
  secure: boolean;
  doSTARTTLS?: boolean;
  tls?: { ca: Buffer[]; servername?: string };
  auth: { user: string; pass: string };
  logger: false;
}

export interface DovecotServer {
  host: '127.0.0.1';
  /** Implicit TLS. */
  imapsPort: number;
  /** Plaintext with STARTTLS offered. */
  imapPort: number;
  /** PEM of the CA that signed the server certificate (SAN 127.0.0.1 and localhost). */
  caFile: string;
  /** PEM of an unrelated CA: trusting only it must make the TLS handshake fail. */
  wrongCaFile: string;
  users: DovecotUser[];
  layout: MailLayout;
  dir: string;
  configPath: string;
  logPath: string;
  pid: number;
  /** Maildir++ root of a user (default: the first user). */
  maildir(user?: string): string;
  /** Directory of one folder inside a user's Maildir. */
  folderPath(user: string, folder: string): string;
  /**
   * imapflow options for a user: 'tls' = IMAPS port trusting caFile; 'starttls' = imap port
   * upgraded with STARTTLS; 'plain' = imap port, no TLS (commands readable by the proxy).
   */
  connectOptions(user?: string, mode?: 'tls' | 'starttls' | 'plain'): ImapConnectOptions;
  /** Client→server bytes of every finished post-login session, oldest first, timestamps stripped. */
  readClientCommands(user?: string): Promise<string>;
  /** Server→client bytes, same rules. */
  readServerResponses(user?: string): Promise<string>;
  /** Forget logged sessions (e.g. between the "before" snapshot and the sync under test). */
  clearRawlog(user?: string): Promise<void>;
  /** UIDVALIDITY as Dovecot reports it (via doveadm). */
  uidValidity(user: string, folder: string): Promise<number>;
  /** Change UIDVALIDITY in place, keeping UIDs (doveadm mailbox update). */
  setUidValidity(user: string, folder: string, uidValidity: number): Promise<void>;
  /**
   * Simulate a server-side rebuild: same messages, new UIDVALIDITY, UIDs renumbered from
   * `nextUid` (default 1). Close IMAP sessions on that folder first. Returns old and new values.
   */
  resetFolder(user: string, folder: string, opts?: { uidValidity?: number; nextUid?: number }): Promise<{ before: number | null; after: number }>;
  doveadm(args: string[]): Promise<string>;
  readLog(): Promise<string>;
  /** Stops Dovecot, waits until no process of its group is left, removes the temp dir. */
  stop(): Promise<void>;
}

const live = new Set<number>();
let exitHookInstalled = false;

/** Start Dovecot and resolve once both ports accept connections. */
export async function startDovecot(opts: StartDovecotOptions = {}): Promise<DovecotServer> {
  const users = opts.users ?? [{ user: 'alice', pass: 'alice-password' }];
  if (users.length === 0) throw new Error('at least one user');
  for (const u of users) {
    if (!/^[a-z0-9._-]+$/i.test(u.user) || /[:\s]/.test(u.pass)) throw new Error(`unsupported user/password: ${u.user}`);
  }
  const firstMaildir = users[0]!.maildir;
  const layout = opts.layout ?? (firstMaildir && hasGmailLayout(firstMaildir) ? 'gmail' : 'standard');
  const rawlog = opts.rawlog ?? true;
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'rapport-dovecot-'));
  await fsp.chmod(dir, 0o755); // the unprivileged mail user must traverse it
  const ids = identities();
  const certs = await makeCertificates(dir);

  const homes = new Map<string, string>();
  const maildirs = new Map<string, string>();
  const passwd: string[] = [];
  for (const u of users) {
    const home = path.join(dir, 'home', u.user);
    const maildir = u.maildir ? path.resolve(u.maildir) : path.join(home, 'Maildir');
    for (const d of [home, path.join(home, 'rawlog'), maildir, ...['cur', 'new', 'tmp'].map((s) => path.join(maildir, s))]) {
      await fsp.mkdir(d, { recursive: true });
    }
    await handOver([home, path.join(home, 'rawlog')], ids);
    await handOverMaildir(maildir, ids);
    homes.set(u.user, home);
    maildirs.set(u.user, maildir);
    passwd.push(`${u.user}:{PLAIN}${u.pass}:${ids.mailUid}:${ids.mailGid}::${home}::userdb_mail=maildir:${maildir}`);
  }
  const passwdFile = path.join(dir, 'passwd');
  await fsp.writeFile(passwdFile, passwd.join('\n') + '\n', { mode: 0o600 });

  const logPath = path.join(dir, 'log', 'dovecot.log');
  await fsp.mkdir(path.dirname(logPath), { recursive: true });
  const configPath = path.join(dir, 'dovecot.conf');
  const writeConfig = (imapPort: number, imapsPort: number): Promise<void> =>
    fsp.writeFile(configPath, renderConfig({ dir, logPath, passwdFile, certs, imapPort, imapsPort, layout, ids, rawlog, extra: opts.extraConfig ?? '' }));
  let launched: Launched;
  try {
    launched = await launch(dir, configPath, logPath, writeConfig);
  } catch (e) {
    if (!opts.keep && process.env.RAPPORT_KEEP_DOVECOT !== '1') await fsp.rm(dir, { recursive: true, force: true });
    throw e;
  }
  const { imapPort, imapsPort, pid, child, exitPromise } = launched;

  const userOf = (user?: string): DovecotUser => {
    const u = user === undefined ? users[0] : users.find((x) => x.user === user);
    if (!u) throw new Error(`no such user: ${user}`);
    return u;
  };
  const rawlogDir = (user?: string): string => {
    if (!rawlog) throw new Error('rawlog is off for this server');
    return path.join(homes.get(userOf(user).user)!, 'rawlog');
  };
  const doveadm = async (args: string[]): Promise<string> => (await run(binary('doveadm'), ['-c', configPath, ...args])).stdout;
  let stopping: Promise<void> | undefined;

  const server: DovecotServer = {
    host: '127.0.0.1',
    imapsPort,
    imapPort,
    caFile: certs.caFile,
    wrongCaFile: certs.wrongCaFile,
    users,
    layout,
    dir,
    configPath,
    logPath,
    pid,
    maildir: (user) => maildirs.get(userOf(user).user)!,
    folderPath: (user, folder) => maildirFolderPath(maildirs.get(userOf(user).user)!, folder),
    connectOptions(user, mode = 'tls') {
      const u = userOf(user);
      const auth = { user: u.user, pass: u.pass };
      const tls = { ca: [fs.readFileSync(certs.caFile)] };
      if (mode === 'tls') return { host: '127.0.0.1', port: imapsPort, secure: true, tls, auth, logger: false };
      if (mode === 'starttls') return { host: '127.0.0.1', port: imapPort, secure: false, doSTARTTLS: true, tls, auth, logger: false };
      return { host: '127.0.0.1', port: imapPort, secure: false, doSTARTTLS: false, auth, logger: false };
    },
    readClientCommands: (user) => readRawlog(rawlogDir(user), '.in'),
    readServerResponses: (user) => readRawlog(rawlogDir(user), '.out'),
    async clearRawlog(user) {
      const d = rawlogDir(user);
      for (const f of await fsp.readdir(d)) await fsp.rm(path.join(d, f), { force: true });
    },
    async uidValidity(user, folder) {
      const out = await doveadm(['mailbox', 'status', '-u', user, 'uidvalidity', folder]);
      const m = /uidvalidity=(\d+)/.exec(out);
      if (!m) throw new Error(`doveadm mailbox status: ${out}`);
      return Number(m[1]);
    },
    async setUidValidity(user, folder, uidValidity) {
      await doveadm(['mailbox', 'update', '-u', user, '--uid-validity', String(uidValidity), folder]);
    },
    async resetFolder(user, folder, o = {}) {
      const root = maildirs.get(userOf(user).user)!;
      const fdir = maildirFolderPath(root, folder);
      const uidlist = path.join(fdir, 'dovecot-uidlist');
      const header = /^3 V(\d+)/.exec(await readIf(uidlist));
      const before = header ? Number(header[1]) : null;
      const after = o.uidValidity ?? (before !== null ? before + 1 : Math.floor(Date.now() / 1000));
      if (after === before) throw new Error('new UIDVALIDITY must differ');
      // Drop UID map and indexes of the folder, and the list index that caches its STATUS.
      for (const d of new Set([fdir, root])) {
        for (const f of await fsp.readdir(d)) {
          const own = d === fdir && (f === 'dovecot-uidlist' || f.startsWith('dovecot.index'));
          if (own || (d === root && f.startsWith('dovecot.list.index'))) await fsp.rm(path.join(d, f), { force: true });
        }
      }
      await fsp.writeFile(uidlist, `3 V${after} N${o.nextUid ?? 1}\n`);
      await handOver([uidlist], ids);
      return { before, after };
    },
    doveadm,
    readLog: () => readIf(logPath),
    stop() {
      stopping ??= (async () => {
        await killGroup(pid, child, exitPromise);
        live.delete(pid);
        if (!opts.keep && process.env.RAPPORT_KEEP_DOVECOT !== '1') await fsp.rm(dir, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
  return server;
}

// --- processes ----------------------------------------------------------------------------------

interface Launched {
  imapPort: number;
  imapsPort: number;
  pid: number;
  child: ChildProcess;
  exitPromise: Promise<void>;
}

/**
 * Probe two free ports, write the config, start the master and wait for both listeners.
 * Retried: between probing a port and Dovecot binding it another test worker may take it.
 */
async function launch(
  dir: string, configPath: string, logPath: string, writeConfig: (imap: number, imaps: number) => Promise<void>,
): Promise<Launched> {
  let lastError = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    const [imapPort, imapsPort] = (await freePorts(2)) as [number, number];
    await writeConfig(imapPort, imapsPort);
    const stderrPath = path.join(dir, 'log', 'master.stderr');
    const stderrFd = fs.openSync(stderrPath, 'a');
    // -F keeps the master in the foreground so we own its pid; detached makes it a process
    // group leader, so stop() can check (and if need be kill) every Dovecot child in one go.
    const child = spawn(binary('dovecot'), ['-F', '-c', configPath], { detached: true, stdio: ['ignore', stderrFd, stderrFd] });
    fs.closeSync(stderrFd);
    child.unref();
    const pid = child.pid;
    if (pid === undefined) throw new Error('could not spawn dovecot');
    live.add(pid);
    installExitHook();
    let exited = false;
    const exitPromise = new Promise<void>((resolve) => child.once('exit', () => {
      exited = true;
      resolve();
    }));
    try {
      await waitForPorts([imapPort, imapsPort], () => exited, 10_000);
      return { imapPort, imapsPort, pid, child, exitPromise };
    } catch (e) {
      await killGroup(pid, child, exitPromise);
      live.delete(pid);
      lastError = `${(e as Error).message}\n${await readIf(logPath)}${await readIf(stderrPath)}`;
      if (!/Address already in use/.test(lastError)) break;
    }
  }
  throw new Error(`Dovecot did not start: ${lastError}`);
}

function binary(name: 'dovecot' | 'doveadm'): string {
  const env = process.env[name === 'dovecot' ? 'DOVECOT_BIN' : 'DOVEADM_BIN'];
  if (env) return env;
  for (const d of ['/usr/sbin', '/usr/bin', '/usr/local/sbin', '/usr/local/bin']) {
    if (fs.existsSync(path.join(d, name))) return path.join(d, name);
  }
  return name;
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM the whole group (the master alone takes ~1 s to wind down), SIGKILL leftovers. */
async function killGroup(pid: number, child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    try {
      process.kill(-pid, 'SIGTERM'); // the whole group: children need not wait for the master
    } catch {
      /* already gone */
    }
    await Promise.race([exited, sleep(5000)]);
  }
  for (let i = 0; groupAlive(pid) && i < 100; i++) {
    if (i === 20 || i === 60) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        /* gone meanwhile */
      }
    }
    await sleep(50);
  }
  if (groupAlive(pid)) throw new Error(`Dovecot process group ${pid} survived SIGKILL`);
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // A test that forgets stop() (or a crashed worker) must not leave Dovecot running.
  process.once('exit', () => {
    for (const pid of live) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  });
}

/** Free loopback ports: listen on port 0, note the port, close (a tiny race we accept). */
export async function freePorts(count: number): Promise<number[]> {
  const servers: net.Server[] = [];
  try {
    const ports: number[] = [];
    for (let i = 0; i < count; i++) {
      const s = net.createServer();
      servers.push(s);
      await new Promise<void>((resolve, reject) => s.once('error', reject).listen(0, '127.0.0.1', resolve));
      ports.push((s.address() as net.AddressInfo).port);
    }
    return ports;
  } finally {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  }
}

async function waitForPorts(ports: number[], gaveUp: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const port of ports) {
    for (;;) {
      if (gaveUp()) throw new Error('dovecot exited');
      if (await canConnect(port)) break;
      if (Date.now() > deadline) throw new Error(`port ${port} not accepting connections`);
      await sleep(20);
    }
  }
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
export function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

// --- users and permissions ----------------------------------------------------------------------

interface Identities {
  root: boolean;
  internalUser: string;
  internalGroup: string;
  loginUser: string;
  mailUid: number;
  mailGid: number;
}

function identities(): Identities {
  const uid = process.getuid?.() ?? 0;
  if (uid !== 0) {
    const name = os.userInfo().username;
    const gid = process.getgid?.() ?? uid;
    const group = readTextSync('/etc/group').split('\n').find((l) => l.split(':')[2] === String(gid))?.split(':')[0];
    return { root: false, internalUser: name, internalGroup: group ?? name, loginUser: name, mailUid: uid, mailGid: gid };
  }
  const nobody = readTextSync('/etc/passwd').split('\n').find((l) => l.startsWith('nobody:'))?.split(':');
  return { root: true, internalUser: 'root', internalGroup: 'root', loginUser: 'nobody', mailUid: Number(nobody?.[2] ?? 65534), mailGid: Number(nobody?.[3] ?? 65534) };
}

function readTextSync(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

async function handOver(paths: string[], ids: Identities): Promise<void> {
  if (ids.root) for (const p of paths) await fsp.chown(p, ids.mailUid, ids.mailGid);
}

/** Give the mail user the Maildir's directories (and any Dovecot files), not the messages. */
async function handOverMaildir(root: string, ids: Identities): Promise<void> {
  if (!ids.root) return;
  const dirs = [root];
  for (const e of await fsp.readdir(root, { withFileTypes: true })) {
    if (e.isDirectory() && e.name.startsWith('.')) dirs.push(path.join(root, e.name));
  }
  for (const d of dirs) {
    await handOver([d], ids);
    for (const e of await fsp.readdir(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory() && ['cur', 'new', 'tmp'].includes(e.name)) await handOver([p], ids);
      else if (e.isFile() && (e.name.startsWith('dovecot') || e.name === 'subscriptions' || e.name === 'maildirfolder')) await handOver([p], ids);
    }
  }
}

// --- certificates ----------------------------------------------------------------------------------

interface Certs {
  caFile: string;
  wrongCaFile: string;
  certFile: string;
  keyFile: string;
}

async function makeCertificates(dir: string): Promise<Certs> {
  const d = path.join(dir, 'tls');
  await fsp.mkdir(d);
  const f = (n: string): string => path.join(d, n);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  const ca = (name: string, cn: string): Promise<unknown> =>
    run('openssl', ['req', '-x509', ...ec, '-keyout', f(`${name}.key`), '-out', f(`${name}.pem`), '-days', '3', '-subj', `/CN=${cn}`,
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  await Promise.all([
    ca('ca', 'Rapport Test CA'),
    ca('wrong-ca', 'Unrelated Test CA'),
    run('openssl', ['req', ...ec, '-keyout', f('server.key'), '-out', f('server.csr'), '-subj', '/CN=localhost']),
  ]);
  await fsp.writeFile(f('server.ext'),
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n');
  await run('openssl', ['x509', '-req', '-in', f('server.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-set_serial',
    '0x' + Date.now().toString(16), '-days', '3', '-extfile', f('server.ext'), '-out', f('server.pem')]);
  return { caFile: f('ca.pem'), wrongCaFile: f('wrong-ca.pem'), certFile: f('server.pem'), keyFile: f('server.key') };
}

// --- config ----------------------------------------------------------------------------------------

function renderConfig(c: {
  dir: string; logPath: string; passwdFile: string; certs: Certs; imapPort: number; imapsPort: number;
  layout: MailLayout; ids: Identities; rawlog: boolean; extra: string;
}): string {
  const mailboxes = SPECIAL_USE_FOLDERS[c.layout]
    .map((m) => `  mailbox "${m.name}" {\n    special_use = ${m.specialUse}\n    auto = subscribe\n  }`)
    .join('\n');
  const uid = c.ids.mailUid;
  const gid = c.ids.mailGid;
  // Dovecot rejects one-line blocks ("x { a = b }"), so every block spans several lines.
  return `# Generated by tests/helpers/dovecot.ts
protocols = imap
listen = 127.0.0.1
base_dir = ${c.dir}/run
state_dir = ${c.dir}/state
log_path = ${c.logPath}
info_log_path = ${c.logPath}
default_internal_user = ${c.ids.internalUser}
default_internal_group = ${c.ids.internalGroup}
default_login_user = ${c.ids.loginUser}
first_valid_uid = ${uid}
last_valid_uid = ${uid}
first_valid_gid = ${gid}
last_valid_gid = ${gid}
ssl = yes
ssl_cert = <${c.certs.certFile}
ssl_key = <${c.certs.keyFile}
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
mail_location = maildir:%h/Maildir
${c.rawlog ? 'rawlog_dir = %h/rawlog' : ''}
auth_verbose = yes
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${c.passwdFile}
}
userdb {
  driver = passwd-file
  args = username_format=%u ${c.passwdFile}
}
namespace inbox {
  inbox = yes
  separator = /
  prefix =
${mailboxes}
}
protocol imap {
  mail_max_userip_connections = 500
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${c.imapPort}
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = ${c.imapsPort}
    ssl = yes
  }
}
service anvil {
  chroot =
}
${c.extra}
`;
}

// --- rawlog ----------------------------------------------------------------------------------------

async function readRawlog(dir: string, ext: '.in' | '.out'): Promise<string> {
  const files = (await fsp.readdir(dir)).filter((f) => f.endsWith(ext));
  // Names are <yyyymmdd-hhmmss>.<pid>.<n>; order by the first timestamp inside instead.
  const entries = await Promise.all(files.map(async (f) => {
    const text = await fsp.readFile(path.join(dir, f), 'utf8');
    return { first: Number(/^(\d+\.\d+) /.exec(text)?.[1] ?? 0), text };
  }));
  entries.sort((a, b) => a.first - b.first);
  // Each line starts with "<unix seconds>.<micros> ".
  return entries.map((e) => e.text.replace(/^\d+\.\d+ /gm, '')).join('');
}

async function readIf(file: string): Promise<string> {
  try {
    return await fsp.readFile(file, 'utf8');
  } catch {
    return '';
  }
}

/** Folder names of a layout, re-exported for tests. */
export { FOLDERS };
