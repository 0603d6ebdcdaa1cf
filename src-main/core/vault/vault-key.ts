import crypto from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(crypto.scrypt) as (
  password: crypto.BinaryLike,
  salt: crypto.BinaryLike,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

export interface ScryptParams {
  salt: string;
  N: number;
  r: number;
  p: number;
}

/** 2^17 × 8 costs ~128 MiB and a fraction of a second: cheap once per unlock, expensive per guess. */
export function newScryptParams(): ScryptParams {
  return { salt: crypto.randomBytes(16).toString('base64'), N: 2 ** 17, r: 8, p: 1 };
}

export async function deriveKeyFromPassphrase(passphrase: string, params: ScryptParams): Promise<Buffer> {
  const maxmem = 128 * params.N * params.r + 64 * 1024 * 1024;
  return scrypt(passphrase.normalize('NFC'), Buffer.from(params.salt, 'base64'), 32, { N: params.N, r: params.r, p: params.p, maxmem });
}

export function newRandomKey(): Buffer {
  return crypto.randomBytes(32);
}

export function keyCheckOf(key: Buffer): string {
  return crypto.createHmac('sha256', key).update('rapport vault key check v1').digest('hex');
}

export function keyMatchesCheck(key: Buffer, check: string): boolean {
  const actual = Buffer.from(keyCheckOf(key), 'hex');
  const expected = Buffer.from(check, 'hex');
  return actual.length === expected.length && crypto.timingSafeEqual(actual, expected);
}
