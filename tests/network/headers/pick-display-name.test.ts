import { describe, expect, it } from 'vitest';
import { pickDisplayName } from '../../../src-main/core/network/headers/index.js';

describe('pickDisplayName', () => {
  it('picks the most frequent name', () => {
    expect(pickDisplayName(new Map([['Bob', 2], ['Robert Smith', 5], ['Bobby', 1]]))).toBe('Robert Smith');
  });

  it('breaks ties by code-unit order, whatever the insertion order', () => {
    expect(pickDisplayName(new Map([['Zed', 3], ['Anna', 3]]))).toBe('Anna');
    expect(pickDisplayName(new Map([['Anna', 3], ['Zed', 3]]))).toBe('Anna');
    expect(pickDisplayName(new Map([['bob', 1], ['Bob', 1]]))).toBe('Bob');
  });

  it('never picks an empty name or an address, however frequent', () => {
    expect(pickDisplayName(new Map([['bob@x.com', 50], ['', 40], ['   ', 30], ['Bob', 1]]))).toBe('Bob');
    expect(pickDisplayName(new Map([['bob@x.com', 50]]))).toBeNull();
    expect(pickDisplayName(new Map())).toBeNull();
  });

  it('merges names that differ only by surrounding whitespace and ignores non-positive counts', () => {
    expect(pickDisplayName(new Map([['Bob ', 2], [' Bob', 2], ['Robert', 3]]))).toBe('Bob');
    expect(pickDisplayName(new Map([['Bob', 0], ['Rob', -1], ['Al', Number.NaN]]))).toBeNull();
  });
});
