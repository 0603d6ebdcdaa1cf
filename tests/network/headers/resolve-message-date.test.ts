import { describe, expect, it } from 'vitest';
import { resolveMessageDate } from '../../../src-main/core/network/headers/index.js';

const internal = new Date('2024-03-10T12:00:00Z');

describe('resolveMessageDate', () => {
  it('uses the Date header when it parses', () => {
    expect(resolveMessageDate('Sun, 10 Mar 2024 09:30:00 +0000', internal)).toEqual({ date: new Date('2024-03-10T09:30:00Z'), source: 'header' });
  });

  it('keeps a header date hours ahead of arrival (clock skew) and days behind it (slow delivery)', () => {
    expect(resolveMessageDate('Sun, 10 Mar 2024 14:00:00 +0000', internal).source).toBe('header');
    expect(resolveMessageDate('Sun, 3 Mar 2024 14:00:00 +0000', internal).source).toBe('header');
    expect(resolveMessageDate('Mon, 11 Mar 2024 12:00:00 +0000', internal)).toEqual({ date: new Date('2024-03-11T12:00:00Z'), source: 'header' });
  });

  it('falls back to INTERNALDATE when the header is more than a day in the future', () => {
    expect(resolveMessageDate('Mon, 11 Mar 2024 12:00:01 +0000', internal)).toEqual({ date: internal, source: 'internal' });
    expect(resolveMessageDate('Fri, 1 Jan 2038 00:00:00 +0000', internal).source).toBe('internal');
  });

  it('compares instants, not wall clocks: a far-east zone is not "in the future"', () => {
    expect(resolveMessageDate('Mon, 11 Mar 2024 09:00:00 +1400', internal).source).toBe('header');
  });

  it('falls back to INTERNALDATE when the header is missing or unparseable', () => {
    expect(resolveMessageDate(undefined, internal)).toEqual({ date: internal, source: 'internal' });
    expect(resolveMessageDate('', internal).source).toBe('internal');
    expect(resolveMessageDate('yesterday-ish', internal).source).toBe('internal');
  });

  it('returns a copy, never the caller\'s Date', () => {
    const result = resolveMessageDate(undefined, internal);
    expect(result.date).not.toBe(internal);
  });

  it('keeps the header when INTERNALDATE is invalid, and reports an invalid date when both are', () => {
    expect(resolveMessageDate('Sun, 10 Mar 2024 09:30:00 +0000', new Date(Number.NaN)).source).toBe('header');
    expect(Number.isNaN(resolveMessageDate(undefined, new Date(Number.NaN)).date.getTime())).toBe(true);
  });
});
