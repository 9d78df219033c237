import { Inject, Injectable } from '@nestjs/common';
import { boqSideBySide } from '../../detectors/boq/boq-compare.js';
import { CaseSyncService } from '../cases/case-sync.service.js';
import { TendersRepository } from '../tenders/tenders.repository.js';
import { FindingsRepository, type FlagFilter } from './findings.repository.js';

/**
 * What the findings routes show, in the reader's district (null = every district). The tender page's peer figures
 * are the ones the detectors recorded (ALB's peer group and fence in the run's tender facts), never recomputed here
 * under other rules: one figure, one author.
 */
@Injectable()
export class FindingsService {
  constructor(
    @Inject(FindingsRepository) private readonly findings: FindingsRepository,
    @Inject(TendersRepository) private readonly tenders: TendersRepository,
    @Inject(CaseSyncService) private readonly cases: CaseSyncService,
  ) {}

  async tenderPage(code: string, district: string | null) {
    if (!(await this.tenders.visible(code, district))) return null;
    const t = await this.tenders.tender(code);
    if (!t) return null;
    const [bids, flags, metrics, facts, contract] = [
      await this.tenders.bids(code),
      await this.findings.flags({ tenderCode: code }),
      (await this.findings.tenderMetrics()).get(code) ?? null,
      await this.findings.tenderFacts(code),
      await this.tenders.contract(code),
    ];
    return { tender: t, bids, peer: peerOf(facts), metrics, facts, contract, flags: flags.rows };
  }

  /**
   * A tender's BOQ for the side-by-side view: the bids whose BOQ was imported, and the lines of the bidders asked
   * for (all of them when none are named), a page at a time. Null when the tender is not in the reader's district.
   */
  async tenderBoq(code: string, q: { bidders?: string[]; page: number; pageSize: number }, district: string | null) {
    if (!(await this.tenders.visible(code, district))) return null;
    const bids = await this.tenders.boqBids(code);
    const usccs = q.bidders?.length ? q.bidders : bids.map((b) => b.bidder_uscc);
    const lines = await this.tenders.boqLines(code, usccs, q.pageSize, (q.page - 1) * q.pageSize);
    return { tenderCode: code, bids, bidders: usccs, total: lines.total, page: q.page, pageSize: q.pageSize, items: lines.rows };
  }

  /**
   * Two bidders' BOQs side by side, each row marked as BOQSIM counted it (detectors/boq/boq-compare.ts over the
   * whole tender's lines), a page of rows at a time; `marked` keeps only rows with a mark. Null when the tender is
   * not in the reader's district; `pair` null when either bidder has no BOQ in it.
   */
  async tenderBoqCompare(code: string, q: { a: string; b: string; marked: boolean; page: number; pageSize: number }, district: string | null) {
    if (!(await this.tenders.visible(code, district))) return null;
    const bids = await this.tenders.boqBids(code);
    const nameOf = (u: string) => bids.find((x) => x.bidder_uscc === u)?.bidder_name ?? null;
    const v = boqSideBySide(await this.tenders.boqTenderLines(code), q.a, q.b);
    const rows = v ? (q.marked ? v.rows.filter((r) => r.marks.length > 0) : v.rows) : [];
    const from = (q.page - 1) * q.pageSize;
    return {
      tenderCode: code,
      a: { uscc: q.a, name: nameOf(q.a) },
      b: { uscc: q.b, name: nameOf(q.b) },
      pair: v?.pair ?? null,
      counts: v?.counts ?? null,
      marked: v?.marked ?? null,
      total: rows.length,
      page: q.page,
      pageSize: q.pageSize,
      items: rows.slice(from, from + q.pageSize),
    };
  }

  async flags(filter: FlagFilter, district: string | null) {
    const r = await this.findings.flagsIn(filter, district);
    return { ...r, precision: await this.cases.precision() };
  }

  /** Findings per 招标人 or 招标代理机构, in the reader's district. */
  byParty(party: 'buyer' | 'agency', q: { year?: number; page: number; pageSize: number }, district: string | null) {
    return this.findings.findingsByParty(party, { district, year: q.year, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  }

  rings(page: number, pageSize: number, district: string | null) {
    return this.findings.ringsIn(page, pageSize, district);
  }

  async ring(id: number, district: string | null) {
    if (!(await this.findings.ringVisible(id, district))) return null;
    const r = await this.findings.ring(id);
    if (!r) return null;
    const firms = await this.tenders.firms(r.members);
    const flags = await this.findings.ringFlags(r, district);
    return { ...r, firms, flags };
  }
}

/**
 * The peer band drawn on the tender page, as ALB recorded it for this tender: the group it compared with (after its
 * fallback ladder), the group's 下浮率 quantiles (cardinal's type 8) and the upper fence its flags cite.
 */
export function peerOf(facts: Record<string, unknown> | null): Record<string, unknown> {
  const alb = (facts?.ALB ?? null) as Record<string, unknown> | null;
  if (!alb) return { group: null, n: 0, p10: null, p25: null, median: null, p75: null, p90: null, upperFence: null };
  return {
    group: alb.groupLabel ?? alb.group ?? null,
    level: alb.level ?? null,
    n: alb.n ?? 0,
    p10: alb.p10 ?? null,
    p25: alb.q1 ?? null,
    median: alb.median ?? null,
    p75: alb.q3 ?? null,
    p90: alb.p90 ?? null,
    upperFence: alb.upperFence ?? null,
    quantileMethod: alb.quantileMethod ?? null,
  };
}
