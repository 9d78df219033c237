/**
 * REGDIFF — regular price differences (招标投标法实施条例第四十条(四) 投标报价呈规律性差异; OCP R023).
 * Methodology and chance rates: REGDIFF.md; the tests themselves: regularity.ts.
 *
 * Per tender, the valid bids (one per bidder, its lowest) sorted ascending, n ≥ minBids:
 *   arithmetic     CV of the gaps < cvGap (cvAtN3 when n = 3)
 *   geometric      CV of the log-steps < cvLogRatio (cvAtN3 when n = 3); or, if cvRatio is set, the reference's
 *                  literal CV of the ratios < cvRatio
 *   round_percent  every P₍ᵢ₎/P₍₁₎ − 1 a whole multiple of a step s within ±roundTolerance, trying only the steps
 *                  whose chance rate (2·tol/s)^(n−1) is ≤ roundMaxChance
 * One flag per tender listing the rules that held.
 */
import { z } from 'zod';
import type { Detector } from '../detector.js';
import type { BidRow, Flag } from '../types.js';
import { CoverageCounter } from './coverage.js';
import { byString, money, pct, unit } from './format.js';
import {
  arithmeticCv,
  equalGapChance,
  gapsOf,
  geometricCv,
  priceUnit,
  ratioCv,
  ratiosOf,
  roundPercentStep,
  type RoundStepHit,
} from './regularity.js';
import { effectiveUnit, marketProfile } from '../market/market-profile.js';

export const REGDIFF_VERSION = '1.1.0';

const ratio = z.number().gt(0).max(1);

export const regdiffSettingsSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** Include invalid (否决) bids in the sequence. */
  includeInvalid: z.boolean().default(false),
  /** Fewest bids (bidders) for any test. */
  minBids: z.number().int().min(3).default(3),
  /** Arithmetic: CV of the gaps below this (n ≥ 4). */
  cvGap: ratio.default(0.05),
  /** Geometric: CV of the log-steps below this (n ≥ 4). */
  cvLogRatio: ratio.default(0.05),
  /** Both CV tests at n = 3, where two gaps agree within 5 % by chance in ~4 % of tenders. */
  cvAtN3: ratio.default(0.0025),
  /** The reference's literal CV(ρ) < x test; null = off (it passes ~5–35 % of ordinary tenders, see REGDIFF.md). */
  cvRatio: ratio.nullable().default(null),
  /** Round steps tried, as fractions of the lowest bid (0.005 = 0.5 %). */
  roundSteps: z.array(ratio).min(1).default([0.005, 0.01, 0.02, 0.05]),
  /** ± tolerance around each multiple, as a fraction (0.0005 = 0.05 %). */
  roundTolerance: z.number().positive().max(0.01).default(0.0005),
  /**
   * Chance guard: a round step is tried only if its chance rate at this n (and price rounding) is at most this, and
   * the CV tests run only if exactly equal gaps are this unlikely given the price rounding (regularity.ts).
   */
  maxChance: ratio.default(0.0015),
});
export type RegdiffSettings = z.infer<typeof regdiffSettingsSchema>;

export type RegularityRule = 'arithmetic' | 'geometric' | 'round_percent';

export interface Regularity {
  n: number;
  rules: RegularityRule[];
  cvGap: number | null;
  cvLogRatio: number | null;
  cvRatio: number | null;
  /** The CV threshold used at this n. */
  cvGapThreshold: number;
  cvLogRatioThreshold: number;
  /** The prices' rounding (元) and the mean gap in those units. */
  unit: number;
  meanGapUnits: number;
  /** Chance of exactly equal gaps from the rounding alone; the CV tests run only if ≤ maxChance. */
  equalGapChance: number;
  cvTestsRun: boolean;
  round: RoundStepHit | null;
}

/** Which regularity rules hold for prices sorted ascending (n ≥ 3 assumed by the caller). */
export function regularityOf(sorted: readonly number[], s: RegdiffSettings, marketUnit = 0): Regularity {
  const n = sorted.length;
  const cvGapThreshold = n === 3 ? Math.min(s.cvGap, s.cvAtN3) : s.cvGap;
  const cvLogRatioThreshold = n === 3 ? Math.min(s.cvLogRatio, s.cvAtN3) : s.cvLogRatio;
  const cvGap = arithmeticCv(sorted);
  const cvLogRatio = geometricCv(sorted);
  const cvR = s.cvRatio !== null ? ratioCv(sorted) : null;
  // The coarser of the tender's own rounding and the market's (a discount quoted to 0.001 % is a price unit of
  // control × 10⁻⁵): equal gaps and round steps are judged at the resolution bidders choose numbers at.
  const unit = Math.max(priceUnit(sorted), marketUnit);
  const meanGapUnits = n >= 2 ? (sorted[n - 1]! - sorted[0]!) / (n - 1) / unit : 0; // the gaps telescope
  const eqChance = equalGapChance(n, meanGapUnits);
  const cvTestsRun = eqChance <= s.maxChance * (1 + 1e-9);
  const round = roundPercentStep(sorted, s.roundSteps, s.roundTolerance, s.maxChance, unit);
  const rules: RegularityRule[] = [];
  if (cvTestsRun && cvGap !== null && cvGap < cvGapThreshold) rules.push('arithmetic');
  if (cvTestsRun && ((cvLogRatio !== null && cvLogRatio < cvLogRatioThreshold) || (s.cvRatio !== null && cvR !== null && cvR < s.cvRatio))) {
    rules.push('geometric');
  }
  if (round) rules.push('round_percent');
  return {
    n,
    rules,
    cvGap,
    cvLogRatio,
    cvRatio: cvR,
    cvGapThreshold,
    cvLogRatioThreshold,
    unit,
    meanGapUnits,
    equalGapChance: eqChance,
    cvTestsRun,
    round,
  };
}

