import { describe, expect, it } from 'vitest';
import { messageKey, parseHeaderBlock } from '../../../src-main/core/network/headers/index.js';
import { sha256Hex } from '../../../src-main/core/network/headers/sha256-hex.js';

const key = (block: string): string => messageKey({ headers: parseHeaderBlock(block) });

describe('messageKey', () => {
  it('is the SHA-256 hex of the normalised Message-ID', () => {
    expect(key('Message-ID: <abc@example.com>\r\n')).toBe(sha256Hex('abc@example.com'));
    expect(key('Message-ID: <abc@example.com>\r\n')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ignores brackets, whitespace, folding, comments and domain case', () => {
    const expected = key('Message-ID: <abc@example.com>\r\n');
    expect(key('Message-Id:   <abc@EXAMPLE.com>  \r\n')).toBe(expected);
    expect(key('MESSAGE-ID:\r\n <abc@example.com>\r\n')).toBe(expected);
    expect(key('Message-ID: <abc@example.com> (by relay)\r\n')).toBe(expected);
    expect(key('Message-ID: abc@example.com\r\n')).toBe(expected);
  });

  it('keeps the local part case-sensitive (RFC 5322)', () => {
    expect(key('Message-ID: <ABC@example.com>\r\n')).not.toBe(key('Message-ID: <abc@example.com>\r\n'));
  });

  it('takes an explicit Message-ID over the headers', () => {
    expect(messageKey({ messageId: '<abc@example.com>', headers: parseHeaderBlock('') })).toBe(sha256Hex('abc@example.com'));
  });

  it('is identical for the same message in two folders without a Message-ID', () => {
    const inbox = 'From: Alice <alice@example.com>\r\nTo: bob@example.org, Carol <carol@example.net>\r\nCc: dave@x.com\r\nDate: Tue, 9 Jan 2024 14:22:01 +0100\r\n\r\n';
    // same message as another folder returns it: fields reordered, re-folded, another zone spelling
    const archive = 'Date: Tue, 09 Jan 2024 13:22:01 +0000\r\nCC: Dave <DAVE@x.com>\r\nTo: "Carol" <carol@example.net>,\r\n bob@example.org\r\nFrom: alice@EXAMPLE.com\r\nSubject: stored only on opt-in\r\nBcc: secret@x.com\r\n\r\n';
    expect(key(inbox)).toBe(key(archive));
    expect(key(inbox)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('tells apart different messages without a Message-ID', () => {
    const base = 'From: alice@example.com\r\nTo: bob@example.org\r\nDate: Tue, 9 Jan 2024 14:22:01 +0100\r\n';
    expect(key(base)).not.toBe(key(base.replace('14:22:01', '14:22:02')));
    expect(key(base)).not.toBe(key(base.replace('bob@', 'rob@')));
    expect(key(base)).not.toBe(key(`${base}Cc: carol@x.com\r\n`));
    expect(key(base)).not.toBe(key(`${base}In-Reply-To: <parent@x>\r\n`));
  });

  it('is stable across runs and releases: stored keys must keep matching (pinned values)', () => {
    expect(key('Message-ID: <abc@example.com>\r\n')).toBe('9eceb13483d7f187ec014fd6d4854d1420cfc634328af85f51d0323ba8622e21');
    expect(key('From: alice@example.com\r\nTo: bob@example.org\r\nDate: garbage date\r\n')).toBe(
      '6a7f0dda0c0f3d843e903a8b94ab0ddfd46efe43793fe5a4a98bce772d2015df',
    );
  });

  it('falls back when the Message-ID is empty', () => {
    const withEmptyId = 'Message-ID: <>\r\nFrom: alice@example.com\r\nTo: bob@example.org\r\n';
    expect(key(withEmptyId)).toBe(key('From: alice@example.com\r\nTo: bob@example.org\r\n'));
  });
});
