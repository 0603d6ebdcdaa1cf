import { hash } from 'node:crypto';

/** One-shot crypto.hash is about four times cheaper than createHash for short inputs, and keys are made per message. */
export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}
