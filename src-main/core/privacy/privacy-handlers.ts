import type { privacyCommands } from '../../../src-shared/api/privacy.js';
import type { HandlerTable } from '../handler.js';
import { privacyReport } from './privacy-report.js';

export const privacyHandlers: HandlerTable<typeof privacyCommands> = {
  'privacy.report': (_args, { vault, now }) => privacyReport(vault.db(), vault.mode, now()),
};