/** The bids REGDIFF looks at: positive prices, valid unless includeInvalid, each bidder's lowest; ascending. */
export function regdiffBids(bids: readonly BidRow[], includeInvalid: boolean): BidRow[] {
  const sorted = bids.filter((b) => b.price > 0 && (includeInvalid || b.valid)).sort((a, b) => a.price - b.price || byString(a.bidderUscc, b.bidderUscc));
  // Ascending, so a bidder's first bid is its lowest; a linear scan beats a Map for a tender's handful of bids.
  const out: BidRow[] = [];
  for (const b of sorted) if (!out.some((o) => o.bidderUscc === b.bidderUscc)) out.push(b);
  return out;
}

const LEGAL = '属《招标投标法实施条例》第四十条（四）“不同投标人的投标报价呈规律性差异”所列视为串通投标的情形，需核查，不是结论';

function list(xs: readonly number[], f: (x: number) => string): string {
  return xs.length <= 8 ? xs.map(f).join('、') : `${xs.slice(0, 8).map(f).join('、')} 等`;
}

function explain(r: Regularity, prices: readonly number[]): string {
  const parts: string[] = [];
  if (r.rules.includes('arithmetic')) {
    parts.push(`相邻报价差额为 ${list(gapsOf(prices), money)} 元，差额变异系数 ${r.cvGap!.toFixed(4)} < ${r.cvGapThreshold}（近似等差）`);
  }
  if (r.rules.includes('geometric')) {
    const cv = r.cvLogRatio !== null && r.cvLogRatio < r.cvLogRatioThreshold ? `对数步长变异系数 ${r.cvLogRatio.toFixed(4)} < ${r.cvLogRatioThreshold}` : `比值变异系数 ${r.cvRatio!.toFixed(4)}`;
    parts.push(`相邻报价比值为 ${list(ratiosOf(prices), (x) => x.toFixed(4))}，${cv}（近似等比）`);
  }
  if (r.round) {
    const rel = prices.slice(1).map((p) => p / prices[0]! - 1);
    parts.push(
      `各报价比最低价 ${money(prices[0]!)} 元分别高 ${list(rel, pct)}，均为 ${pct(r.round.step)} 的整数倍（误差 ≤ ${pct(r.round.maxDeviation)}；` +
        `${r.n} 家报价偶然如此的概率约 ${pct(r.round.chance)}）`,
    );
  }
  const english = r.rules.map((x) => (x === 'round_percent' ? 'round-percentage steps' : `${x} progression`)).join(', ');
  return `${r.n} 家有效报价从低到高：${list(prices, money)} 元；${parts.join('；')}；${LEGAL} (bid prices follow a regular pattern: ${english})`;
}

export const regdiffDetector: Detector<RegdiffSettings> = {
  code: 'REGDIFF',
  version: REGDIFF_VERSION,
  title: '投标报价呈规律性差异 · Regular price differences',
  family: 'price',
  settingsSchema: regdiffSettingsSchema,
  // Default chance rates are ≤ 0.4 % of tenders (REGDIFF.md); 5 % means rounded prices or too loose settings.
  maxFlagShare: 0.05,
  run(view, settings) {
    const coverage = new CoverageCounter();
    const flags: Flag[] = [];
    const market = marketProfile(view);
    for (const t of view.tenders) {
      const s = settings.for(t);
      if (!s.enabled) {
        coverage.excluded += 1;
        continue;
      }
      const bids = regdiffBids(view.bidsOf.get(t.code) ?? [], s.includeInvalid);
      if (bids.length < s.minBids) {
        coverage.notApplicable += 1;
        continue;
      }
      coverage.applied += 1;
      const prices = bids.map((b) => b.price);
      const profile = market.of(t);
      const r = regularityOf(prices, s, profile.informed ? effectiveUnit(profile, t.controlPrice) : 0);
      if (r.rules.length === 0) continue;
      coverage.markFlagged(t.code);
      flags.push({
        detector: 'REGDIFF',
        version: REGDIFF_VERSION,
        subjectType: 'tender',
        subjectId: t.code,
        tenderCode: t.code,
        bidderUscc: null,
        // More rules agreeing, or more bids in the pattern, make chance less likely.
        score: 0.6 + 0.3 * unit(0.5 * (r.rules.length - 1) + 0.25 * (r.n - 3)),
        severity: 'medium',
        explanation: explain(r, prices),
        evidence: {
          rule: r.rules[0],
          rules: r.rules,
          n: r.n,
          prices,
          bidders: bids.map((b) => b.bidderUscc),
          gaps: gapsOf(prices),
          cvGap: r.cvGap,
          cvLogRatio: r.cvLogRatio,
          cvRatio: r.cvRatio,
          thresholds: { cvGap: r.cvGapThreshold, cvLogRatio: r.cvLogRatioThreshold, cvRatio: s.cvRatio, roundTolerance: s.roundTolerance, maxChance: s.maxChance },
          priceUnit: r.unit,
          meanGapUnits: r.meanGapUnits,
          equalGapChance: r.equalGapChance,
          round: r.round,
          includeInvalid: s.includeInvalid,
          source: '招标投标法实施条例 第四十条(四); OCP R023',
        },
      });
    }
    flags.sort((x, y) => byString(x.subjectId, y.subjectId));
    return { flags, coverage: coverage.result() };
  },
};
