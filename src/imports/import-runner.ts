import type { DataSource, QueryRunner } from 'typeorm';
import { FileRefusedError } from './file-refused.error.js';
import type { ImportFormat, ImportKind } from './import-kinds.js';
import type { RowError } from './import-summary.js';
import { PIPELINES } from './kinds/index.js';
import type { MergeCounts, Sql } from './kinds/kind-pipeline.js';
import type { OcdsDefaults } from './ocds-records.js';
import { forEachParsedChunk } from './parse/parsed-chunks.js';
import { StageWriter } from './stage/stage-writer.js';

export interface ImportProgress {
  rowsRead: number;
  rowsPerSecond: number;
  done: boolean;
}

export interface RunImportInput {
  importId: number;
  path: string;
  fileName: string;
  kind: ImportKind;
  format: ImportFormat;
  ocdsDefaults?: OcdsDefaults;
  onProgress?: (p: ImportProgress) => void;
}

const MAX_STORED_WARNINGS = 1_000;

/**
 * One import, start to finish, on one connection and in one transaction: parsed chunks (zod per row, in a worker
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

  try {
    await qr.startTransaction();
    await sql(`UPDATE import_runs SET status = 'running', started_at = now() WHERE id = $1`, [input.importId]);
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
        if (input.onProgress && now - lastReport >= 1000) {
          lastReport = now;
          input.onProgress({ rowsRead: chunk.rowsRead, rowsPerSecond: Math.round((chunk.rowsRead * 1000) / (now - started)), done: false });
        }
      },
    );
    encoding = parsed.encoding;

    const counts: MergeCounts = await pipeline.merge(sql, input.importId);
    const [rej] = await sql<{ n: number }>(`SELECT count(DISTINCT line)::int AS n FROM import_rejects WHERE import_id = $1`, [input.importId]);
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
         file_sha256 = $11, finished_at = clock_timestamp()
       WHERE id = $1`,
      [
        input.importId, parsed.rowsRead, counts.accepted, Number(rej!.n), counts.unchanged, counts.tendersNew,
        counts.tendersReplaced, counts.tendersUnchanged,
        JSON.stringify({ count: warningCount + fileWarnings.length, items: [...fileWarnings, ...warnings] }),
        encoding, parsed.sha256,
      ],
    );
    await qr.commitTransaction();
    input.onProgress?.({
      rowsRead: parsed.rowsRead,
      rowsPerSecond: Math.round((parsed.rowsRead * 1000) / Math.max(1, Date.now() - started)),
      done: true,
    });
  } catch (err) {
    if (qr.isTransactionActive) await qr.rollbackTransaction();
    const message = err instanceof FileRefusedError ? err.message : `导入失败 (import failed): ${(err as Error).message}`;
    await qr.query(
      `UPDATE import_runs SET status = 'failed', error = $2, encoding = $3, finished_at = now(),
         started_at = coalesce(started_at, now()) WHERE id = $1`,
      [input.importId, message, encoding],
    );
    throw err;
  } finally {
    await qr.release();
  }
}
