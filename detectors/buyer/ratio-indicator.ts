/**
 * The common shape of BR038, BSINGLE and BLOWBID: per buyer and per agency a ratio numerator / denominator over its
 * tenders, organisations with denominator ≥ a minimum compared with their peers of the same kind, a flag at ratio ≥
 * fence (Q3 + 1.5·IQR, type 8, or a fixed threshold; nothing when the fence is not > 0) — cardinal's R038 decision
 * (cardinal/r038.ts `r038Outcome`) applied to other ratios. BSINGLE and BLOWBID add a chance test for the
 * healthy-market case where the fence is 0 (most peers never had such a tender): the organisation's count against
 * Binomial(its denominator, the other peers' pooled rate), below familyAlpha / peers.
 */
import type { DatasetView } from '../dataset-view.js';
import type { DetectorOutput } from '../detector.js';
import { r038Outcome } from '../cardinal/r038.js';
import type { Fraction } from '../cardinal/context.js';
import type { Flag } from '../types.js';
import { binomialTail, ORG_KINDS, orgCoverage, orgsOf, type Org, type OrgKind } from './orgs.js';

export interface RatioRow {
  /** Set when the fence was not > 0 and the flag rests on the chance test against the peers' pooled rate. */
  chance?: { pooledRate: number; probability: number; alpha: number };
  org: Org;
  numerator: number;
  denominator: number;
  ratio: number;
  fence: number;
  q1: number | null;
  q3: number | null;
  peers: number;
}

export function runRatioIndicator(
  view: DatasetView,
  fraction: (o: Org) => Fraction,
  minimum: number,
  threshold: number | null,
  flag: (row: RatioRow) => Flag,
  /**
   * When set and the fence is not > 0 (most peers at 0: a healthy market), an organisation is flagged instead when
   * P(Binomial(denominator, pooled rate of the other peers) ≥ numerator) < familyAlpha / peers.
   */
  chance?: { familyAlpha: number },
): DetectorOutput {
  const compared = new Set<string>();
  const flaggedOrgs = new Set<string>();
  const flags: Flag[] = [];
  for (const kind of ORG_KINDS as readonly OrgKind[]) {
    const orgs = orgsOf(view, kind);
    const fractions = new Map<string, Fraction>();
    for (const o of orgs.values()) fractions.set(o.id, fraction(o));
    const outcome = r038Outcome(fractions, minimum, threshold ?? undefined);
    if (!outcome) continue;
    for (const id of outcome.ratios.keys()) compared.add(`${kind}|${id}`);
    const rowOf = (id: string, ratio: number): RatioRow => {
      const f = fractions.get(id) as Fraction;
      return { org: orgs.get(id) as Org, numerator: f.numerator, denominator: f.denominator, ratio, fence: outcome.fence, q1: outcome.q1 ?? null, q3: outcome.q3 ?? null, peers: outcome.ratios.size };
    };
    const hits: RatioRow[] = [...outcome.flagged].map(([id, ratio]) => rowOf(id, ratio));
    if (chance && !(outcome.fence > 0)) {
      let num = 0;
      let den = 0;
      for (const id of outcome.ratios.keys()) {
        num += (fractions.get(id) as Fraction).numerator;
        den += (fractions.get(id) as Fraction).denominator;
      }
      const alpha = chance.familyAlpha / outcome.ratios.size;
      for (const [id, ratio] of outcome.ratios) {
        const f = fractions.get(id) as Fraction;
        if (f.numerator === 0 || den - f.denominator <= 0) continue;
        const pooledRate = (num - f.numerator) / (den - f.denominator);
        const probability = binomialTail(f.numerator, f.denominator, pooledRate);
        if (probability < alpha) hits.push({ ...rowOf(id, ratio), chance: { pooledRate, probability, alpha } });
      }
    }
    for (const row of hits) {
      flaggedOrgs.add(`${kind}|${row.org.id}`);
      flags.push(flag(row));
    }
  }
  flags.sort((a, b) => (a.subjectType < b.subjectType ? 1 : a.subjectType > b.subjectType ? -1 : a.subjectId < b.subjectId ? -1 : a.subjectId > b.subjectId ? 1 : 0));
  return { flags, coverage: orgCoverage(view, compared, flaggedOrgs) };
}

/** "（同类 12 家的 Q3 + 1.5·IQR = 0.25 + 1.5 × 0.10）" or "（设定阈值）". */
export function fenceText(row: RatioRow, fmt: (x: number) => string): string {
  if (row.chance) {
    const p = row.chance.probability;
    return `同类 ${row.peers} 家的 Q3 + 1.5·IQR = ${fmt(row.fence)}（多数为 0，不作阈值），改按其余同类合计比例 ${fmt(row.chance.pooledRate)} 检验：出现 ${row.numerator}/${row.denominator} 或更多的概率 ${p < 1e-4 ? p.toExponential(1) : p.toFixed(4)}，低于 ${row.chance.alpha.toExponential(1)}（= 总显著性水平 ÷ 同类 ${row.peers} 家）`;
  }
  return row.q1 === null || row.q3 === null
    ? `阈值 ${fmt(row.fence)}（设定值）`
    : `阈值 ${fmt(row.fence)}（同类 ${row.peers} 家的 Q3 + 1.5·IQR = ${fmt(row.q3)} + 1.5 × ${fmt(row.q3 - row.q1)}）`;
}
