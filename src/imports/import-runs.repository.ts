import type { DataSource } from 'typeorm';
import type { ImportFormat, ImportKind } from './import-kinds.js';
import type { ImportSummary, RowError } from './import-summary.js';

interface ImportRunRow {
  id: number;
  kind: ImportKind;
  format: ImportFormat;
  file_name: string;
  file_sha256: string | null;
  encoding: string | null;
  status: ImportSummary['status'];
  rows_read: number;
  accepted: number;
  rejected: number;
  unchanged: number;
  tenders_new: number;
  tenders_replaced: number;
  tenders_unchanged: number;
  warnings: { count: number; items: RowError[] } | [];
  error: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

/** The only place that reads and writes import_runs and import_rejects outside an import's own transaction. */
export class ImportRunsRepository {
  constructor(private readonly ds: DataSource) {}

  async create(input: {
    kind: ImportKind;
    format: ImportFormat;
    fileName: string;
    fileBytes?: number;
    createdBy?: number | null;
    options?: Record<string, unknown>;
  }): Promise<number> {
    const [row] = await this.ds.query(
      `INSERT INTO import_runs (kind, format, file_name, file_bytes, created_by, options)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [input.kind, input.format, input.fileName, input.fileBytes ?? null, input.createdBy ?? null, JSON.stringify(input.options ?? {})],
    );
    return Number(row.id);
  }

  async markFailed(id: number, error: string): Promise<void> {
    await this.ds.query(
      `UPDATE import_runs SET status = 'failed', error = $2, finished_at = now(),
         started_at = coalesce(started_at, now()) WHERE id = $1`,
      [id, error],
    );
  }

  async markRunning(id: number): Promise<void> {
    await this.ds.query(`UPDATE import_runs SET status = 'running', started_at = now() WHERE id = $1`, [id]);
  }

  async setProgress(id: number, rowsRead: number): Promise<void> {
    await this.ds.query(`UPDATE import_runs SET rows_read = $2 WHERE id = $1 AND status = 'running'`, [id, rowsRead]);
  }

  async owner(id: number): Promise<number | null | undefined> {
    const [row] = await this.ds.query(`SELECT created_by FROM import_runs WHERE id = $1`, [id]);
    return row ? (row.created_by as number | null) : undefined;
  }

  async summary(id: number, opts: { errorLimit?: number } = {}): Promise<ImportSummary | null> {
    const [run] = (await this.ds.query(`SELECT * FROM import_runs WHERE id = $1`, [id])) as ImportRunRow[];
    if (!run) return null;
    const limit = opts.errorLimit ?? null;
    const errors = (await this.ds.query(
      `SELECT line, "column", message FROM import_rejects WHERE import_id = $1 ORDER BY line, id
       ${limit !== null ? 'LIMIT ' + Number(limit) : ''}`,
      [id],
    )) as RowError[];
    return toSummary(run, errors);
  }

  async previousOfSameFile(id: number, sha256: string): Promise<number | null> {
    const [row] = await this.ds.query(
      `SELECT id FROM import_runs WHERE file_sha256 = $1 AND id < $2 AND status = 'succeeded' ORDER BY id DESC LIMIT 1`,
      [sha256, id],
    );
    return row ? Number(row.id) : null;
  }
}

function iso(d: Date | null): string | null {
  return d ? new Date(d).toISOString() : null;
}

function toSummary(r: ImportRunRow, errors: RowError[]): ImportSummary {
  const w = Array.isArray(r.warnings) ? { count: 0, items: [] } : r.warnings;
  return {
    importId: Number(r.id),
    kind: r.kind,
    rowsRead: r.rows_read,
    accepted: r.accepted,
    rejected: r.rejected,
    unchanged: r.unchanged,
    errors: errors.map((e) => ({ line: e.line, column: e.column, message: e.message })),
    status: r.status,
    format: r.format,
    fileName: r.file_name,
    encoding: r.encoding,
    sha256: r.file_sha256,
    tenders: r.kind === 'bids' && r.status === 'succeeded'
      ? { new: r.tenders_new, replaced: r.tenders_replaced, unchanged: r.tenders_unchanged }
      : null,
    warnings: w.items,
    warningCount: w.count,
    error: r.error,
    createdAt: iso(r.created_at)!,
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
  };
}
