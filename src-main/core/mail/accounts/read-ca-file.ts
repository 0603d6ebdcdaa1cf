import fs from 'node:fs';
import path from 'node:path';
import { RapportError } from '../../errors.js';

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;

/** Reads an extra trusted CA, failing with a clear reason instead of a TLS error later. */
export function readCaFile(file: string): string {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new RapportError('invalid_input', `cannot read the CA file ${file} (${reason})`, [{ path: 'caFile', message: reason }], { cause: error });
  }
  if (!PEM_CERTIFICATE.test(text)) {
    throw new RapportError('invalid_input', `the CA file ${file} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`, [
      { path: 'caFile', message: 'no PEM certificate' },
    ]);
  }
  return text;
}

export function absoluteCaPath(file: string): string {
  return path.resolve(file);
}
