import { addIdentities, ingestMessages } from '../../network/ingest.js';

/**
 * The network module's two entry points the sync feeds. Both run inside the sync's own batch
 * transaction and open nothing themselves. Kept behind this seam so tests can count calls.
 */
export interface NetworkSink {
  ingestMessages: typeof ingestMessages;
  addIdentities: typeof addIdentities;
}

export const networkSink: NetworkSink = { ingestMessages, addIdentities };
