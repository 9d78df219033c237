import { EventEmitter } from 'node:events';
import { dirname } from 'node:path';
import { PGlite, types } from '@electric-sql/pglite';
import { lockDataDir, unlockDataDir } from './data-dir-lock.js';

/**
 * A pg-compatible pool over one in-process PGlite instance, for TypeORM's postgres driver (`driver` option).
 *
 * PGlite runs a single session, so overlapping transactions would interleave (stack-notes: a rollback in one erased
 * another's insert). This pool therefore hands its one client to one borrower at a time: a TypeORM QueryRunner holds
 * it from connect() to release(), and everyone else waits. Code must never borrow a second connection while holding
 * one (that would wait forever); the import and detection services take one QueryRunner for their whole unit of work.
 */
export interface PgliteLikeResult {
  rows: unknown[];
  rowCount: number;
  command: string;
  fields: { name: string; dataTypeID: number }[];
}

/** Values come back as the server path's pg parsers return them: bigint → number, numeric and date → string. */
const PARSERS = {
  [types.INT8]: (v: string) => Number(v),
  [types.NUMERIC]: (v: string) => v,
  [types.DATE]: (v: string) => v,
};

function commandOf(sql: string): string {
  const m = /^\s*(?:--[^\n]*\n\s*)*(\w+)/.exec(sql);
  return (m?.[1] ?? '').toUpperCase();
}

class Mutex {
  private tail: Promise<void> = Promise.resolve();
  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((r) => (release = r));
    const ready = this.tail.then(() => release);
    this.tail = this.tail.then(() => next);
    return ready;
  }
}

export class PgliteClient extends EventEmitter {
  constructor(readonly db: PGlite) {
    super();
  }

  async query(sql: string | { text: string; values?: unknown[] }, params?: unknown[] | ((...a: unknown[]) => void), cb?: (err: unknown, res?: unknown) => void): Promise<PgliteLikeResult> {
    const text = typeof sql === 'string' ? sql : sql.text;
    let values = typeof sql === 'string' ? params : sql.values;
    let callback = cb;
    if (typeof params === 'function') {
      callback = params as typeof cb;
      values = typeof sql === 'string' ? undefined : sql.values;
    }
    const vals = Array.isArray(values) ? values.map(serialize) : undefined;
    try {
      let out: PgliteLikeResult;
      if (vals && vals.length > 0) {
        const r = await this.db.query(text, vals);
        out = { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length, command: commandOf(text), fields: r.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })) };
      } else {
        const all = await this.db.exec(text);
        const r = all[all.length - 1];
        out = r
          ? { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length, command: commandOf(text), fields: r.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })) }
          : { rows: [], rowCount: 0, command: commandOf(text), fields: [] };
      }
      callback?.(null, out);
      return out;
    } catch (err) {
      if (callback) {
        callback(err);
        return { rows: [], rowCount: 0, command: '', fields: [] };
      }
      throw err;
    }
  }
}

/** JS values to the text PostgreSQL expects; PGlite refuses JS booleans for untyped parameters. */
function serialize(v: unknown): unknown {
  if (v === true) return 'true';
  if (v === false) return 'false';
  if (v instanceof Date) return v.toISOString();
  if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v) && !ArrayBuffer.isView(v) && !Array.isArray(v)) {
    return JSON.stringify(v);
  }
  return v;
}

let shared: { dataDir: string; db: Promise<PGlite> } | null = null;

/** One PGlite per process and data folder (PGlite cannot share a folder between instances). */
export function openPglite(dataDir: string): Promise<PGlite> {
  if (shared && shared.dataDir === dataDir) return shared.db;
  if (shared) throw new Error(`PGlite already open at ${shared.dataDir}; cannot open ${dataDir} in the same process`);
  lockDataDir(dirname(dataDir)); // the data folder holding pgdata/, hash.key, uploads/
  const db = PGlite.create({ dataDir, parsers: PARSERS });
  shared = { dataDir, db };
  return db;
}

export async function closePglite(): Promise<void> {
  if (!shared) return;
  const { db: opening, dataDir } = shared;
  shared = null;
  const db = await opening;
  await db.close();
  unlockDataDir(dirname(dataDir));
}

export function makePglitePoolDriver(dataDir: string): { Pool: new () => EventEmitter } {
  const mutex = new Mutex();
  class PglitePool extends EventEmitter {
    connect(cb: (err: unknown, client?: PgliteClient, release?: (err?: unknown) => void) => void): void {
      void (async () => {
        const unlock = await mutex.acquire();
        try {
          const db = await openPglite(dataDir);
          const client = new PgliteClient(db);
          let released = false;
          cb(null, client, () => {
            if (!released) {
              released = true;
              unlock();
            }
          });
        } catch (err) {
          unlock();
          cb(err);
        }
      })();
    }
    async query(sql: string, params?: unknown[]): Promise<PgliteLikeResult> {
      const unlock = await mutex.acquire();
      try {
        return await new PgliteClient(await openPglite(dataDir)).query(sql, params);
      } finally {
        unlock();
      }
    }
    end(cb?: (err?: unknown) => void): void {
      closePglite().then(() => cb?.(), (e) => cb?.(e));
    }
  }
  return { Pool: PglitePool };
}
