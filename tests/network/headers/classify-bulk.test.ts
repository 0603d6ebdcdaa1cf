import { describe, expect, it } from 'vitest';
import { classifyBulk, parseHeaderBlock } from '../../../src-main/core/network/headers/index.js';

const personal = 'From: Alice <alice@example.com>\r\nTo: bob@example.org\r\n';
const classify = (extra: string, from = personal): ReturnType<typeof classifyBulk> => classifyBulk(parseHeaderBlock(from + extra));

describe('classifyBulk', () => {
  it('treats a plain personal message as personal', () => {
    expect(classify('')).toBeNull();
  });

  it('flags mailing lists by List-Id or List-Unsubscribe alone', () => {
    expect(classify('List-Id: Dev list <dev.lists.example.org>\r\n')).toBe('list');
    expect(classify('List-Unsubscribe: <mailto:unsub@example.com>\r\n')).toBe('list');
    expect(classify('list-unsubscribe:\r\n')).toBe('list');
  });

  it('flags Precedence bulk, list and junk in any case, with comments', () => {
    expect(classify('Precedence: bulk\r\n')).toBe('bulk-precedence');
    expect(classify('Precedence: Bulk\r\n')).toBe('bulk-precedence');
    expect(classify('PRECEDENCE: LIST\r\n')).toBe('bulk-precedence');
    expect(classify('Precedence: junk (spam)\r\n')).toBe('bulk-precedence');
    expect(classify('Precedence: first-class\r\n')).toBeNull();
    expect(classify('Precedence: bulky\r\n')).toBeNull();
  });

  it('flags Auto-Submitted unless it says no', () => {
    expect(classify('Auto-Submitted: auto-replied\r\n')).toBe('auto-submitted');
    expect(classify('Auto-Submitted: auto-generated\r\n')).toBe('auto-submitted');
    expect(classify('Auto-Submitted: Auto-Notified; owner-email="x@y"\r\n')).toBe('auto-submitted');
    expect(classify('Auto-Submitted:\r\n')).toBe('auto-submitted');
    expect(classify('Auto-Submitted: no\r\n')).toBeNull();
    expect(classify('Auto-Submitted: No (manually sent)\r\n')).toBeNull();
  });

  it('flags noreply-like senders, bounces included', () => {
    expect(classify('', 'From: Shop <no-reply@shop.example>\r\n')).toBe('noreply-sender');
    expect(classify('', 'From: Mail Delivery Subsystem <MAILER-DAEMON@googlemail.com>\r\n')).toBe('noreply-sender');
    expect(classify('', 'From: postmaster@example.org\r\n')).toBe('noreply-sender');
    expect(classify('', 'From: Norman <norman@example.org>\r\n')).toBeNull();
  });

  it('reports the first signal in rule order', () => {
    expect(classify('Precedence: bulk\r\nList-Id: <x>\r\n', 'From: noreply@x.com\r\n')).toBe('list');
    expect(classify('Auto-Submitted: auto-generated\r\nPrecedence: list\r\n')).toBe('bulk-precedence');
  });

  it('does not choke on a missing or broken From', () => {
    expect(classifyBulk(parseHeaderBlock('To: a@x.com\r\n'))).toBeNull();
    expect(classifyBulk(parseHeaderBlock('From: not an address\r\n'))).toBeNull();
  });
});
