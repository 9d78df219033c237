/**
 * The annual 下浮率 (discount-rate) trend report: the bureau's yearly check of whether 下浮率 "得到一定控制" and why.
 *
 * build(): the SQL aggregates (discount-trend.repository.ts) → composeReport (model/compose-report.ts, pure), with
 * the findings by 招标人 and 代理机构 (model/party-findings.ts).
 * render(): one renderer per format (render/).
 */
import { Inject, Injectable } from '@nestjs/common';
import { DiscountTrendRepository } from './discount-trend.repository.js';
import { composeReport, decomposeCells } from './model/compose-report.js';
import { PARTY_LIMIT, partySection } from './model/party-findings.js';
import type { DiscountTrendParams, DiscountTrendReport, ReportFormat } from './report-types.js';
import { renderReport, type RenderedReport } from './render/index.js';

export { composeReport, DEFINITIONS, trendOf, FEW_YEARS, ALPHA } from './model/compose-report.js';

@Injectable()
export class DiscountTrendService {
  constructor(@Inject(DiscountTrendRepository) private readonly repo: DiscountTrendRepository) {}

  async build(params: DiscountTrendParams): Promise<DiscountTrendReport> {
    const { from, to, by } = params;
    const runs = await this.repo.detectionRuns(from, to);
    // Independent queries: on a PostgreSQL pool they run side by side.
    const full = await this.repo.fullRun();
    const [tAgg, bAgg, cells, buyers, agencies] = await Promise.all([
      this.repo.tenderAggregates(from, to, by, runs),
      this.repo.bidAggregates(from, to, by),
      this.repo.factorCells(from, to),
      this.repo.partyFindings(from, to, 'buyer', runs, full, PARTY_LIMIT),
      this.repo.partyFindings(from, to, 'agency', runs, full, PARTY_LIMIT),
    ]);
    const parties = { buyer: partySection('buyer', buyers.total, buyers.rows), agency: partySection('agency', agencies.total, agencies.rows) };
    return composeReport(params, runs, tAgg, bAgg, cells.length ? decomposeCells(cells, from) : null, new Date(), parties);
  }

  /** The years the data covers, for the demo's report. */
  yearSpan(): Promise<{ from: number | null; to: number | null }> {
    return this.repo.yearSpan();
  }

  async render(report: DiscountTrendReport, format: ReportFormat): Promise<RenderedReport> {
    return renderReport(report, format);
  }
}
