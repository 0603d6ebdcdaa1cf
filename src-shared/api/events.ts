/** Events the core pushes to every adapter: progress of long work and "something changed". */
export interface SyncProgressEvent {
  type: 'sync.progress';
  accountId: number;
  folder: string;
  phase: 'connecting' | 'listing' | 'identities' | 'fetching' | 'building' | 'done' | 'error';
  done: number;
  total: number;
  /** Messages per second over the current folder. */
  rate: number;
}

export interface DataChangedEvent {
  type: 'data.changed';
  /** Which kind of data changed, so views refresh only what they show. */
  scope: 'vault' | 'settings' | 'accounts' | 'contacts' | 'buckets' | 'tasks';
}

export type RapportEvent = SyncProgressEvent | DataChangedEvent;
