import type { RapportEvent } from '../../src-shared/api/events.js';

export type EventListener = (event: RapportEvent) => void;

/** Fan-out of core events to every connected adapter (CLI progress line, IPC, WebSocket). */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  on(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: RapportEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A broken listener (a closed socket, say) must not stop the work that emitted the event.
      }
    }
  }
}
