import type { MessageFacts } from '../../network/headers/index.js';
import type { FactBatch } from '../reader/mail-reader.js';

/**
 * Fetched batches waiting to be committed together. Fetch ranges stay small (steady progress,
 * small responses), while a transaction holds many of them: every commit rewrites each index page
 * it touched, and header facts land on random pages (message keys are hashes), so fewer, larger
 * transactions write far less. A crash loses at most the uncommitted batches, which the next sync
 * fetches again from the checkpoint.
 */
export class PendingBatch {
  facts: MessageFacts[] = [];
  fromAddresses: string[] = [];
  malformed = 0;
  fetched = 0;
  /** Highest UID fetched (gaps included); the checkpoint once committed. 0 = nothing pending. */
  upToUid = 0;
  private since: number | null = null;

  constructor(private readonly clock: () => number = () => performance.now()) {}

  add(batch: FactBatch): void {
    this.since ??= this.clock();
    for (const facts of batch.facts) this.facts.push(facts);
    for (const address of batch.fromAddresses) this.fromAddresses.push(address);
    this.malformed += batch.malformed;
    this.fetched += batch.fetched;
    this.upToUid = Math.max(this.upToUid, batch.toUid);
  }

  isDue(limits: { messages: number; ageMs: number }): boolean {
    return this.fetched >= limits.messages || (this.since !== null && this.clock() - this.since >= limits.ageMs);
  }

  get isEmpty(): boolean {
    return this.upToUid === 0;
  }

  clear(): void {
    this.facts = [];
    this.fromAddresses = [];
    this.malformed = 0;
    this.fetched = 0;
    this.upToUid = 0;
    this.since = null;
  }
}
