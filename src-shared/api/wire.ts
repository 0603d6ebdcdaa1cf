import type { RapportErrorShape } from '../errors.js';
import type { RapportEvent } from './events.js';

/**
 * The headless server's WebSocket protocol: the same command table as IPC, as JSON messages.
 * The client authenticates with the token the server printed (in the socket URL's query).
 */
export interface WireRequest {
  id: number;
  command: string;
  args: unknown;
}

export type WireResponse = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: RapportErrorShape };

export interface WireEvent {
  event: RapportEvent;
}

export type WireServerMessage = WireResponse | WireEvent;

export const WIRE_PATH = '/rapport';
