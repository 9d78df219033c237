import type { DataSource } from 'typeorm';

export interface CurrentRuns {
  /** Newest succeeded full run: firm, ring and person findings come from it. */
  full: number | null;
  /** Per tender year, the newest succeeded run that covered that year. */
  byYear: Map<number, number>;
}

export interface FlagFilter {
  detector?: string;
  severity?: string;
  year?: number;
  tenderCode?: string;
  bidderUscc?: string;
  subjectType?: string;
  limit?: number;
  offset?: number;
}

export interface FlagRow {
  id: number;
  run_id: number;
  detector: string;
  version: string;
  subject_type: string;
  subject_id: string;
  tender_code: string | null;
  bidder_uscc: string | null;
  score: string;
  severity: string;
  explanation: string;
  evidence: Record<string, unknown>;
  year: number | null;
}

/** Reads what the detectors found, always from the current runs (see CurrentRuns). */
export class FindingsRepository {
  constructor(private readonly ds: DataSource) {}

  async currentRuns(): Promise<CurrentRuns> {
    const [full] = await this.ds.query(
      `SELECT max(id) AS id FROM detection_runs WHERE status = 'succeeded' AND full_scope`,
    );
    const rows = await this.ds.query(
      `SELECT y.year, max(r.id) AS run_id FROM (SELECT DISTINCT year FROM tenders) y
       JOIN detection_runs r ON r.status = 'succeeded' AND (r.full_scope OR y.year = ANY(r.years))
       GROUP BY y.year`,
    );
    return { full: full?.id ? Number(full.id) : null, byYear: new Map(rows.map((r: { year: number; run_id: number }) => [Number(r.year), Number(r.run_id)])) };
  }

  /** SQL (with parameters from $offset+1) selecting the current run of each flag row aliased `f`. */
  private currentClause(runs: CurrentRuns, offset: number): { sql: string; params: unknown[] } {
    const years = [...runs.byYear.keys()];
    return {
      sql: `((f.year, f.run_id) IN (SELECT * FROM unnest($${offset + 1}::int[], $${offset + 2}::bigint[]))
             OR (f.year IS NULL AND f.run_id = $${offset + 3}))`,
      params: [years, years.map((y) => runs.byYear.get(y)), runs.full ?? -1],
    };
  }

  async flags(filter: FlagFilter = {}): Promise<{ total: number; rows: FlagRow[] }> {
    const runs = await this.currentRuns();
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (cond: string, v: unknown) => {
      params.push(v);
      where.push(cond.replace('?', `$${params.length}`));
    };
    if (filter.detector) add('f.detector = ?', filter.detector);
    if (filter.severity) add('f.severity = ?', filter.severity);
    if (filter.year) add('f.year = ?', filter.year);
    if (filter.tenderCode) add('f.tender_code = ?', filter.tenderCode);
    if (filter.bidderUscc) add('f.bidder_uscc = ?', filter.bidderUscc);
    if (filter.subjectType) add('f.subject_type = ?', filter.subjectType);
    const cur = this.currentClause(runs, params.length);
    params.push(...cur.params);
    where.push(cur.sql);
    const w = `WHERE ${where.join(' AND ')}`;
    const [{ n }] = await this.ds.query(`SELECT count(*)::int AS n FROM flags f ${w}`, params);
    const limit = filter.limit ?? 1_000_000;
    const rows = await this.ds.query(
      // Scores are per detector and not comparable across detectors (a gap twice its fence already scores 1),
      // so the severity the detector gave comes first: a hard 第四十条 fingerprint above a statistical outlier.
      `SELECT f.* FROM flags f ${w}
       ORDER BY CASE f.severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, f.score DESC, f.id LIMIT ${Number(limit)} OFFSET ${Number(filter.offset ?? 0)}`,
      params,
    );
    return { total: n, rows };
  }

  async tenderMetrics(): Promise<Map<string, Record<string, number | null>>> {
    const runs = await this.currentRuns();
    const years = [...runs.byYear.keys()];
    const rows = await this.ds.query(
      `SELECT tender_code, metrics FROM tender_metrics
       WHERE (year, run_id) IN (SELECT * FROM unnest($1::int[], $2::bigint[]))`,
      [years, years.map((y) => runs.byYear.get(y))],
    );
    return new Map(rows.map((r: { tender_code: string; metrics: Record<string, number | null> }) => [r.tender_code, r.metrics]));
  }

  async firmMetrics(): Promise<Map<string, Record<string, number | null>>> {
    const runs = await this.currentRuns();
    const rows = await this.ds.query(`SELECT uscc, metrics FROM firm_metrics WHERE run_id = $1`, [runs.full ?? -1]);
    return new Map(rows.map((r: { uscc: string; metrics: Record<string, number | null> }) => [r.uscc, r.metrics]));
  }

  async rings(): Promise<RingRow[]> {
    const runs = await this.currentRuns();
    return this.ds.query(`SELECT * FROM rings WHERE run_id = $1 ORDER BY score DESC, id`, [runs.full ?? -1]);
  }

  async ring(id: number): Promise<RingRow | null> {
    const [r] = await this.ds.query(`SELECT * FROM rings WHERE id = $1`, [id]);
    return r ?? null;
  }
}

export interface RingRow {
  id: number;
  run_id: number;
  ring_key: string;
  members: string[];
  n_members: number;
  n_tenders_together: number;
  rotation: string | null;
  cohesion: string | null;
  exclusivity: string | null;
  article40_links: number;
  score: string;
  explanation: string;
  evidence: Record<string, unknown>;
}
