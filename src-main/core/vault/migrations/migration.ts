import type { VaultDatabase } from '../encrypted-database.js';

export interface Migration {
  version: number;
  name: string;
  up(db: VaultDatabase): void;
}
