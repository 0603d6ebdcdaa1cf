import type { SyncProgressEvent } from '../../../../src-shared/api/events.js';
import type { EventBus } from '../../events.js';

type Phase = SyncProgressEvent['phase'];

/** Emits `sync.progress` for one account; the rate is messages per second over the current folder. */
export class SyncProgress {
  private folder = '';
  private folderStarted = 0;

  constructor(
    private readonly events: EventBus,
    private readonly accountId: number,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  phase(phase: Phase, folder = ''): void {
    this.events.emit({ type: 'sync.progress', accountId: this.accountId, folder, phase, done: 0, total: 0, rate: 0 });
  }

  startFolder(folder: string, phase: 'identities' | 'fetching', total: number): void {
    this.folder = folder;
    this.folderStarted = this.clock();
    this.events.emit({ type: 'sync.progress', accountId: this.accountId, folder, phase, done: 0, total, rate: 0 });
  }

  advance(phase: 'identities' | 'fetching', done: number, total: number): void {
    const seconds = (this.clock() - this.folderStarted) / 1000;
    const rate = seconds > 0 ? Math.round(done / seconds) : 0;
    this.events.emit({ type: 'sync.progress', accountId: this.accountId, folder: this.folder, phase, done, total: Math.max(total, done), rate });
  }
}
