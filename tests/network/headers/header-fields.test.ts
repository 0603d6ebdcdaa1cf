import { describe, expect, it } from 'vitest';
import { HEADER_FIELDS, headerFieldsFor } from '../../../src-main/core/network/headers/index.js';

describe('HEADER_FIELDS', () => {
  it('lists exactly the fields the rules need, lower-case, without subject', () => {
    expect([...HEADER_FIELDS]).toEqual([
      'from',
      'sender',
      'to',
      'cc',
      'bcc',
      'date',
      'message-id',
      'in-reply-to',
      'references',
      'list-id',
      'list-unsubscribe',
      'precedence',
      'auto-submitted',
    ]);
    expect(Object.isFrozen(HEADER_FIELDS)).toBe(true);
  });

  it('never asks for a body or the subject unless subjects are stored', () => {
    expect(headerFieldsFor({ storeSubjects: false })).not.toContain('subject');
    expect(headerFieldsFor({ storeSubjects: true })).toEqual([...HEADER_FIELDS, 'subject']);
    for (const field of headerFieldsFor({ storeSubjects: true })) expect(field).toMatch(/^[a-z-]+$/);
  });
});
