/**
 * The common shape of BR038, BSINGLE and BLOWBID: per buyer and per agency a ratio numerator / denominator over its
 * tenders, organisations with denominator ≥ a minimum compared with their peers of the same kind, a flag at ratio ≥
 * fence (Q3 + 1.5·IQR, type 8, or a fixed threshold; nothing when the fence is not > 0) — cardinal's R038 decision
 * (cardinal/r038.ts `r038Outcome`) applied to other ratios.
 */
import type { DatasetView } from '../dataset-view.js';
import type { DetectorOutput } from '../detector.js';
import { r038Outcome } from '../cardinal/r038.js';
import type { Fraction } from '../cardinal/context.js';
import type { Flag } from '../types.js';
import { ORG_KINDS, orgCoverage, orgsOf, type Org, type OrgKind } from './orgs.js';

export interface RatioRow {
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
    for (const [id, ratio] of outcome.flagged) {
      const f = fractions.get(id) as Fraction;
      flaggedOrgs.add(`${kind}|${id}`);
      flags.push(flag({ org: orgs.get(id) as Org, numerator: f.numerator, denominator: f.denominator, ratio, fence: outcome.fence, q1: outcome.q1 ?? null, q3: outcome.q3 ?? null, peers: outcome.ratios.size }));
    }
  }
  flags.sort((a, b) => (a.subjectType < b.subjectType ? 1 : a.subjectType > b.subjectType ? -1 : a.subjectId < b.subjectId ? -1 : a.subjectId > b.subjectId ? 1 : 0));
  return { flags, coverage: orgCoverage(view, compared, flaggedOrgs) };
}

/** "（同类 12 家的 Q3 + 1.5·IQR = 0.25 + 1.5 × 0.10）" or "（设定阈值）". */
export function fenceText(row: RatioRow, fmt: (x: number) => string): string {
  return row.q1 === null || row.q3 === null
    ? `阈值 ${fmt(row.fence)}（设定值）`
    : `阈值 ${fmt(row.fence)}（同类 ${row.peers} 家的 Q3 + 1.5·IQR = ${fmt(row.q3)} + 1.5 × ${fmt(row.q3 - row.q1)}）`;
}
