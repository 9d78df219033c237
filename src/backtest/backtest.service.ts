import { Inject, Injectable } from '@nestjs/common';
import { CasesRepository } from '../cases/cases.repository.js';
import { FindingsRepository } from '../findings/findings.repository.js';
import { TendersRepository } from '../tenders/tenders.repository.js';
import type { Labels, Scored } from './backtest.js';

/**
 * What `bidwatch evaluate` reads from the database: the current detection's scores and flags (only the fields a
 * ranking needs, not the explanations), each firm's participation, and the bureau's closed cases as labels.
 */
@Injectable()
export class BacktestService {
  constructor(
    @Inject(FindingsRepository) private readonly findings: FindingsRepository,
    @Inject(TendersRepository) private readonly tenders: TendersRepository,
    @Inject(CasesRepository) private readonly cases: CasesRepository,
  ) {}

  async hasDetection(): Promise<boolean> {
    const runs = await this.findings.currentRuns();
    return runs.full !== null || runs.byYear.size > 0;
  }

  async currentScored(): Promise<Scored> {
    return {
      tenderMetrics: await this.findings.tenderMetrics(),
      firmMetrics: await this.findings.firmMetrics(),
      flags: await this.findings.rankingFlags(),
      tendersOfFirm: await this.tenders.participation(),
    };
  }

  /**
   * Closed cases as labels: closed_confirmed = positive, closed_dismissed = negative. A bid case labels its tender
   * and its firm; a tender or contract case its tender; a ring case its members and the tenders they met in.
   */
  async closedCaseLabels(): Promise<Labels & { cases: number }> {
    const rows = await this.cases.closedForLabels();
    const tenders = new Map<string, boolean>();
    const firms = new Map<string, boolean>();
    const put = (m: Map<string, boolean>, k: string, v: boolean) => m.set(k, (m.get(k) ?? false) || v);
    for (const r of rows) {
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
