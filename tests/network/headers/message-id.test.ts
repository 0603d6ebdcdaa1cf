import { describe, expect, it } from 'vitest';
import { firstMessageId } from '../../../src-main/core/network/headers/index.js';

describe('firstMessageId', () => {
  it.each([
    ['<abc@example.com>', 'abc@example.com'],
    ['  <abc@Example.COM>  ', 'abc@example.com'],
    ['<ABC.Def@example.com>', 'ABC.Def@example.com'],
    ['<abc@example.com> (added by postmaster)', 'abc@example.com'],
    ['<abc\r\n @example.com>', 'abc@example.com'],
    ['< abc@example.com >', 'abc@example.com'],
    ['abc@example.com', 'abc@example.com'],
    ['(comment) abc@EXAMPLE.com', 'abc@example.com'],
    ['<12345>', '12345'],
    ['<> <real@example.com>', 'real@example.com'],
    ['<first@x> <second@y>', 'first@x'],
    ['<first@x>\r\n <second@y>', 'first@x'],
    ['first@x second@y', 'first@x'],
    ['"Bob\'s message of Mon" <parent@x.com>', 'parent@x.com'],
    ['<unterminated@x.com', 'unterminated@x.com'],
  ])('%j → %s', (value, expected) => {
    expect(firstMessageId(value)).toBe(expected);
  });

  it.each([[undefined], [null], [''], ['   '], ['<>'], ['< >'], ['<><>'], ['(only a comment)']])('%j has no id', (value) => {
    expect(firstMessageId(value)).toBeNull();
  });
});
