export { HEADER_FIELDS, headerFieldsFor, type HeaderField } from './header-fields.js';
export { RawHeaders } from './raw-headers.js';
export { parseHeaderBlock } from './parse-header-block.js';
export { decodeDisplayName } from './decode-display-name.js';
export { decodeUnstructured } from './decode-unstructured.js';
export { parseAddressList, type ParsedAddressList } from './parse-address-list.js';
export { normaliseAddress } from './normalise-address.js';
export { normaliseDomain } from './normalise-domain.js';
export { isNoreplyLocalPart } from './is-noreply-local-part.js';
export { classifyBulk, classifyBulkFor } from './classify-bulk.js';
export { parseDateHeader } from './parse-date-header.js';
export { resolveMessageDate } from './resolve-message-date.js';
export { firstMessageId } from './message-id.js';
export { messageKey, messageKeyFromParts, type MessageKeyParts } from './message-key.js';
export { threadKey, type ThreadKeyInput } from './thread-key.js';
export { extractMessageFacts, type ExtractOptions } from './extract-message-facts.js';
export {
  classifyMessage,
  type ClassifiableFacts,
  type MessageClassification,
  type ReceivedContact,
  type RecipientRole,
  type SentContact,
  type SkipReason,
} from './classify-message.js';
export { pickDisplayName } from './pick-display-name.js';
export type { BulkReason, DateSource, MailAddress, MalformedMessage, MalformedReason, MessageFacts } from './types.js';
