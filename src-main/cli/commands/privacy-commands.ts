import type { CliCommand } from '../cli-command.js';
import { printJson, printTable } from '../output.js';

const privacy: CliCommand = {
  words: ['privacy'],
  usage: 'privacy [--json]',
  summary: 'what the vault stores, which folders are read, what has been shared or sent',
  needsVault: true,
  async run({ io, json, call }) {
    const report = await call('privacy.report', {});
    if (json) return printJson(io, report);
    io.out('What the vault stores:');
    printTable(io, ['  table', 'rows'], report.tables.map((table) => [`  ${table.table}`, table.rows]));
    io.out('');
    io.out(`Message bodies: never fetched, never stored.`);
    io.out(
      `Subjects: ${report.subjects.storeSubjects ? 'stored (storeSubjects is on)' : 'not stored (storeSubjects is off)'}; ${report.subjects.storedCount} message(s) in the vault have one.`,
    );
    io.out('');
    io.out('Folders read (read-only, headers only):');
    if (report.accounts.length === 0) io.out('  no mail account');
    for (const account of report.accounts) {
      io.out(`  ${account.address} (${account.host}; password in ${account.secretStorage === 'none' ? 'nowhere yet' : `the ${account.secretStorage}`}):`);
      if (account.foldersRead.length === 0) io.out('    none yet');
      for (const folder of account.foldersRead) io.out(`    ${folder.path}${folder.purpose === 'identities' ? ' (From headers only)' : ''}${folder.syncedAt ? `, last read ${folder.syncedAt}` : ''}`);
      if (account.excludedFolders.length > 0) io.out(`    excluded by you: ${account.excludedFolders.join(', ')}`);
    }
    io.out('');
    io.out(`Shared: ${report.sharing.summary}`);
    io.out(`Sent: ${report.outbound.summary}`);
    for (const destination of report.outbound.byDestination) io.out(`  ${destination.destination}: ${destination.bytes} bytes in ${destination.entries} transfer(s), ${destination.first} to ${destination.last}`);
  },
};

export const privacyCliCommands: CliCommand[] = [privacy];
