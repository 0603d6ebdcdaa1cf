import { AUTH_KINDS, PROVIDERS, SECURITY_KINDS, type Account, type AuthKind, type Provider, type Security, type SyncReport, type SyncStats } from '../../../src-shared/api/mail.js';
import type { SyncProgressEvent } from '../../../src-shared/api/events.js';
import type { CliCommand } from '../cli-command.js';
import { UsageError } from '../cli-command.js';
import type { CliIo } from '../cli-io.js';
import { EXIT } from '../exit-codes.js';
import { printJson, printTable } from '../output.js';

function positiveInteger(text: string | undefined, what: string): number {
  const value = Number(text);
  if (text === undefined || !/^\d+$/.test(text) || !Number.isSafeInteger(value) || value <= 0) throw new UsageError(`${what} must be a positive whole number, not ${JSON.stringify(text ?? '')}`);
  return value;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], option: string): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) throw new UsageError(`${option} must be one of ${allowed.join(', ')}`);
  return value as T;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The secret comes from an environment variable, stdin, or a hidden prompt: never from the command line. */
async function readSecret(io: CliIo, values: Record<string, unknown>, authKind: AuthKind, address: string): Promise<string> {
  const fromEnv = optionalString(values['password-env']);
  const fromStdin = values['password-stdin'] === true;
  const what = authKind === 'oauth2' ? 'access token' : 'password';
  if (fromEnv !== undefined && fromStdin) throw new UsageError('give the password either with --password-env or with --password-stdin, not both');
  if (fromEnv !== undefined) {
    const secret = io.env[fromEnv];
    if (secret === undefined || secret === '') throw new UsageError(`the environment variable ${fromEnv} (--password-env) is not set or empty`);
    return secret;
  }
  if (fromStdin) {
    const secret = (await io.readStdin()).replace(/\r?\n$/, '');
    if (secret === '') throw new UsageError(`--password-stdin read an empty ${what}`);
    return secret;
  }
  if (!io.isTTY) throw new UsageError(`no ${what}: pass --password-env VAR or --password-stdin (it is never taken from the command line)`);
  const secret = await io.promptHidden(`${authKind === 'oauth2' ? 'Access token' : 'Password'} for ${address}: `);
  if (secret === '') throw new UsageError(`empty ${what}`);
  return secret;
}

function describeServer(account: Pick<Account, 'host' | 'port' | 'security'>): string {
  return `${account.host}:${account.port} (${account.security})`;
}

const add: CliCommand = {
  words: ['account', 'add'],
  usage:
    'account add --email ADDR [--host HOST] [--port N] [--security tls|starttls|plain] [--user NAME] [--auth password|oauth2] [--provider NAME] [--password-env VAR | --password-stdin] [--ca-file PEM] [--alias ADDR ...]',
  summary: `add a mail account (host, port and security preset for ${PROVIDERS.join(', ')})`,
  options: {
    email: { type: 'string' },
    host: { type: 'string' },
    port: { type: 'string' },
    security: { type: 'string' },
    user: { type: 'string' },
    auth: { type: 'string' },
    provider: { type: 'string' },
    'password-env': { type: 'string' },
    'password-stdin': { type: 'boolean' },
    'ca-file': { type: 'string' },
    alias: { type: 'string', multiple: true },
  },
  needsVault: true,
  async run({ values, io, json, call }) {
    const address = optionalString(values.email);
    if (!address) throw new UsageError('--email is required');
    const authKind = oneOf<AuthKind>(values.auth, AUTH_KINDS, '--auth') ?? 'password';
    const security = oneOf<Security>(values.security, SECURITY_KINDS, '--security');
    const provider = oneOf<Provider>(values.provider, PROVIDERS, '--provider');
    const port = values.port === undefined ? undefined : positiveInteger(optionalString(values.port), '--port');
    const secret = await readSecret(io, values, authKind, address);
    const aliases = Array.isArray(values.alias) ? values.alias.filter((alias): alias is string => typeof alias === 'string') : [];
    const account = await call('accounts.add', {
      address,
      secret,
      authKind,
      aliases,
      ...(values.host === undefined ? {} : { host: optionalString(values.host) }),
      ...(port === undefined ? {} : { port }),
      ...(security === undefined ? {} : { security }),
      ...(provider === undefined ? {} : { provider }),
      ...(values.user === undefined ? {} : { username: optionalString(values.user) }),
      ...(values['ca-file'] === undefined ? {} : { caFile: optionalString(values['ca-file']) }),
    });
    if (json) printJson(io, account);
    else io.out(`Added account ${account.id}: ${account.address} on ${describeServer(account)}. Check it with: rapport account test ${account.id}`);
  },
};

