import { isUtf8 } from 'node:buffer';

/**
 * Raw 8-bit header bytes are UTF-8 in modern mail; anything that is not valid UTF-8 is read as
 * Windows-1252, the superset of Latin-1 that 8-bit Western mail actually uses (WHATWG decodes the
 * "latin1" label the same way). Node's TextDecoder maps windows-1252 to plain Latin-1, so the
 * 0x80–0x9F block is done by hand.
 */
export function decodeHeaderBytes(bytes: Buffer, start: number, end: number): string {
  let ascii = true;
  for (let i = start; i < end; i++) {
    if (bytes[i]! >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return bytes.toString('latin1', start, end);
  const slice = bytes.subarray(start, end);
  if (isUtf8(slice)) return slice.toString('utf8');
  return decodeWindows1252(slice);
}

// Code points for 0x80–0x9F; the five bytes Windows-1252 leaves undefined keep their Latin-1 value.
const C1_BLOCK = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];

function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    out += String.fromCharCode(byte >= 0x80 && byte <= 0x9f ? C1_BLOCK[byte - 0x80]! : byte);
  }
  return out;
}
