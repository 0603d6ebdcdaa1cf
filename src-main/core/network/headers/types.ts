/** An address as Rapport keeps it: normalised (see normalise-address.ts) with its decoded display name, if it had a usable one. */
export interface MailAddress {
  readonly address: string;
  readonly name: string | null;
}

/** Why a message counts as bulk or automated (DESIGN rules 3 and 4). */
export type BulkReason = 'list' | 'bulk-precedence' | 'auto-submitted' | 'noreply-sender';

/** Where a message's date came from (DESIGN rule 7). */
export type DateSource = 'header' | 'internal';

/** Everything the network builder needs from one message's headers; no header text beyond addresses, names and (opt-in) the subject. */
export interface MessageFacts {
  readonly malformed: false;
  /** SHA-256 hex of the normalised Message-ID, or of a canonical header digest when there is none: equal for the same message in every folder. */
  readonly key: string;
  /** SHA-256 hex of the thread root (Gmail thread id, first References id, In-Reply-To or own Message-ID). */
  readonly threadKey: string;
  readonly date: Date;
  readonly dateSource: DateSource;
  /** First usable address of the first From header; a message without one is malformed instead. */
  readonly from: MailAddress;
  /** First usable address of the first Sender header; undefined when there is none. */
  readonly sender?: MailAddress;
  readonly to: readonly MailAddress[];
  readonly cc: readonly MailAddress[];
  readonly bcc: readonly MailAddress[];
  readonly bulk: BulkReason | null;
  /** Address-list entries that were dropped because they held no usable address (From, Sender, To, Cc, Bcc). */
  readonly malformedAddresses: number;
  /** Only present when the user turned subject storage on. */
  readonly subject?: string;
}

export type MalformedReason = 'no-from' | 'no-date' | 'unreadable';

export interface MalformedMessage {
  readonly malformed: true;
  readonly reason: MalformedReason;
}
