import type { CommandArgs, CommandName, CommandResult, RapportApi, RapportEvent } from '../../src-shared/api/index.js';
import { WIRE_PATH, type WireServerMessage } from '../../src-shared/api/wire.js';
import type { RapportErrorShape } from '../../src-shared/errors.js';

export class RapportCallError extends Error {
  constructor(readonly shape: RapportErrorShape) {
    super(shape.message);
  }
}

/** `window.rapport` for the headless server: same API as the Electron preload, over WebSocket. */
export function connectWebSocketApi(token: string): RapportApi {
  const socket = new WebSocket(`ws://${location.host}${WIRE_PATH}?token=${encodeURIComponent(token)}`);
  const opened = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new Error('cannot reach the Rapport server')), { once: true });
  });
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  const listeners = new Set<(event: RapportEvent) => void>();
  let nextId = 1;

  socket.addEventListener('message', (message) => {
    const data = JSON.parse(String(message.data)) as WireServerMessage;
    if ('event' in data) {
      for (const listener of listeners) listener(data.event);
      return;
    }
    const waiter = pending.get(data.id);
    if (!waiter) return;
    pending.delete(data.id);
    if (data.ok) waiter.resolve(data.result);
    else waiter.reject(new RapportCallError(data.error));
  });
  socket.addEventListener('close', () => {
    for (const waiter of pending.values()) waiter.reject(new Error('the connection to Rapport closed'));
    pending.clear();
  });

  return {
    async invoke<K extends CommandName>(name: K, args: CommandArgs<K>): Promise<CommandResult<K>> {
      await opened;
      const id = nextId++;
      const result = new Promise<unknown>((resolve, reject) => pending.set(id, { resolve, reject }));
      socket.send(JSON.stringify({ id, command: name, args }));
      return result as Promise<CommandResult<K>>;
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
