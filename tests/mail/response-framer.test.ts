/**
 * ResponseFramer against imapflow's own ImapStream: the same responses (payload and literals,
 * byte for byte) from the same wire bytes, however the bytes are split into chunks, and a clean
 * hand-over of everything from the first response it is told not to keep.
 */
import { describe, expect, it } from 'vitest';
import { FRAMER_MAX_LINE_BYTES, FRAMER_MAX_LITERAL_BYTES, ResponseFramer } from '../../src-main/core/mail/connection/response-framer.js';
import { frame, type FramedResponse } from './imapflow-oracle.js';

const literal = (text: string) => `{${Buffer.byteLength(text, 'latin1')}}\r\n${text}`;
const headers = (uid: number) => `From: m${uid}@example.org\r\nTo: "A {1}" <a@example.org>\r\nDate: x\r\n\r\n`;

/** Wire bytes with every framing case a server can produce. */
const WIRE = Buffer.from(
  [
    `* 1 FETCH (UID 10 BODY[HEADER.FIELDS (FROM)] ${literal(headers(10))})\r\n`,
    `* 2 FETCH (UID 11 BODY[HEADER.FIELDS (FROM)] ${literal('')})\r\n`, // {0}
    `* 3 FETCH (UID 12 BODY[HEADER.FIELDS (FROM)] ${literal('a')} BODY[HEADER.FIELDS (TO)] ${literal('To: b\r\n')})\r\n`, // two literals
    '* 4 FETCH (UID 13 BODY[HEADER.FIELDS (FROM)] "quoted")\n', // LF alone
    '\r\n', // an empty line: no response
    '* 5 FETCH (UID 14 X {}\r\n', // braces without digits: not a literal
    '}\r\n', // a `}` at the start of a line: not a literal
    '* 6 FETCH (UID 15 X {007}\r\nabcdefg)\r\n', // leading zeros
    `* 7 FETCH (UID 16 BODY[HEADER.FIELDS (FROM)] ${literal('line\r\n{3}\r\nnot a marker inside a literal\r\n')})\r\n`,
    '* 8 EXISTS\r\n',
    'A7 OK done\r\n',
  ].join(''),
  'latin1',
);

function framedBy(framer: ResponseFramer, chunks: Buffer[], keepWhile: (index: number, payload: Buffer) => boolean = () => true) {
  const kept: FramedResponse[] = [];
  let handedBack: Buffer | null = null;
  for (const chunk of chunks) {
    if (handedBack) {
      handedBack = Buffer.concat([handedBack, chunk]);
      continue;
    }
    handedBack = framer.frame(chunk, (payload, literals) => {
      if (!keepWhile(kept.length, payload)) return false;
      // Copies: the framer reuses nothing, but the test must not depend on that.
      kept.push({ payload: Buffer.from(payload), literals: literals.map((l) => Buffer.from(l)) });
      return true;
    });
  }
  return { kept, handedBack, held: framer.release() };
}

function splitAt(wire: Buffer, cuts: number[]): Buffer[] {
  const chunks: Buffer[] = [];
  let start = 0;
  for (const cut of [...cuts, wire.length]) {
    chunks.push(wire.subarray(start, cut));
    start = cut;
  }
  return chunks.filter((chunk) => chunk.length > 0);
}

/** A small deterministic generator, so a failing split can be replayed. */
function random(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

describe('ResponseFramer', () => {
  it('frames exactly what ImapStream frames, in one chunk', async () => {
    const expected = await frame(WIRE);
    const { kept, handedBack, held } = framedBy(new ResponseFramer(), [WIRE]);
    expect(kept).toEqual(expected);
    expect(handedBack).toBeNull();
    expect(held).toBeNull();
  });

  it('frames the same whatever the chunk boundaries: every single byte, and 300 random splits', async () => {
    const expected = await frame(WIRE);
    const everyByte = framedBy(new ResponseFramer(), splitAt(WIRE, [...WIRE.keys()].slice(1)));
    expect(everyByte.kept).toEqual(expected);
    const next = random(7);
    for (let round = 0; round < 300; round++) {
      const cuts = [...new Set(Array.from({ length: 1 + Math.floor(next() * 12) }, () => Math.floor(next() * WIRE.length)))].sort((a, b) => a - b);
      const { kept, handedBack, held } = framedBy(new ResponseFramer(), splitAt(WIRE, cuts));
      expect(kept, `cuts ${cuts.join(',')}`).toEqual(expected);
      expect(handedBack).toBeNull();
      expect(held).toBeNull();
    }
  });

  it('holds an unfinished response and hands it over whole when released', () => {
    const framer = new ResponseFramer();
    const partial = Buffer.from(`* 1 FETCH (UID 10 BODY[HEADER.FIELDS (FROM)] {40}\r\nFrom: a`, 'latin1');
    expect(framer.frame(partial, () => true)).toBeNull();
    expect(framer.holding).toBe(true);
    expect(framer.release()).toEqual(partial);
    expect(framer.holding).toBe(false);
  });

  it('hands over the first response it may not keep and every byte after it, across chunks', async () => {
    const expected = await frame(WIRE);
    const refused = expected.findIndex((response) => response.payload.toString('latin1').startsWith('* 6 '));
    expect(refused).toBe(6);
    const next = random(11);
    for (let round = 0; round < 100; round++) {
      const cuts = [...new Set(Array.from({ length: 1 + Math.floor(next() * 8) }, () => Math.floor(next() * WIRE.length)))].sort((a, b) => a - b);
      const { kept, handedBack, held } = framedBy(new ResponseFramer(), splitAt(WIRE, cuts), (_index, payload) => !payload.toString('latin1').startsWith('* 6 '));
      expect(kept).toEqual(expected.slice(0, refused));
      // ImapStream, given the handed-over bytes, reads the rest as it would have.
      expect(held).toBeNull();
      expect(await frame(handedBack!)).toEqual(expected.slice(refused));
    }
  });

  it('leaves over-long lines and literals to ImapStream, which enforces its own limits', () => {
    const longLine = Buffer.from(`* 1 FETCH (UID 1 X "${'x'.repeat(FRAMER_MAX_LINE_BYTES)}")\r\n`, 'latin1');
    expect(new ResponseFramer().frame(longLine, () => true)).toEqual(longLine);
    const unterminated = Buffer.from(`* 1 FETCH (UID 1 X "${'x'.repeat(FRAMER_MAX_LINE_BYTES + 10)}`, 'latin1');
    expect(new ResponseFramer().frame(unterminated, () => true)).toEqual(unterminated);
    const bigLiteral = Buffer.from(`* 1 FETCH (UID 1 BODY[] {${FRAMER_MAX_LITERAL_BYTES + 1}}\r\nFrom`, 'latin1');
    expect(new ResponseFramer().frame(bigLiteral, () => true)).toEqual(bigLiteral);
    const hugeMarker = Buffer.from(`* 1 FETCH (UID 1 BODY[] {99999999999999999999999}\r\n`, 'latin1');
    expect(new ResponseFramer().frame(hugeMarker, () => true)).toEqual(hugeMarker);
    const before = Buffer.from(`* 1 FETCH (UID 2 X "a")\r\n`, 'latin1');
    const kept: string[] = [];
    expect(new ResponseFramer().frame(Buffer.concat([before, bigLiteral]), (payload) => kept.push(payload.toString('latin1')) > 0)).toEqual(bigLiteral);
    expect(kept).toEqual(['* 1 FETCH (UID 2 X "a")']);
  });
});
