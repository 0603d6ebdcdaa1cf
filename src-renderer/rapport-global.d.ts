import type { RapportApi } from '../src-shared/api/index.js';

declare global {
  interface Window {
    /** The core, exposed by the Electron preload or the headless server's client. */
    rapport: RapportApi;
  }
}
