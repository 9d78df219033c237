/**
 * A CSV file written in batches, hashing the bytes as they go out and waiting for 'drain' whenever the
 * file stream's buffer is full — memory stays flat however many rows pass.
 *
 * Rows are formatted by `csvLine` (RFC 4180, the same output as csv-stringify's defaults — the spec checks
 * that) rather than by csv-stringify itself, which took ~40 % of a 1M-bid run.
 */
import { createHash, type Hash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';

const BATCH = 4000;
const NEEDS_QUOTES = /[",\r\n]/;

/** Fields joined by commas; a field with a comma, quote or line break is quoted (quotes doubled). */
export function csvFields(fields: readonly string[]): string {
  return fields.map((f) => (NEEDS_QUOTES.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',');
}

/** One CSV record with its "\n". */
export function csvLine(fields: readonly string[]): string {
  return csvFields(fields) + '\n';
}

export class CsvSink {
  /** encoded lines: encoding line by line and concatenating bytes beats joining a long two-byte string */
  private batch: Buffer[] = [];
  private readonly out: WriteStream;
  private readonly hash: Hash = createHash('sha256');
  rows = 0;
  bytes = 0;

  constructor(
    readonly path: string,
    columns: readonly string[],
  ) {
    this.out = createWriteStream(path);
    this.emit(Buffer.from(csvLine(columns), 'utf8'));
  }

  add(row: readonly string[]): void {
    this.addLine(csvLine(row));
  }

  /** A record already formatted (e.g. a tender's shared columns + a bid's own): must end in "\n". */
  addLine(line: string): void {
    this.batch.push(Buffer.from(line, 'utf8'));
    this.rows++;
  }

  /** Call between tenders: writes a batch once enough rows are queued, honouring backpressure. */
  async flushIfFull(): Promise<void> {
    if (this.batch.length >= BATCH) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const buf = Buffer.concat(this.batch);
    this.batch = [];
    if (!this.emit(buf)) await once(this.out, 'drain');
  }

  private emit(buf: Buffer): boolean {
    this.hash.update(buf);
    this.bytes += buf.length;
    return this.out.write(buf);
  }

  /** Flushes, closes the file and returns its sha256 (hex). */
  async close(): Promise<string> {
    await this.flush();
    this.out.end();
    await once(this.out, 'finish');
    return this.hash.digest('hex');
  }
}
