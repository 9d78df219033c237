import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The counts an operator watches (Prometheus gauges) and the database's liveness. */
@Injectable()
export class MetricsRepository {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  /** Throws when the database does not answer. */
  async ping(): Promise<'postgresql' | 'embedded (PGlite)'> {
    await this.ds.query('SELECT 1');
    return (this.ds.options as { url?: string }).url ? 'postgresql' : 'embedded (PGlite)';
  }

  importRunsByStatus(): Promise<{ status: string; n: number }[]> {
    return this.ds.query(`SELECT status, count(*)::int AS n FROM import_runs GROUP BY status`);
  }

  casesByKindAndStatus(): Promise<{ kind: string; status: string; n: number }[]> {
    return this.ds.query(`SELECT kind, status, count(*)::int AS n FROM cases GROUP BY kind, status`);
  }

  async bids(): Promise<number> {
    const [r] = await this.ds.query(`SELECT count(*)::int AS n FROM bids`);
    return r.n;
  }

  detectionRunsByStatus(): Promise<{ status: string; n: number }[]> {
    return this.ds.query(`SELECT status, count(*)::int AS n FROM detection_runs GROUP BY status`);
  }

  /** The latest finished run: when, how long, and its flags per detector (from the run's stored summary). */
  async lastDetection(): Promise<{ finishedAt: Date; durationMs: number | null; flagsByDetector: Record<string, number> } | null> {
    const [r] = await this.ds.query(
      `SELECT finished_at, (summary->>'durationMs')::float8 AS duration_ms, coalesce(summary->'flagsByDetector', '{}'::jsonb) AS by_detector
         FROM detection_runs WHERE status = 'succeeded' ORDER BY id DESC LIMIT 1`,
    );
    if (!r) return null;
    const byDetector = typeof r.by_detector === 'string' ? JSON.parse(r.by_detector) : r.by_detector;
    return { finishedAt: new Date(r.finished_at), durationMs: r.duration_ms === null ? null : Number(r.duration_ms), flagsByDetector: byDetector };
  }
}
