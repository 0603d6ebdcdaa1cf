import { z } from 'zod';
import { command } from './define-command.js';

export interface PrivacyReport {
  generatedAt: string;
  /** Row count of every table in the vault. */
  tables: { table: string; rows: number }[];
  subjects: {
    /** The `storeSubjects` setting. */
    storeSubjects: boolean;
    /** Messages whose subject is actually in the vault (from a time the setting was on). */
    storedCount: number;
  };
  /** Rapport never fetches message bodies; nothing else than header facts is stored. */
  bodiesStored: false;
  accounts: {
    id: number;
    address: string;
    host: string;
    /**
     * Folders Rapport has read (examined read-only), with when each was last synced; `identities`
     * folders (Gmail's Sent Mail) are read for their From headers alone.
     */
    foldersRead: { path: string; specialUse: string | null; purpose: 'messages' | 'identities'; syncedAt: string | null }[];
    /** Folders the user excluded: never opened. */
    excludedFolders: string[];
    /** Where the account password or token is kept; it is never exported. */
    secretStorage: 'keychain' | 'vault' | 'none';
  }[];
  sharing: {
    /** Buckets shared with a team, and with whom (empty until sharing exists). */
    sharedBuckets: { bucket: string; members: string[]; fields: string[] }[];
    summary: string;
  };
  /** What left the machine, summarised from the audit log. */
  outbound: {
    entries: number;
    bytes: number;
    byDestination: { destination: string; entries: number; bytes: number; first: string; last: string }[];
    summary: string;
  };
}

export const privacyCommands = {
  'privacy.report': command<PrivacyReport>()(z.object({}).strict()),
};