const list: CliCommand = {
  words: ['account', 'list'],
  usage: 'account list [--json]',
  summary: 'list mail accounts',
  needsVault: true,
  async run({ io, json, call }) {
    const accounts = await call('accounts.list', {});
    if (json) return printJson(io, accounts);
    if (accounts.length === 0) return io.out('No accounts. Add one with: rapport account add --email ADDR');
    printTable(
      io,
      ['id', 'address', 'server', 'auth', 'aliases', 'excluded folders', 'last sync'],
      accounts.map((account) => [
        account.id,
        account.address,
        describeServer(account),
        account.authKind,
        account.aliases.join(', '),
        account.excludedFolders.join(', '),
        account.lastSyncedAt ?? 'never',
      ]),
    );
  },
};

const remove: CliCommand = {
  words: ['account', 'remove'],
  usage: 'account remove ID',
  summary: 'remove a mail account and its stored password (contacts already built, and the header facts they came from, stay; `rapport purge` forgets everything)',
  positionals: { min: 1, max: 1 },
  needsVault: true,
  async run({ positionals, io, json, call }) {
    const { removed } = await call('accounts.remove', { id: positiveInteger(positionals[0], 'ID') });
    if (json) printJson(io, { removed });
    else io.out(`Removed account ${removed.id}: ${removed.address}`);
  },
};

const test: CliCommand = {
  words: ['account', 'test'],
  usage: 'account test ID',
  summary: 'connect, log in, list folders and log out, or say clearly why not',
  positionals: { min: 1, max: 1 },
  needsVault: true,
  async run({ positionals, io, json, call }) {
    const result = await call('accounts.test', { id: positiveInteger(positionals[0], 'ID') });
    if (json) return printJson(io, result);
    const layout = result.gmail ? ', Gmail layout: All Mail is read' : '';
    io.out(`Account ${result.accountId}: connected to ${describeServer(result)}, logged in, ${result.folders} folders${layout}, logged out (${result.elapsedMs} ms)`);
  },
};

function excludeCommand(mode: 'exclude' | 'include'): CliCommand {
  return {
    words: ['account', mode],
    usage: `account ${mode} ID FOLDER ...`,
    summary: mode === 'exclude' ? 'never read these folders of an account' : 'read these folders again',
    positionals: { min: 2, max: 1000 },
    needsVault: true,
    async run({ positionals, io, json, call }) {
      const id = positiveInteger(positionals[0], 'ID');
      const folders = positionals.slice(1);
      const current = (await call('accounts.list', {})).find((account) => account.id === id);
      const existing = current?.excludedFolders ?? [];
      const next = mode === 'exclude' ? [...existing, ...folders] : existing.filter((folder) => !folders.includes(folder));
      const account = await call('accounts.setExcludedFolders', { id, folders: next });
      if (json) printJson(io, account);
      else io.out(account.excludedFolders.length === 0 ? `Account ${id}: every folder is read` : `Account ${id}: never reads ${account.excludedFolders.join(', ')}`);
    },
  };
}

const number = (value: number) => value.toLocaleString('en-US');

