import type { DataSource } from 'typeorm';
import { FindingsRepository } from '../detection/findings.repository.js';
import type { Labels, Scored } from './backtest.js';

/**
 * What `bidwatch evaluate` reads from the database: the current detection's scores and flags (only the fields a
 * ranking needs, not the explanations), each firm's participation, and the bureau's closed cases as labels.
 */
export class BacktestRepository {
  private readonly findings: FindingsRepository;

  constructor(private readonly ds: DataSource) {
    this.findings = new FindingsRepository(ds);
  }

  async hasDetection(): Promise<boolean> {
    return (await this.findings.currentRuns()).full !== null;
  }

  async currentScored(): Promise<Scored> {
    const runs = await this.findings.currentRuns();
    const tenderMetrics = await this.findings.tenderMetrics();
    const firmMetrics = await this.findings.firmMetrics();
    const years = [...runs.byYear.keys()];
    const flags = (
      await this.ds.query(
        `SELECT f.detector, f.subject_type, f.subject_id, f.tender_code, nullif(trim(f.bidder_uscc), '') AS bidder_uscc,
                f.score::float8 AS score,
                jsonb_build_object('pair', f.evidence->'pair', 'members', f.evidence->'members', 'group', f.evidence->'group') AS evidence
         FROM flags f
         WHERE (f.year, f.run_id) IN (SELECT * FROM unnest($1::int[], $2::bigint[])) OR (f.year IS NULL AND f.run_id = $3)`,
        [years, years.map((y) => runs.byYear.get(y)), runs.full ?? -1],
      )
    ).map((r: Record<string, unknown>) => ({
      detector: r.detector as string,
      subjectType: r.subject_type as 'tender',
      subjectId: r.subject_id as string,
      tenderCode: (r.tender_code as string) ?? null,
      bidderUscc: (r.bidder_uscc as string) ?? null,
      score: Number(r.score),
      evidence: r.evidence as Record<string, unknown>,
    }));
    const participation = await this.ds.query(
      `SELECT f.uscc, count(DISTINCT b.tender_id)::int AS n FROM bids b JOIN firms f ON f.id = b.firm_id GROUP BY f.uscc`,
    );
    return {
      tenderMetrics,
      firmMetrics,
      flags,
      tendersOfFirm: new Map(participation.map((r: { uscc: string; n: number }) => [r.uscc, r.n])),
    };
  }

  /**
   * Closed cases as labels: closed_confirmed = positive, closed_dismissed = negative. A bid case labels its tender
   * and its firm; a tender or contract case its tender; a ring case its members and the tenders they met in.
   */
  async closedCaseLabels(): Promise<Labels & { cases: number }> {
    const rows = await this.ds.query(
      `SELECT subject_type, subject_id, status, evidence->'ring'->'members' AS members, evidence->'ring'->'tenders' AS tenders
       FROM cases WHERE status IN ('closed_confirmed', 'closed_dismissed')`,
    );
    const tenders = new Map<string, boolean>();
    const firms = new Map<string, boolean>();
    const put = (m: Map<string, boolean>, k: string, v: boolean) => m.set(k, (m.get(k) ?? false) || v);
    for (const r of rows as Array<{ subject_type: string; subject_id: string; status: string; members: unknown; tenders: unknown }>) {
      const v = r.status === 'closed_confirmed';
      if (r.subject_type === 'bid') {
        const [t, u] = r.subject_id.split('/');
        if (t) put(tenders, t, v);
        if (u) put(firms, u, v);
      } else if (r.subject_type === 'tender' || r.subject_type === 'contract') {
        put(tenders, r.subject_id, v);
      } else if (r.subject_type === 'firm') {
        put(firms, r.subject_id, v);
      } else if (r.subject_type === 'ring') {
        for (const u of Array.isArray(r.members) ? r.members : []) if (typeof u === 'string') put(firms, u, v);
        for (const t of Array.isArray(r.tenders) ? r.tenders : []) if (typeof t === 'string') put(tenders, t, v);
      }
    }
    return { tenders, firms, cases: rows.length };
  }
}
