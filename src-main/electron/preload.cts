// CommonJS on purpose: sandboxed preload scripts cannot be ES modules.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { RapportApi } from '../../src-shared/api/index.js';
import type { RapportEvent } from '../../src-shared/api/events.js';
import type { RapportErrorShape } from '../../src-shared/errors.js';

type Reply = { ok: true; result: unknown } | { ok: false; error: RapportErrorShape };

// Literal names: a CommonJS preload cannot import the ESM module that defines them.
const IPC_INVOKE = 'rapport:invoke';
const IPC_EVENT = 'rapport:event';

class RapportCallError extends Error {
  constructor(readonly shape: RapportErrorShape) {
    super(shape.message);
  }
}

const api: RapportApi = {
  async invoke(name, args) {
    const reply = (await ipcRenderer.invoke(IPC_INVOKE, name, args)) as Reply;
    if (!reply.ok) throw new RapportCallError(reply.error);
    return reply.result as never;
  },
  onEvent(listener) {
    const forward = (_event: IpcRendererEvent, payload: RapportEvent) => listener(payload);
    ipcRenderer.on(IPC_EVENT, forward);
    return () => ipcRenderer.off(IPC_EVENT, forward);
  },
};

contextBridge.exposeInMainWorld('rapport', api);
