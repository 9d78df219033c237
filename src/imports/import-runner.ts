import type { DataSource, QueryRunner } from 'typeorm';
import { PiiHasher } from '../common/pii-hasher.js';
import { csvRecords, type HeaderInfo, type SourceRecord } from './csv-records.js';
import { FileRefusedError } from './file-refused.error.js';
import { openTextFile } from './file-source.js';
import { COLUMNS, type ImportFormat, type ImportKind } from './import-kinds.js';
import type { RowError } from './import-summary.js';
import { PIPELINES } from './kinds/index.js';
import type { MergeCounts, Sql } from './kinds/kind-pipeline.js';
import { ocdsRecords, type OcdsDefaults } from './ocds-records.js';
import { StageWriter, type StageValue } from './stage/stage-writer.js';

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

const CHUNK_ROWS = 20_000;
const REJECT_FLUSH = 5_000;
const MAX_STORED_WARNINGS = 1_000;

/**
 * One import, start to finish, on one connection and in one transaction: stream → zod per row → stage (COPY) →
 * cross-row rules and merge in SQL → counts. Nothing lands unless the whole run commits; a file refused part-way
 * (bad encoding at line 900,000) therefore leaves no trace but its failed import_runs row.
 * Memory stays flat: rows live only for one chunk; the file never sits in memory whole.
 */
export async function runImport(ds: DataSource, hashKey: Buffer, input: RunImportInput): Promise<void> {
  const pipeline = PIPELINES[input.kind];
  const hasher = new PiiHasher(hashKey);
  const qr: QueryRunner = ds.createQueryRunner();
  const connection = await qr.connect();
  const sql: Sql = (text, params) => qr.query(text, params);
  let header: HeaderInfo | null = null;
  let encoding: string | null = null;
  let sha256: () => string | null;

  try {
    await qr.startTransaction();
    await sql(`UPDATE import_runs SET status = 'running', started_at = now() WHERE id = $1`, [input.importId]);
    await sql(pipeline.stageDdl);
    const writer = new StageWriter(connection, 'stage', pipeline.stageColumns);

    let source: AsyncIterable<SourceRecord>;
    if (input.format === 'csv') {
      const file = await openTextFile(input.path, input.fileName);
      encoding = file.encoding;
      sha256 = file.sha256;
      source = csvRecords(file, COLUMNS[input.kind], (h) => (header = h));
    } else {
      if (input.kind !== 'bids') {
        throw new FileRefusedError('OCDS JSON 只用于投标记录 (--kind bids) (OCDS is for bids only)', 'usage');
      }
      const file = await ocdsRecords(input.path, input.fileName, input.ocdsDefaults ?? {});
      encoding = 'utf-8';
      sha256 = file.sha256;
      source = file.records;
    }

    const allColumns = [...COLUMNS[input.kind].required, ...COLUMNS[input.kind].optional];
    const warnings: RowError[] = [];
    let warningCount = 0;
    let rows: StageValue[][] = [];
    let rejects: RowError[] = [];
    let pending: Promise<void> = Promise.resolve();
    let rowsRead = 0;
    const started = Date.now();
    let lastReport = started;

    const flushRejects = async (): Promise<void> => {
      if (rejects.length === 0) return;
      const batch = rejects;
      rejects = [];
      await sql(
        `INSERT INTO import_rejects (import_id, line, "column", message)
         SELECT $1, l, c, m FROM unnest($2::int[], $3::text[], $4::text[]) AS x(l, c, m)`,
        [input.importId, batch.map((r) => r.line), batch.map((r) => r.column), batch.map((r) => r.message)],
      );
    };

    for await (const rec of source) {
      rowsRead++;
      if (rec.kind === 'bad') {
        rejects.push({ line: rec.line, column: rec.column, message: rec.message });
        if (rec.tenderCode) rows.push(pipeline.rejectedStage(rec.line, rec.tenderCode));
      } else {
        // An absent column and an empty cell both mean "not known" (import-format: empty cell = null).
        for (const c of allColumns) if (rec.cells[c] === undefined) rec.cells[c] = '';
        const parsed = pipeline.schema.safeParse(rec.cells);
        if (parsed.success) {
          rows.push(pipeline.toStage(rec.line, parsed.data, hasher));
          const w = pipeline.warnings?.(rec.line, parsed.data);
          if (w && w.length) {
            warningCount += w.length;
            for (const x of w) if (warnings.length < MAX_STORED_WARNINGS) warnings.push(x);
          }
        } else {
          for (const issue of parsed.error.issues) {
            const column = issue.path.length ? String(issue.path[0]) : null;
            const where = rec.paths && column ? rec.paths[column] : undefined;
            rejects.push({ line: rec.line, column, message: where ? `${issue.message}（${where}）` : issue.message });
          }
          const code = rec.cells['tender_code']?.trim();
          rows.push(pipeline.rejectedStage(rec.line, code ? code : null));
        }
      }
      if (rows.length >= CHUNK_ROWS || rejects.length >= REJECT_FLUSH) {
        await pending;
        await flushRejects();
        const chunk = rows;
        rows = [];
        pending = writer.write(chunk);
        const now = Date.now();
        if (input.onProgress && now - lastReport >= 1000) {
          lastReport = now;
          input.onProgress({ rowsRead, rowsPerSecond: Math.round((rowsRead * 1000) / (now - started)), done: false });
        }
      }
    }
    await pending;
    await flushRejects();
    await writer.write(rows);
    rows = [];

    if (rowsRead === 0) {
      throw new FileRefusedError(`文件只有表头，没有数据行：${input.fileName} (no data rows; nothing imported)`, 'empty');
    }

    const counts: MergeCounts = await pipeline.merge(sql, input.importId);
    const [rej] = await sql<{ n: number }>(
      `SELECT count(DISTINCT line)::int AS n FROM import_rejects WHERE import_id = $1`,
      [input.importId],
    );
    const unknown = (header as HeaderInfo | null)?.unknown ?? [];
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
         file_sha256 = $11, finished_at = now()
       WHERE id = $1`,
      [
        input.importId, rowsRead, counts.accepted, Number(rej!.n), counts.unchanged, counts.tendersNew,
        counts.tendersReplaced, counts.tendersUnchanged,
        JSON.stringify({ count: warningCount + fileWarnings.length, items: [...fileWarnings, ...warnings] }),
        encoding, sha256(),
      ],
    );
    await qr.commitTransaction();
    input.onProgress?.({
      rowsRead,
      rowsPerSecond: Math.round((rowsRead * 1000) / Math.max(1, Date.now() - started)),
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
