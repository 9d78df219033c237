import type { DataSource } from 'typeorm';
import { FileRefusedError } from './file-refused.error.js';
import type { ImportFormat, ImportKind } from './import-kinds.js';
import { IMPORT_LIMITS, stopReading } from './import-limits.js';
import type { RowError } from './import-summary.js';
import { PIPELINES } from './kinds/index.js';
import type { OcdsDefaults } from './ocds-records.js';
import { forEachParsedChunk } from './parse/parsed-chunks.js';
import { ImportTransaction } from './import-transaction.repository.js';

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

export { IMPORT_MERGE_LOCK } from './import-transaction.repository.js';

/**
 * One import, start to finish, on one connection and in one transaction (its status, start time and progress are
 * written beside it by ImportService, so other processes see them while it runs): parsed chunks (zod per row, in a worker
 * thread) → COPY into a staging table → cross-row rules and merge in SQL → counts. Nothing lands unless the whole
 * run commits, so a file refused part-way (bad encoding at line 900,000) leaves only its failed import_runs row.
 * Memory stays flat: a few chunks are in flight at a time; the file is never held whole.
 */
export async function runImport(ds: DataSource, hashKey: Buffer, input: RunImportInput): Promise<void> {
  const pipeline = PIPELINES[input.kind];
  const tx = await ImportTransaction.begin(ds);
  const timing = process.env.BIDWATCH_DEBUG_TIMING === '1';
  let encoding: string | null = null;
  const progressEvery = input.progressEveryMs ?? 1_000;
  // Rejected rows so far, and the first errors: kept to show why when the file is refused part-way.
  let rejectedRows = 0;
  const firstErrors: RowError[] = [];
  let refusedPartWay: { rowsRead: number } | null = null;

  try {
    const writer = await tx.stage(pipeline.store, pipeline.stageColumns);
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
          await tx.rejects(input.importId, chunk.rejects);
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
    const counts = await tx.merge(input.importId, pipeline.store);
    const unknown = parsed.unknownColumns;
    const fileWarnings: RowError[] = unknown.length
      ? [{
          line: 1,
          column: unknown.join(', '),
          message: `表头含有导入格式之外的列，已忽略：${unknown.join(', ')} (unknown columns kept aside, not imported)`,
        }]
      : [];
    await tx.succeeded(input.importId, {
      rowsRead: parsed.rowsRead,
      counts,
      warnings: { count: warningCount + fileWarnings.length, items: [...fileWarnings, ...warnings] },
      encoding,
      sha256: parsed.sha256,
    });
    await tx.commit();
    await input.onProgress?.({
      importId: input.importId,
      rowsRead: parsed.rowsRead,
      rowsPerSecond: Math.round((parsed.rowsRead * 1000) / Math.max(1, Date.now() - started)),
      done: true,
      phase: 'done',
    });
  } catch (err) {
    const message = err instanceof FileRefusedError ? err.message : `导入失败，未导入任何数据 (import failed, nothing imported): ${(err as Error).message}`;
    const stopped = refusedPartWay as { rowsRead: number } | null;
    await tx.failed(input.importId, message, encoding, stopped, rejectedRows, firstErrors).catch(() => undefined);
    throw err;
  } finally {
    await tx.end();
  }
}
