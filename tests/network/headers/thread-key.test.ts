import { describe, expect, it } from 'vitest';
import { threadKey } from '../../../src-main/core/network/headers/index.js';

describe('threadKey', () => {
  it('prefers the Gmail thread id', () => {
    const gmail = threadKey({ gmailThreadId: '1787263419520984213', references: '<root@x>', messageId: '<me@x>' });
    expect(gmail).toBe(threadKey({ gmailThreadId: 1787263419520984213n }));
    expect(gmail).not.toBe(threadKey({ references: '<root@x>' }));
    expect(gmail).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives a first message and all its replies one key', () => {
    const root = threadKey({ messageId: '<root@example.com>' });
    expect(threadKey({ messageId: '<r1@x>', inReplyTo: '<root@example.com>', references: '<root@example.com>' })).toBe(root);
    expect(threadKey({ messageId: '<r2@x>', inReplyTo: '<r1@x>', references: '<root@EXAMPLE.com> <r1@x>' })).toBe(root);
    expect(threadKey({ messageId: '<r3@x>', references: '<root@example.com>\r\n <r1@x>\r\n <r2@x>' })).toBe(root);
  });

  it('falls back to In-Reply-To, then to the own Message-ID', () => {
    expect(threadKey({ inReplyTo: '<parent@x>', messageId: '<me@x>' })).toBe(threadKey({ messageId: '<parent@x>' }));
    expect(threadKey({ references: '<>', inReplyTo: '', messageId: '<me@x>' })).toBe(threadKey({ messageId: '<me@x>' }));
  });

  it('ignores an empty Gmail thread id', () => {
    expect(threadKey({ gmailThreadId: '  ', messageId: '<me@x>' })).toBe(threadKey({ messageId: '<me@x>' }));
    expect(threadKey({ gmailThreadId: null, messageId: '<me@x>' })).toBe(threadKey({ messageId: '<me@x>' }));
  });

  it('makes a message without any id a thread of its own', () => {
    expect(threadKey({ messageKey: 'a'.repeat(64) })).not.toBe(threadKey({ messageKey: 'b'.repeat(64) }));
    expect(threadKey({ messageKey: 'a'.repeat(64) })).toBe(threadKey({ messageKey: 'a'.repeat(64) }));
  });

  it('is stable across runs (pinned value)', () => {
    expect(threadKey({ messageId: '<root@example.com>' })).toBe('a589171a9ba9f1d0e0d77e058c253df80e8bb687562b1b374f464c12fafabc32');
  });

  it('stores no header text', () => {
    expect(threadKey({ references: '<secret-project-x@example.com>' })).not.toContain('secret');
  });
});
