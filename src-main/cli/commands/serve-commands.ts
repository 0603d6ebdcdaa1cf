import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RapportError } from '../../core/errors.js';
import { startHeadlessServer } from '../../serve/headless-server.js';
import type { CliCommand } from '../cli-command.js';
import { UsageError } from '../cli-command.js';

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

const serve: CliCommand = {
  words: ['serve'],
  usage: 'serve [--port N]',
  summary: 'run the app headless: the UI in your browser at 127.0.0.1, over the same command table',
  options: { port: { type: 'string' } },
  needsVault: false,
  async run({ values, io, context }) {
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port needs a port number (0-65535)');
    const rendererDir = path.join(packageRoot, 'dist', 'renderer');
    if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
      throw new RapportError('not_found', 'the UI is not built yet: run `npm run build:renderer` (npm ci does it for you)');
    }
    const server = await startHeadlessServer({ context, rendererDir, port });
    io.out(`Rapport is running at ${server.url}`);
    io.out('Press Ctrl+C to stop.');
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await server.close();
  },
};

export const serveCliCommands: CliCommand[] = [serve];
