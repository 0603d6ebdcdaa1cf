import fs from 'node:fs';

/** Where an export goes: a file written in large chunks (exports of big vaults never sit in memory whole), or a string. */
export interface ExportSink {
  write(text: string): void;
  bytes: number;
}

const CHUNK = 1 << 20;

export class FileSink implements ExportSink {
  bytes = 0;
  private pending: string[] = [];
  private pendingLength = 0;

  constructor(private readonly fd: number) {}

  write(text: string): void {
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= CHUNK) this.flush();
  }

  flush(): void {
    if (this.pending.length === 0) return;
    const buffer = Buffer.from(this.pending.join(''), 'utf8');
    fs.writeSync(this.fd, buffer);
    this.bytes += buffer.length;
    this.pending = [];
    this.pendingLength = 0;
  }
}

export class StringSink implements ExportSink {
  private parts: string[] = [];

  write(text: string): void {
    this.parts.push(text);
  }

  get bytes(): number {
    return Buffer.byteLength(this.text(), 'utf8');
  }

  text(): string {
    const joined = this.parts.join('');
    this.parts = [joined];
    return joined;
  }
}

/**
 * Writes to a temporary file next to the target and renames it into place when complete, so a
 * failed export never leaves a truncated file where a good one was.
 */
export function writeFileAtomically(path: string, produce: (sink: FileSink) => void): number {
  const temporary = `${path}.${process.pid}.partial`;
  const fd = fs.openSync(temporary, 'w', 0o600);
  try {
    const sink = new FileSink(fd);
    produce(sink);
    sink.flush();
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(temporary, path);
    return sink.bytes;
  } catch (error) {
    try {
      fs.closeSync(fd);
    } catch {
      // already closed
    }
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}
