import { describe, expect, it } from 'vitest';
import { isNoreplyLocalPart } from '../../../src-main/core/network/headers/index.js';

describe('isNoreplyLocalPart', () => {
  it.each([
    'noreply',
    'NoReply',
    'no-reply',
    'no_reply',
    'no.reply',
    'noreply+abc',
    'noreply-12345',
    'noreply2',
    'noreplies',
    'ebay-noreply',
    'jobs-noreply',
    'accountnoreply',
    'donotreply',
    'do-not-reply',
    'do_not_reply',
    'DoNotReply',
    'dontreply',
    'do-not-respond',
    'no-response',
    'mailer-daemon',
    'MAILER-DAEMON',
    'mailerdaemon',
    'postmaster',
    'notifications',
    'notification',
    'notifications-xyz',
    'calendar-notification',
    'linkedin.notifications',
    'bounce',
    'bounces',
    'bounce-123',
    'bounces+abc=example.com',
    'bounce123',
    'msprvs1=18123=bounces-4567',
  ])('%s is noreply-like', (local) => {
    expect(isNoreplyLocalPart(local)).toBe(true);
  });

  it.each([
    'norman',
    'noreen',
    'nora',
    'nora.reply',
    'arno.reply',
    'reply',
    'replies',
    'no',
    'notify-me-not',
    'notion',
    'note',
    'bouncer-jane',
    'bouncer',
    'postmasters-guild',
    'mailer',
    'daemon',
    'info',
    'support',
    'hello',
    'jane.doe',
    '',
  ])('%s is a person (or at least someone who reads replies)', (local) => {
    expect(isNoreplyLocalPart(local)).toBe(false);
  });

  it('accepts a whole address and looks at its local part only', () => {
    expect(isNoreplyLocalPart('noreply@example.com')).toBe(true);
    expect(isNoreplyLocalPart('jane@noreply.example.com')).toBe(false);
    expect(isNoreplyLocalPart('jane@postmaster.example.com')).toBe(false);
  });
});
