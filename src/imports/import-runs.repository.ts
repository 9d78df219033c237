import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ImportFormat, ImportKind } from './import-kinds.js';
import { IMPORT_LIMITS } from './import-limits.js';
import type { ImportRunListItem, ImportSummary, RowError } from './import-summary.js';

/** A DataSource or a QueryRunner the caller holds. */
interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

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
  errors_total: number;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

/** The only place that reads and writes import_runs and import_rejects outside an import's own transaction. */
@Injectable()
export class ImportRunsRepository {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

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

  /** A queued run's kind, format, file and options (for the worker that runs it). */
  async queued(id: number): Promise<{ kind: ImportKind; format: ImportFormat; file_name: string; status: string; options: unknown } | undefined> {
    const [run] = await this.ds.query(`SELECT kind, format, file_name, status, options FROM import_runs WHERE id = $1`, [id]);
    return run;
  }

  async markFailed(id: number, error: string): Promise<void> {
    await this.ds.query(
      `UPDATE import_runs SET status = 'failed', error = $2, finished_at = now(),
         started_at = coalesce(started_at, now()) WHERE id = $1`,
      [id, error],
    );
  }

  /** A run starts: also clears the error of an earlier failed attempt. `on`: a connection the caller holds. */
  async markRunning(id: number, on?: Queryable): Promise<void> {
    await (on ?? this.ds).query(`UPDATE import_runs SET status = 'running', started_at = now(), error = NULL WHERE id = $1`, [id]);
  }

  async setProgress(id: number, rowsRead: number, on?: Queryable): Promise<void> {
    await (on ?? this.ds).query(`UPDATE import_runs SET rows_read = $2 WHERE id = $1 AND status = 'running'`, [id, rowsRead]);
  }

  async owner(id: number): Promise<number | null | undefined> {
    const [row] = await this.ds.query(`SELECT created_by FROM import_runs WHERE id = $1`, [id]);
    return row ? (row.created_by as number | null) : undefined;
  }

  /**
   * The run's summary with its first `errorLimit` errors (default: what the HTTP summary carries) and their total;
   * `errorLimit: null` lists them all (the CLI, whose rejects the import limits keep bounded).
   */
  async summary(id: number, opts: { errorLimit?: number | null } = {}): Promise<ImportSummary | null> {
    const [run] = (await this.ds.query(`SELECT * FROM import_runs WHERE id = $1`, [id])) as ImportRunRow[];
    if (!run) return null;
    const limit = opts.errorLimit === undefined ? IMPORT_LIMITS.summaryErrors : opts.errorLimit;
    const errors = (await this.ds.query(
      `SELECT line, "column", message FROM import_rejects WHERE import_id = $1 ORDER BY line, id
       ${limit !== null ? 'LIMIT ' + Number(limit) : ''}`,
      [id],
    )) as RowError[];
    return toSummary(run, errors);
  }

  /** One page of a run's errors, in file order. */
  async errorsPage(id: number, page: number, pageSize: number): Promise<{ total: number; items: RowError[] }> {
    const [run] = await this.ds.query(`SELECT errors_total FROM import_runs WHERE id = $1`, [id]);
    const items = (await this.ds.query(
      `SELECT line, "column", message FROM import_rejects WHERE import_id = $1 ORDER BY line, id LIMIT $2 OFFSET $3`,
      [id, pageSize, (page - 1) * pageSize],
    )) as RowError[];
    return { total: Number(run?.errors_total ?? 0), items };
  }

  /**
   * Every error of a run in file order, a batch at a time (keyset on line, id), for a streamed download: memory
   * holds one batch whatever the number of errors.
   */
  async *allErrors(id: number, batch = 2_000): AsyncGenerator<RowError[]> {
    let after: { line: number; id: number } = { line: -1, id: -1 };
    for (;;) {
      const rows = (await this.ds.query(
        `SELECT id, line, "column", message FROM import_rejects
         WHERE import_id = $1 AND (line, id) > ($2, $3) ORDER BY line, id LIMIT $4`,
        [id, after.line, after.id, batch],
      )) as (RowError & { id: number })[];
      if (!rows.length) return;
      yield rows.map((r) => ({ line: r.line, column: r.column, message: r.message }));
      const last = rows.at(-1)!;
      after = { line: last.line, id: Number(last.id) };
      if (rows.length < batch) return;
    }
  }

  /** Past runs, newest first, a page at a time; `createdBy` limits them to one user's. */
  async list(opts: { page: number; pageSize: number; createdBy?: number }): Promise<{ total: number; items: ImportRunListItem[] }> {
    const params: unknown[] = [];
    let where = 'true';
    if (opts.createdBy !== undefined) {
      params.push(opts.createdBy);
      where = `r.created_by = $1`;
    }
    const [{ n }] = await this.ds.query(`SELECT count(*)::int AS n FROM import_runs r WHERE ${where}`, params);
    const rows = (await this.ds.query(
      `SELECT r.id, r.kind, r.format, r.file_name, r.status, r.rows_read, r.accepted, r.rejected, r.unchanged, r.errors_total,
              r.error, r.created_at, r.started_at, r.finished_at, r.created_by, u.name AS created_by_name
       FROM import_runs r LEFT JOIN users u ON u.id = r.created_by WHERE ${where}
       ORDER BY r.id DESC LIMIT ${Number(opts.pageSize)} OFFSET ${(opts.page - 1) * opts.pageSize}`,
      params,
    )) as (ImportRunRow & { created_by: number | null; created_by_name: string | null })[];
    return {
      total: n,
      items: rows.map((r) => ({
        importId: Number(r.id), kind: r.kind, format: r.format, fileName: r.file_name, status: r.status,
        rowsRead: r.rows_read, accepted: r.accepted, rejected: r.rejected, unchanged: r.unchanged, errorsTotal: r.errors_total,
        error: r.error, createdAt: iso(r.created_at)!, startedAt: iso(r.started_at), finishedAt: iso(r.finished_at),
        createdBy: r.created_by === null ? null : Number(r.created_by), createdByName: r.created_by_name,
      })),
    };
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
    errorsTotal: r.errors_total,
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
