/**
 * `messages.key_prefix` (migration 6): the first 48 bits of a message key, so the key's index holds
 * small integers instead of 64 characters of hex. Sync keys are SHA-256 hex; a key from elsewhere
 * (an imported file) that does not start with 12 lower-case hex digits gets a stable hash instead.
 * Part of the stored format: lookups and every migration that writes the column use this one.
 */
export function messageKeyPrefix(key: string): number {
  if (startsWithLowerHex(key, 12)) return Number.parseInt(key.slice(0, 12), 16);
  let hash = 0;
  for (let index = 0; index < key.length; index++) hash = (hash * 31 + key.charCodeAt(index)) % 2 ** 48;
  return hash;
}

function startsWithLowerHex(text: string, length: number): boolean {
  if (text.length < length) return false;
  for (let index = 0; index < length; index++) {
    const code = text.charCodeAt(index);
    if (!((code >= 48 && code <= 57) || (code >= 97 && code <= 102))) return false;
  }
  return true;
}

/** SQL that is true for keys messageKeyPrefix hashes (not 12 leading lower-case hex digits). */
export const KEY_IS_NOT_HEX_PREFIXED = `NOT (substr(key, 1, 12) GLOB '${'[0-9a-f]'.repeat(12)}')`;