function summaryLine(stats: SyncStats): string {
  const parts = [
    `${number(stats.messagesRead)} messages read`,
    `${number(stats.contactsCreated)} contacts created`,
    `${number(stats.interactionsAdded)} interactions added`,
    `${number(stats.skippedBulk)} skipped as bulk/automated`,
    `${number(stats.malformed)} malformed headers skipped`,
  ];
  const extra = [`${stats.foldersRead} folders read`, `${stats.foldersUnchanged} unchanged`];
  if (stats.duplicates > 0) extra.push(`${number(stats.duplicates)} already stored`);
  if (stats.reconnects > 0) extra.push(`${stats.reconnects} reconnects`);
  return `${parts.join(', ')} (${extra.join(', ')}; ${(stats.elapsedMs / 1000).toFixed(1)} s)`;
}

const BAR_WIDTH = 24;

/** A bar on a terminal; elsewhere (pipes, logs, CI) one plain line per folder and per second at most. */
function progressPrinter(io: CliIo) {
  const lastLine = new Map<string, number>();
  let shown = false;
  return {
    onEvent(event: SyncProgressEvent) {
      if (event.phase !== 'fetching' && event.phase !== 'identities') return;
      const what = event.phase === 'identities' ? 'own addresses from' : 'reading';
      const counts = `${number(event.done)}/${number(event.total)} messages${event.rate > 0 ? `, ${number(event.rate)}/s` : ''}`;
      if (io.isTTY) {
        const ratio = event.total > 0 ? Math.min(1, event.done / event.total) : 1;
        const filled = Math.round(ratio * BAR_WIDTH);
        io.status(`account ${event.accountId} ${what} ${event.folder} [${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${Math.round(ratio * 100)}% ${counts}`);
        shown = true;
        return;
      }
      const key = `${event.accountId}\u0000${event.folder}`;
      const now = Date.now();
      const finished = event.done >= event.total && event.total > 0;
      const previous = lastLine.get(key);
      if (previous !== undefined && !finished && now - previous < 1000) return;
      if (previous === -1) return;
      lastLine.set(key, finished ? -1 : now);
      io.status(`account ${event.accountId} ${what} ${event.folder}: ${counts}`);
    },
    clear() {
      if (shown) io.status('');
    },
  };
}

function printReport(io: CliIo, report: SyncReport): number {
  for (const account of report.accounts) {
    if (account.status === 'ok') io.out(`Account ${account.accountId} (${account.address}): ${summaryLine(account.stats)}`);
    else io.err(`rapport: account ${account.accountId} (${account.address}): ${account.error?.message ?? 'failed'}`);
  }
  const failed = report.accounts.filter((account) => account.status === 'failed').length;
  if (report.accounts.length > 1 && failed < report.accounts.length) io.out(`Total: ${summaryLine(report.totals)}`);
  return failed > 0 ? EXIT.failure : EXIT.ok;
}

const sync: CliCommand = {
  words: ['sync'],
  usage: 'sync [--account ID] [--batch-size N] [--json]',
  summary: 'read new mail headers (read-only) and update contacts',
  options: { account: { type: 'string' }, 'batch-size': { type: 'string' } },
  needsVault: true,
  async run({ values, io, json, call, onEvent }) {
    const accountId = values.account === undefined ? undefined : positiveInteger(optionalString(values.account), '--account');
    const batchSize = values['batch-size'] === undefined ? undefined : positiveInteger(optionalString(values['batch-size']), '--batch-size');
    const accounts = await call('accounts.list', {});
    if (accounts.length === 0) throw new UsageError('no mail account yet: add one with `rapport account add --email ADDR`');
    const progress = progressPrinter(io);
    const unsubscribe = json ? () => undefined : onEvent((event) => event.type === 'sync.progress' && progress.onEvent(event));
    let report: SyncReport;
    try {
      report = await call('mail.sync', { ...(accountId === undefined ? {} : { accountId }), ...(batchSize === undefined ? {} : { batchSize }) });
    } finally {
      unsubscribe();
      progress.clear();
    }
    if (json) {
      printJson(io, report);
      return report.accounts.some((account) => account.status === 'failed') ? EXIT.failure : EXIT.ok;
    }
    return printReport(io, report);
  },
};

export const mailCliCommands: CliCommand[] = [add, list, remove, test, excludeCommand('exclude'), excludeCommand('include'), sync];
