import { describe, expect, it } from 'vitest';
import { decodeAddressRows, encodeAddressRows, type AddressRow } from '../../src-main/core/network/stored-message.js';
import { messageKeyPrefix } from '../../src-main/core/vault/migrations/message-key-prefix.js';

describe('stored message encoding', () => {
  it('writes address rows as JSON that reads back exactly, whatever the names hold', () => {
    const rows: AddressRow[] = [
      { address: 'me@example.org', role: 'from', name: 'Me "the boss" \\ Back\nslash' },
      { address: 'ann@acme.test', role: 'to', name: null },
      { address: 'zoë@exämple.test', role: 'cc', name: 'Zoë 日本 \u2028 😀' },
      { address: 'x@y.test', role: 'bcc', name: '' },
    ];
    const json = encodeAddressRows(rows);
    expect(JSON.parse(json)).toEqual(rows.map((row) => [row.address, row.role, row.name]));
    expect(decodeAddressRows(json)).toEqual(rows);
    expect(encodeAddressRows([])).toBe('[]');
  });

  it('takes the first 48 bits of a hex key, and a stable number for anything else', () => {
    expect(messageKeyPrefix(`0123456789ab${'0'.repeat(52)}`)).toBe(0x0123456789ab);
    expect(messageKeyPrefix('f'.repeat(64))).toBe(0xffffffffffff);
    for (const odd of ['ABCDEF012345', '0123456789a', '0123456789aG', '', 'message-key']) {
      expect(Number.isSafeInteger(messageKeyPrefix(odd))).toBe(true);
      expect(messageKeyPrefix(odd)).toBe(messageKeyPrefix(odd));
    }
    expect(messageKeyPrefix('ABCDEF012345')).not.toBe(0xabcdef012345);
  });
});
