import type { DataSource, QueryRunner } from 'typeorm';
import { FileRefusedError } from './file-refused.error.js';
import type { ImportFormat, ImportKind } from './import-kinds.js';
import { IMPORT_LIMITS, stopReading } from './import-limits.js';
import type { RowError } from './import-summary.js';
import { PIPELINES } from './kinds/index.js';
import type { MergeCounts, Sql } from './kinds/kind-pipeline.js';
import type { OcdsDefaults } from './ocds-records.js';
import { forEachParsedChunk } from './parse/parsed-chunks.js';
import { StageWriter } from './stage/stage-writer.js';

export interface ImportProgress {
  importId: number;
  rowsRead: number;
  rowsPerSecond: number;
  done: boolean;
  /** reading the file, or merging the staged rows into the tables (after the last row was read). */
  phase?: 'reading' | 'merging' | 'done';
}

export interface RunImportInput {
  importId: number;
  path: string;
  fileName: string;
  kind: ImportKind;
  format: ImportFormat;
  ocdsDefaults?: OcdsDefaults;
  /**
   * Called at most every `progressEveryMs` while reading, and once when done; awaited, so whatever it records
   * (ImportService writes the row count on a connection of its own) is in place before the import reads on.
   */
  onProgress?: (p: ImportProgress) => void | Promise<void>;
  progressEveryMs?: number;
}

const MAX_STORED_WARNINGS = 1_000;

/**
 * Serialises the merge step of all imports on one database: two imports of the same file (two workers, or two
 * CLI runs) both classified its tenders as new and the second failed on tenders_code_key (issue 14). Reading and
 * staging still run side by side; only merging into the real tables waits, and the second then sees what the first
 * committed (every row unchanged). A transaction-scoped lock: it ends with the import's commit or rollback.
 */
export const IMPORT_MERGE_LOCK = 7_711_002;

/**
 * One import, start to finish, on one connection and in one transaction (its status, start time and progress are
 * written beside it by ImportService, so other processes see them while it runs): parsed chunks (zod per row, in a worker
 * thread) → COPY into a staging table → cross-row rules and merge in SQL → counts. Nothing lands unless the whole
 * run commits, so a file refused part-way (bad encoding at line 900,000) leaves only its failed import_runs row.
 * Memory stays flat: a few chunks are in flight at a time; the file is never held whole.
 */
