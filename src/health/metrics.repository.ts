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
}
