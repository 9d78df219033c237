/**
 * Findings by 招标人 and by 招标代理机构 (issue 12 §1): who ran the tenders the findings fall on. Pure: the rows come
 * from DiscountTrendRepository.partyFindings. Shares are of the party's own tenders, so a busy agency with many
 * tenders is not ranked above a small one for its size alone; the order is the repository's (own indicators, high
 * findings, findings).
 */
import type { PartyFindingsRow, PartySection } from '../report-types.js';
import type { PartyAgg } from './aggregates.js';
import { r8 } from '../text.js';

export const PARTY_LIMIT = 50;

const share = (n: number, d: number) => (d > 0 ? r8(n / d) : null);

export function partyRow(a: PartyAgg): PartyFindingsRow {
  return {
    uscc: a.uscc,
    name: a.name,
    tenders: a.tenders,
    tenders_awarded: a.awarded,
    single_bid_tenders: a.singleBid,
    single_bid_share: share(a.singleBid, a.tenders),
    winner_discount_median: r8(a.winnerMedian),
    abnormal_awards: a.lowAwards,
    abnormal_award_share: share(a.lowAwards, a.awarded),
    flagged_tenders: a.flaggedTenders,
    flagged_share: share(a.flaggedTenders, a.tenders),
    flags: a.flags,
    high_flags: a.highFlags,
    detectors: Object.entries(a.detectors)
      .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
      .map(([code, n]) => `${code} ${n}`)
      .join('；'),
    indicators: a.ownCodes.join('；'),
    indicator_explanation: a.ownExplanation,
  };
}

export function partySection(kind: 'buyer' | 'agency', total: number, rows: PartyAgg[]): PartySection {
  return { kind, label: kind === 'buyer' ? '招标人' : '招标代理机构', total, shown: rows.length, rows: rows.map(partyRow) };
}

/** The summary's sentence about one kind of party, or null when no tender names one. */
export function partySentence(s: PartySection): { zh: string; en: string } | null {
  if (s.total === 0) return null;
  const flagged = s.rows.filter((r) => r.indicators);
  const top = s.rows[0]!;
  const name = (r: PartyFindingsRow) => `${r.name ?? r.uscc}（${r.uscc}）`;
  const en = s.kind === 'buyer' ? 'buyers' : 'agencies';
  const zhHead = `${s.total} 个${s.label}中，${flagged.length ? `${flagged.length} 个被本级指标标记（如 ${name(flagged[0]!)}：${flagged[0]!.indicators}）；` : '没有被本级指标（BCONC/BR038/BSINGLE/BLOWBID）标记的；'}`;
  const zhTop = top.flags > 0 ? `标记最多的是 ${name(top)}：${top.tenders} 个标段中 ${top.flagged_tenders} 个有标记，共 ${top.flags} 条（高 ${top.high_flags} 条）` : '其标段均无标记';
  return {
    zh: `${zhHead}${zhTop}。标记是核查线索，不是定性结论。`,
    en: `Of ${s.total} ${en}, ${flagged.length} flagged at their own level; most findings: ${top.uscc} (${top.flagged_tenders} of ${top.tenders} tenders flagged, ${top.flags} flags). A reason to review, not a finding.`,
  };
}
