import type { DataSource, QueryRunner } from 'typeorm';
import { StageWriter } from '../database/stage-writer.js';
import type { RowError } from './import-summary.js';
import type { KindStore, MergeCounts, Sql } from './kinds/kind-pipeline.js';

/**
 * Serialises the merge step of all imports on one database: two imports of the same file (two workers, or two
 * CLI runs) both classified its tenders as new and the second failed on tenders_code_key (issue 14). Reading and
 * staging still run side by side; only merging into the real tables waits, and the second then sees what the first
 * committed (every row unchanged). A transaction-scoped lock: it ends with the import's commit or rollback.
 */
export const IMPORT_MERGE_LOCK = 7_711_002;

export interface ImportOutcome {
  rowsRead: number;
  counts: MergeCounts;
  warnings: { count: number; items: RowError[] };
  encoding: string | null;
  sha256: string | null;
}

/**
 * One import's unit of work on its own connection and transaction: the staging table, the rejects, the kind's
 * merge (its *-merge.repository.ts), and the import_runs row's outcome. Nothing lands unless it commits.
 */
export class ImportTransaction {
  readonly sql: Sql;

  private constructor(
    private readonly qr: QueryRunner,
    private readonly connection: unknown,
  ) {
    const timing = process.env.BIDWATCH_DEBUG_TIMING === '1';
    this.sql = async (text, params) => {
      const t0 = Date.now();
      const r = await qr.query(text, params);
      if (timing) process.stderr.write(`[sql ${Date.now() - t0} ms] ${text.replace(/\s+/g, ' ').slice(0, 100)}\n`);
      return r;
    };
  }

  /** Begins the transaction. Imports are long by nature: no statement timeout, and a pause between chunks (the
   * parser thread on a slow disk) must not look like an abandoned transaction either. */
  static async begin(ds: DataSource): Promise<ImportTransaction> {
    const qr = ds.createQueryRunner();
    const connection = await qr.connect();
    const tx = new ImportTransaction(qr, connection);
    try {
      await qr.startTransaction();
      await tx.sql(`SET LOCAL statement_timeout = 0`);
      await tx.sql(`SET LOCAL idle_in_transaction_session_timeout = '10min'`);
    } catch (err) {
      await tx.end();
      throw err;
    }
    return tx;
  }

  /** Creates the kind's staging table and returns the COPY writer into it. */
  async stage(store: KindStore, columns: readonly string[]): Promise<StageWriter> {
    await this.sql(store.stageDdl);
    return new StageWriter(this.connection, 'stage', columns);
  }

  async rejects(importId: number, rows: readonly RowError[]): Promise<void> {
    if (rows.length === 0) return;
    await this.sql(
      `INSERT INTO import_rejects (import_id, line, "column", message)
       SELECT $1, l, c, m FROM unnest($2::int[], $3::text[], $4::text[]) AS x(l, c, m)`,
      [importId, rows.map((r) => r.line), rows.map((r) => r.column), rows.map((r) => r.message)],
    );
  }

  /** Waits for the merge lock, merges, and records the outcome on the run's row. */
  async merge(importId: number, store: KindStore): Promise<MergeCounts> {
    await this.sql(`SELECT pg_advisory_xact_lock($1)`, [IMPORT_MERGE_LOCK]);
    return store.merge(this.sql, importId);
  }

  async succeeded(importId: number, o: ImportOutcome): Promise<void> {
    const [rej] = await this.sql<{ n: number; entries: number }>(
      `SELECT count(DISTINCT line)::int AS n, count(*)::int AS entries FROM import_rejects WHERE import_id = $1`,
      [importId],
    );
    await this.sql(
      `UPDATE import_runs SET status = 'succeeded', rows_read = $2, accepted = $3, rejected = $4, unchanged = $5,
         tenders_new = $6, tenders_replaced = $7, tenders_unchanged = $8, warnings = $9, encoding = $10,
         file_sha256 = $11, errors_total = $12, error = NULL, finished_at = clock_timestamp()
       WHERE id = $1`,
      [
        importId, o.rowsRead, o.counts.accepted, Number(rej!.n), o.counts.unchanged, o.counts.tendersNew,
        o.counts.tendersReplaced, o.counts.tendersUnchanged, JSON.stringify(o.warnings), o.encoding, o.sha256, Number(rej!.entries),
      ],
    );
  }

  async commit(): Promise<void> {
    await this.qr.commitTransaction();
  }

  /**
   * Rolls back (when still open) and records the failure on the run's row; for a file refused part-way, its first
   * errors too — the rolled-back rejects are gone, and the clerk must see what made the file look wrong.
   */
  async failed(importId: number, message: string, encoding: string | null, stopped: { rowsRead: number } | null, rejectedRows: number, firstErrors: RowError[]): Promise<void> {
    if (this.qr.isTransactionActive) await this.qr.rollbackTransaction();
    await this.qr.query(
      `UPDATE import_runs SET status = 'failed', error = $2, encoding = $3, finished_at = now(),
         started_at = coalesce(started_at, now()), rows_read = $4, rejected = $5, accepted = 0, unchanged = 0,
         errors_total = $6
       WHERE id = $1`,
      [importId, message, encoding, stopped?.rowsRead ?? 0, stopped ? rejectedRows : 0, stopped ? firstErrors.length : 0],
    );
    if (stopped && firstErrors.length) await this.rejects(importId, firstErrors);
  }

  async end(): Promise<void> {
    if (this.qr.isTransactionActive) await this.qr.rollbackTransaction().catch(() => undefined);
    await this.qr.release();
  }
}