export async function runImport(ds: DataSource, hashKey: Buffer, input: RunImportInput): Promise<void> {
  const pipeline = PIPELINES[input.kind];
  const qr: QueryRunner = ds.createQueryRunner();
  const connection = await qr.connect();
  const timing = process.env.BIDWATCH_DEBUG_TIMING === '1';
  const sql: Sql = async (text, params) => {
    const t0 = Date.now();
    const r = await qr.query(text, params);
    if (timing) process.stderr.write(`[sql ${Date.now() - t0} ms] ${text.replace(/\s+/g, ' ').slice(0, 100)}\n`);
    return r;
  };
  let encoding: string | null = null;
  const progressEvery = input.progressEveryMs ?? 1_000;
  // Rejected rows so far, and the first errors: kept to show why when the file is refused part-way.
  let rejectedRows = 0;
  const firstErrors: RowError[] = [];
  let refusedPartWay: { rowsRead: number } | null = null;

  try {
    await qr.startTransaction();
    // Imports are long by nature: no statement timeout; a pause between chunks (the parser thread on a slow
    // disk) must not look like an abandoned transaction either.
    await sql(`SET LOCAL statement_timeout = 0`);
    await sql(`SET LOCAL idle_in_transaction_session_timeout = '10min'`);
    await sql(pipeline.stageDdl);
    const writer = new StageWriter(connection, 'stage', pipeline.stageColumns);
    const warnings: RowError[] = [];
    let warningCount = 0;
    const started = Date.now();
    let lastReport = started;

    const parsed = await forEachParsedChunk(
      {
        path: input.path,
        fileName: input.fileName,
        kind: input.kind,
        format: input.format,
        ocdsDefaults: input.ocdsDefaults,
        hashKey: hashKey.toString('base64'),
      },
      async (chunk) => {
        if (chunk.rejects.length) {
          rejectedRows += new Set(chunk.rejects.map((r) => r.line)).size;
          for (const r of chunk.rejects) if (firstErrors.length < IMPORT_LIMITS.summaryErrors) firstErrors.push(r);
          const stop = stopReading(input.kind, chunk.rowsRead, rejectedRows);
          if (stop) {
            refusedPartWay = { rowsRead: chunk.rowsRead };
            throw new FileRefusedError(stop, 'not_records');
          }
          await sql(
            `INSERT INTO import_rejects (import_id, line, "column", message)
             SELECT $1, l, c, m FROM unnest($2::int[], $3::text[], $4::text[]) AS x(l, c, m)`,
            [input.importId, chunk.rejects.map((r) => r.line), chunk.rejects.map((r) => r.column), chunk.rejects.map((r) => r.message)],
          );
        }
        const t0 = Date.now();
        await writer.writeText(chunk.copyText);
        if (timing) process.stderr.write(`[copy ${Date.now() - t0} ms] ${chunk.stageRows} rows\n`);
        warningCount += chunk.warningCount;
        for (const w of chunk.warnings) if (warnings.length < MAX_STORED_WARNINGS) warnings.push(w);
        const now = Date.now();
        if (input.onProgress && now - lastReport >= progressEvery) {
          lastReport = now;
          await input.onProgress({
            importId: input.importId, rowsRead: chunk.rowsRead, rowsPerSecond: Math.round((chunk.rowsRead * 1000) / Math.max(1, now - started)), done: false, phase: 'reading',
          });
        }
      },
    );
    encoding = parsed.encoding;

    await input.onProgress?.({
      importId: input.importId, rowsRead: parsed.rowsRead, rowsPerSecond: Math.round((parsed.rowsRead * 1000) / Math.max(1, Date.now() - started)), done: false, phase: 'merging',
    });
    await sql(`SELECT pg_advisory_xact_lock($1)`, [IMPORT_MERGE_LOCK]);
    const counts: MergeCounts = await pipeline.merge(sql, input.importId);
    const [rej] = await sql<{ n: number; entries: number }>(
      `SELECT count(DISTINCT line)::int AS n, count(*)::int AS entries FROM import_rejects WHERE import_id = $1`,
      [input.importId],
    );
    const unknown = parsed.unknownColumns;
    const fileWarnings: RowError[] = unknown.length
      ? [{
          line: 1,
          column: unknown.join(', '),
          message: `表头含有导入格式之外的列，已忽略：${unknown.join(', ')} (unknown columns kept aside, not imported)`,
        }]
      : [];
    await sql(
      `UPDATE import_runs SET status = 'succeeded', rows_read = $2, accepted = $3, rejected = $4, unchanged = $5,
         tenders_new = $6, tenders_replaced = $7, tenders_unchanged = $8, warnings = $9, encoding = $10,
         file_sha256 = $11, errors_total = $12, error = NULL, finished_at = clock_timestamp()
       WHERE id = $1`,
      [
        input.importId, parsed.rowsRead, counts.accepted, Number(rej!.n), counts.unchanged, counts.tendersNew,
        counts.tendersReplaced, counts.tendersUnchanged,
        JSON.stringify({ count: warningCount + fileWarnings.length, items: [...fileWarnings, ...warnings] }),
        encoding, parsed.sha256, Number(rej!.entries),
      ],
    );
    await qr.commitTransaction();
    await input.onProgress?.({
      importId: input.importId,
      rowsRead: parsed.rowsRead,
      rowsPerSecond: Math.round((parsed.rowsRead * 1000) / Math.max(1, Date.now() - started)),
      done: true,
      phase: 'done',
    });
  } catch (err) {
    if (qr.isTransactionActive) await qr.rollbackTransaction();
    const message = err instanceof FileRefusedError ? err.message : `导入失败，未导入任何数据 (import failed, nothing imported): ${(err as Error).message}`;
    const stopped = refusedPartWay as { rowsRead: number } | null;
    await recordFailure(qr, input.importId, message, encoding, stopped, rejectedRows, firstErrors).catch(() => undefined);
    throw err;
  } finally {
    await qr.release();
  }
}

/** The failed run's row (and, for a file refused part-way, its first errors), after the rollback. */
async function recordFailure(
  qr: QueryRunner, importId: number, message: string, encoding: string | null, stopped: { rowsRead: number } | null,
  rejectedRows: number, firstErrors: RowError[],
): Promise<void> {
  await qr.query(
    `UPDATE import_runs SET status = 'failed', error = $2, encoding = $3, finished_at = now(),
       started_at = coalesce(started_at, now()), rows_read = $4, rejected = $5, accepted = 0, unchanged = 0,
       errors_total = $6
     WHERE id = $1`,
    [importId, message, encoding, stopped?.rowsRead ?? 0, stopped ? rejectedRows : 0, stopped ? firstErrors.length : 0],
  );
  if (stopped && firstErrors.length) {
    // The rolled-back rejects are gone; the first ones stay, so the clerk sees what made the file look wrong.
    await qr.query(
      `INSERT INTO import_rejects (import_id, line, "column", message)
       SELECT $1, l, c, m FROM unnest($2::int[], $3::text[], $4::text[]) AS x(l, c, m)`,
      [importId, firstErrors.map((r) => r.line), firstErrors.map((r) => r.column), firstErrors.map((r) => r.message)],
    );
  }
}
