import { describe, expect, it } from 'vitest';
import { classifyMessage, extractMessageFacts, type ClassifiableFacts, type MessageFacts } from '../../../src-main/core/network/headers/index.js';

const own = new Set(['me@mine.example', 'alias@mine.example', 'meme@gmail.com']);
const isOwn = (address: string): boolean => own.has(address);
const factsOf = (...lines: string[]): MessageFacts => {
  const result = extractMessageFacts(`${lines.join('\r\n')}\r\n\r\n`, { internalDate: new Date('2024-01-09T13:25:00Z'), storeSubjects: false });
  if (result.malformed) throw new Error(result.reason);
  return result;
};

describe('classifyMessage', () => {
  it('sent: every non-own recipient becomes a contact with its role', () => {
    const facts = factsOf('From: Me <me@mine.example>', 'To: Alice <alice@x.com>, alias@mine.example', 'Cc: bob@y.com', 'Bcc: Carol <carol@z.com>');
    expect(classifyMessage(facts, isOwn)).toEqual({
      kind: 'sent',
      contacts: [
        { address: 'alice@x.com', name: 'Alice', role: 'to' },
        { address: 'bob@y.com', name: null, role: 'cc' },
        { address: 'carol@z.com', name: 'Carol', role: 'bcc' },
      ],
    });
  });

  it('sent: one entry per address under the strongest role (to > cc > bcc), keeping a name from any role', () => {
    const facts = factsOf('From: me@mine.example', 'To: alice@x.com', 'Cc: Alice A. <alice@x.com>, bob@y.com', 'Bcc: bob@y.com, Bob <BOB@y.com>');
    expect(classifyMessage(facts, isOwn)).toEqual({
      kind: 'sent',
      contacts: [
        { address: 'alice@x.com', name: 'Alice A.', role: 'to' },
        { address: 'bob@y.com', name: 'Bob', role: 'cc' },
      ],
    });
  });

  it('sent: recognises own Gmail addresses after normalisation', () => {
    const facts = factsOf('From: Me <Me.Me+work@googlemail.com>', 'To: alice@x.com');
    expect(classifyMessage(facts, isOwn).kind).toBe('sent');
  });

  it('sent only to oneself has no counterpart', () => {
    expect(classifyMessage(factsOf('From: me@mine.example', 'To: alias@mine.example'), isOwn)).toEqual({ kind: 'skipped', reason: 'no-counterpart' });
    expect(classifyMessage(factsOf('From: me@mine.example', 'To: undisclosed-recipients:;'), isOwn)).toEqual({ kind: 'skipped', reason: 'no-counterpart' });
  });

  it('received: personal mail naming me in To or Cc makes the sender a contact, and only the sender', () => {
    const expected = { kind: 'received', contact: { address: 'alice@x.com', name: 'Alice', role: 'from' } };
    expect(classifyMessage(factsOf('From: Alice <alice@x.com>', 'To: me@mine.example, bob@y.com', 'Cc: carol@z.com'), isOwn)).toEqual(expected);
    expect(classifyMessage(factsOf('From: Alice <alice@x.com>', 'To: bob@y.com', 'Cc: alias@mine.example'), isOwn)).toEqual(expected);
  });

  it('received with Auto-Submitted: no is still personal', () => {
    expect(classifyMessage(factsOf('From: alice@x.com', 'To: me@mine.example', 'Auto-Submitted: no'), isOwn).kind).toBe('received');
  });

  it('skips mail that does not name me in To or Cc (Bcc copies, unknown aliases)', () => {
    expect(classifyMessage(factsOf('From: alice@x.com', 'To: bob@y.com', 'Bcc: me@mine.example'), isOwn)).toEqual({
      kind: 'skipped',
      reason: 'not-addressed-to-me',
    });
    expect(classifyMessage(factsOf('From: alice@x.com'), isOwn)).toEqual({ kind: 'skipped', reason: 'not-addressed-to-me' });
  });

  it.each([
    ['List-Id: <dev.lists.example.org>', 'list'],
    ['List-Unsubscribe: <mailto:u@x.com>', 'list'],
    ['Precedence: junk', 'bulk-precedence'],
    ['Auto-Submitted: auto-generated', 'auto-submitted'],
  ])('skips bulk mail (%s) in both directions', (line, bulk) => {
    expect(classifyMessage(factsOf('From: alice@x.com', 'To: me@mine.example', line), isOwn)).toEqual({ kind: 'skipped', reason: 'bulk', bulk });
    expect(classifyMessage(factsOf('From: me@mine.example', 'To: alice@x.com', line), isOwn)).toEqual({ kind: 'skipped', reason: 'bulk', bulk });
  });

  it('skips bounces and noreply senders even when addressed to me', () => {
    for (const from of ['MAILER-DAEMON@mx.example', 'no-reply@shop.example', 'notifications@github.example', 'bounces+123@list.example']) {
      expect(classifyMessage(factsOf(`From: ${from}`, 'To: me@mine.example'), isOwn)).toMatchObject({ kind: 'skipped', reason: 'bulk', bulk: 'noreply-sender' });
    }
  });

  it('works on hand-made facts too', () => {
    const facts: ClassifiableFacts = { from: { address: 'alice@x.com', name: null }, to: [{ address: 'me@mine.example', name: 'Me' }], cc: [], bcc: [], bulk: null };
    expect(classifyMessage(facts, isOwn)).toEqual({ kind: 'received', contact: { address: 'alice@x.com', name: null, role: 'from' } });
  });
});
