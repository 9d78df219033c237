import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';
import type { PoolClient } from 'pg';
import { PgliteClient } from './pglite-pool.js';

export type StageValue = string | number | boolean | null;

/**
 * Loads validated rows into the import's temporary staging table with COPY (text format): pg-copy-streams on the
 * server, PGlite's /dev/blob COPY in embedded mode. One chunk at a time; the caller overlaps parsing the next chunk
 * with the database loading this one.
 */
export class StageWriter {
  constructor(
    private readonly connection: unknown,
    private readonly table: string,
    private readonly columns: readonly string[],
  ) {}

  async write(rows: StageValue[][]): Promise<void> {
    if (rows.length === 0) return;
    await this.writeText(rows.map(copyLine).join(''));
  }

  /** Loads rows already serialised as COPY text lines (see copyLine), as a string or UTF-8 bytes. */
  async writeText(text: string | Uint8Array): Promise<void> {
    if (text.length === 0) return;
    const sql = `COPY ${this.table} (${this.columns.join(', ')}) FROM STDIN`;
    if (this.connection instanceof PgliteClient) {
      await this.connection.db.query(sql.replace('FROM STDIN', "FROM '/dev/blob'"), [], {
        blob: new Blob([typeof text === 'string' ? text : Buffer.from(text.buffer, text.byteOffset, text.byteLength)]),
      });
      return;
    }
    const stream = (this.connection as PoolClient).query(copyFrom(sql));
    await pipeline(Readable.from([typeof text === 'string' ? text : Buffer.from(text.buffer, text.byteOffset, text.byteLength)]), stream);
  }
}

export function copyLine(values: StageValue[]): string {
  const fields = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) fields[i] = copyField(values[i] ?? null);
  // join builds one flat string; += builds a rope that costs more to flatten when the chunk is encoded
  return fields.join('\t') + '\n';
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;

/** PostgreSQL COPY text format: \N for null; backslash, tab, newline and carriage return escaped. */
export function copyField(v: StageValue): string {
  if (v === null) return '\\N';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number') return String(v);
  if (!NEEDS_ESCAPE.test(v)) return v;
  return v.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}
