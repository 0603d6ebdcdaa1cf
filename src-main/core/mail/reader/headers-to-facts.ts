import { extractMessageFacts, parseAddressList, parseHeaderBlock, type MessageFacts } from '../../network/headers/index.js';
import type { HeaderBatch } from './fetch-header-batches.js';
import type { FactBatch, ReadRequest } from './mail-reader.js';

/** Header bytes → facts (DESIGN rules 5–8 live in extractMessageFacts); malformed blocks are counted, never fatal. */
export function headersToFacts(batch: HeaderBatch, request: Pick<ReadRequest, 'purpose' | 'storeSubjects'>): FactBatch {
  const result: FactBatch = { fromUid: batch.fromUid, toUid: batch.toUid, fetched: batch.messages.length, facts: [], malformed: 0, fromAddresses: [] };
  if (request.purpose === 'identities') {
    for (const message of batch.messages) {
      const from = parseAddressList(parseHeaderBlock(message.headers).first('from')).addresses[0];
      if (from) result.fromAddresses.push(from.address);
    }
    return result;
  }
  const facts: MessageFacts[] = result.facts;
  for (const message of batch.messages) {
    const extracted = extractMessageFacts(message.headers, {
      internalDate: message.internalDate,
      gmailThreadId: message.threadId ?? null,
      storeSubjects: request.storeSubjects,
    });
    if (extracted.malformed) result.malformed++;
    else facts.push(extracted);
  }
  return result;
}
