/**
 * BOQSIM — 清单雷同 (已标价工程量清单异常一致, 条例第四十条第（四）项). Methodology: boqsim.md.
 *
 * Per tender and pair of bidders, from their BOQ lines (boq-pairs.ts):
 *   share  s = identical / compared   — the share of common, non-fixed items with the same 综合单价
 *   E      = quantity + arithmetic + missing + extra + order   — identical errors (OECD BR-09)
 * Judged against the market's own pairs (all pairs with compared ≥ `minCommonItems`, every tender), which are
 * overwhelmingly unrelated:
 *   τ_s = Q3 + fenceK·IQR of the pairs' s   (statrs type-8 quartiles, as cardinal);  τ_E the same over E
 *   r_s = Σ identical / Σ compared over the pairs with s ≤ τ_s — the market's rate for unrelated pairs;
 *   r_E = Σ E / Σ compared over the pairs with E ≤ τ_E
 *   chance_s = P(Poisson(compared · r_s) ≥ identical), chance_E = P(Poisson(compared · r_E) ≥ E)
 *   α = familyAlpha / (market pairs)   — so chance alone flags about familyAlpha pairs per run, market-wide
 * With fewer than `minMarketPairs` pairs there is no market: τ_s is `ruleShare` (0.8, the 青岛 rule that 80 %
 * identical unit prices is 雷同 — second-hand, domain-indicators §1.2), τ_E is `minSharedErrors`, no chance test.
 * A pair is flagged on
 *   price    identical ≥ `minIdenticalLines` and (s ≥ ruleShare, or s > τ_s and chance_s < α)
 *   errors   E ≥ `minSharedErrors`, E > τ_E and chance_E < α
 * score: one signal 0.6, both 0.8, s ≥ ruleShare 0.9 (+0.05 with errors); `high` when s ≥ ruleShare or both.
 */
import { z } from 'zod';
import type { Detector, DetectorOutput } from '../detector.js';
import { lowerQuartile, upperQuartile } from '../cardinal/quartiles.js';
import { pct } from '../price/format.js';
import { sortFlags } from '../rings/flag-order.js';
import type { Flag } from '../types.js';
import { compareTender, groupByTender, type BoqPair, type ErrorKind } from './boq-pairs.js';

export const BOQSIM_VERSION = '1.0.0';

export const boqsimSettingsSchema = z.strictObject({
  /** Tukey multiplier of the market fence Q3 + k·IQR over the pairs' values (3 = "far out"). */
  fenceK: z.number().min(0).default(3),
  /**
   * Family-wise chance level: a pair's count must be less likely than familyAlpha / (market pairs) under the
   * market's own rate for unrelated pairs (Poisson), so that chance alone flags about one pair in a hundred runs.
   */
  familyAlpha: z.number().gt(0).max(0.5).default(0.01),
  /** Share of identical unit prices that is 雷同 by rule (青岛), flagged whatever the market. */
  ruleShare: z.number().gt(0).max(1).default(0.8),
  /** Fewest compared items for a pair to be judged (and to count in the market). */
  minCommonItems: z.number().int().min(1).default(20),
  /** Fewest identical unit prices for the price signal. */
  minIdenticalLines: z.number().int().min(1).default(3),
  /** Fewest identical errors for the error signal. */
  minSharedErrors: z.number().int().min(1).default(2),
  /** Fewest market pairs for market thresholds; fewer → ruleShare and minSharedErrors alone. */
  minMarketPairs: z.number().int().min(5).default(30),
  /** Fixed thresholds instead of the market's fences (cardinal-style overrides). */
  shareThreshold: z.number().min(0).max(1).nullable().default(null),
  errorThreshold: z.number().min(0).nullable().default(null),
  /** Item codes kept per kind in the evidence. */
  maxEvidenceLines: z.number().int().min(1).max(200).default(20),
});
export type BoqsimSettings = z.infer<typeof boqsimSettingsSchema>;

export interface BoqThresholds {
  /** Fences: a pair must be above them (Q3 + fenceK·IQR, or the setting, or ruleShare / minSharedErrors). */
  share: number;
  errors: number;
  source: 'market' | 'rule' | 'setting';
  marketPairs: number;
  shareQ1: number | null;
  shareQ3: number | null;
  errorQ1: number | null;
  errorQ3: number | null;
  /** Pooled rates of the pairs within the fences ("unrelated"): identical prices, errors per compared item. */
  priceRate: number | null;
  errorRate: number | null;
  /** familyAlpha / market pairs; null without a market. */
  alphaPerPair: number | null;
}

/** P(X ≥ k) for X ~ Poisson(λ), summed from k upwards in log space (exact enough for k up to thousands). */
export function poissonTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  let logTerm = -lambda + k * Math.log(lambda);
  for (let j = 2; j <= k; j++) logTerm -= Math.log(j);
  let term = Math.exp(logTerm);
  let sum = 0;
  for (let j = k; term > 1e-300 && j < k + 100_000; j++) {
    sum += term;
    if (term < sum * 1e-16) break;
    term *= lambda / (j + 1);
  }
  return Math.min(1, sum);
}

export function marketThresholds(pairs: readonly BoqPair[], s: BoqsimSettings): BoqThresholds {
  const eligible = pairs.filter((p) => p.compared >= s.minCommonItems);
  if (eligible.length < s.minMarketPairs) {
    const set = s.shareThreshold !== null || s.errorThreshold !== null;
    return {
      share: s.shareThreshold ?? s.ruleShare,
      errors: s.errorThreshold ?? s.minSharedErrors,
      source: set ? 'setting' : 'rule',
      marketPairs: eligible.length,
      shareQ1: null,
      shareQ3: null,
      errorQ1: null,
      errorQ3: null,
      priceRate: null,
      errorRate: null,
      alphaPerPair: null,
    };
  }
  const fence = (xs: number[]) => {
    const q1 = lowerQuartile(xs);
    const q3 = upperQuartile(xs);
    return { q1, q3, t: q3 + s.fenceK * (q3 - q1) };
  };
  const fs = fence(eligible.map((p) => p.share));
  const fe = fence(eligible.map((p) => p.errorTotal));
  const share = s.shareThreshold ?? fs.t;
  const errors = s.errorThreshold ?? fe.t;
  let same = 0;
  let err = 0;
  let cmpPrice = 0;
  let cmpErr = 0;
  for (const p of eligible) {
    if (p.share <= share) {
      same += p.identical;
      cmpPrice += p.compared;
    }
    if (p.errorTotal <= errors) {
      err += p.errorTotal;
      cmpErr += p.compared;
    }
  }
  return {
    share,
    errors,
    source: s.shareThreshold !== null || s.errorThreshold !== null ? 'setting' : 'market',
    marketPairs: eligible.length,
    shareQ1: fs.q1,
    shareQ3: fs.q3,
    errorQ1: fe.q1,
    errorQ3: fe.q3,
    priceRate: cmpPrice ? same / cmpPrice : 0,
    errorRate: cmpErr ? err / cmpErr : 0,
    alphaPerPair: s.familyAlpha / eligible.length,
  };
}

/** The price and error signals of one pair, with the chance probabilities they rest on. */
export function judge(p: BoqPair, th: BoqThresholds, s: BoqsimSettings): { price: boolean; errors: boolean; priceChance: number | null; errorChance: number | null } {
  const priceChance = th.priceRate === null ? null : poissonTail(p.identical, p.compared * th.priceRate);
  const errorChance = th.errorRate === null ? null : poissonTail(p.errorTotal, p.compared * th.errorRate);
  const alpha = th.alphaPerPair;
  const price = p.identical >= s.minIdenticalLines && (p.share >= s.ruleShare || (p.share > th.share && (alpha === null || (priceChance as number) < alpha)));
  const errors = p.errorTotal >= s.minSharedErrors && p.errorTotal > th.errors && (alpha === null || (errorChance as number) < alpha);
  return { price, errors, priceChance, errorChance };
}

export const boqsimDetector: Detector<BoqsimSettings> = {
  code: 'BOQSIM',
  version: BOQSIM_VERSION,
  title: '清单雷同（已标价工程量清单异常一致） · BOQ similarity between bidders',
  family: 'collusion',
  settingsSchema: boqsimSettingsSchema,
  maxFlagShare: 0.1,
  run(view, settings) {
    const s = settings.base; // market-wide thresholds: one set for the run
    const coverage = { applied: 0, flagged: 0, notApplicable: 0, excluded: 0 };
    const flags: Flag[] = [];
    const lines = view.dataset.boqLines;
    if (!lines) {
      coverage.notApplicable = view.tenders.length;
      return { flags, coverage };
    }
    const { codes, start, order } = groupByTender(lines);
    const range = new Map<string, number>();
    codes.forEach((c, t) => range.set(c, t));
    const all: BoqPair[] = [];
    const tenderFacts = new Map<string, Record<string, unknown>>();
    for (const t of view.tenders) {
      const r = range.get(t.code);
      const firms = new Set((view.bidsOf.get(t.code) ?? []).map((b) => b.bidderUscc)).size;
      if (r === undefined) {
        if (firms < 2) coverage.notApplicable++;
        else coverage.excluded++; // bids but no BOQ lines: a data gap
        continue;
      }
      const { pairs, summary } = compareTender(lines, order, start[r] as number, start[r + 1] as number, s.maxEvidenceLines);
      if (summary.bidders < 2) {
        if (firms < 2) coverage.notApplicable++;
        else coverage.excluded++;
        continue;
      }
      coverage.applied++;
      tenderFacts.set(t.code, { ...summary });
      for (const p of pairs) all.push(p);
    }
    const th = marketThresholds(all, s);
    const flagged = new Set<string>();
    for (const p of all) {
      if (p.compared < s.minCommonItems) continue;
      const j = judge(p, th, s);
      if (!j.price && !j.errors) continue;
      flagged.add(p.tenderCode);
      flags.push(boqFlag(p, j, th, s, view.bidsOf.get(p.tenderCode) ?? []));
    }
    for (const f of tenderFacts.values()) f.thresholds = { share: th.share, errors: th.errors, source: th.source, marketPairs: th.marketPairs };
    coverage.flagged = flagged.size;
    return { flags: sortFlags(flags), coverage, tenderFacts } satisfies DetectorOutput;
  },
};

const ERROR_ZH: Record<ErrorKind, string> = {
  quantity: '工程量同错（与多数投标人的工程量不同而彼此相同）',
  arithmetic: '合价计算错误相同',
  missing: '共同漏项',
  extra: '共同多项',
  order: '相同的非常规排序',
};

function num(x: number): string {
  return Number.isInteger(x) ? `${x}` : x.toFixed(2);
}

function chance(x: number | null): string {
  return x === null ? '—' : x === 0 ? '0' : x < 1e-4 ? x.toExponential(1) : x.toFixed(4);
}

function boqFlag(p: BoqPair, j: ReturnType<typeof judge>, th: BoqThresholds, s: BoqsimSettings, bids: ReadonlyArray<{ bidderUscc: string; bidderName: string }>): Flag {
  const { price, errors } = j;
  const names = new Map(bids.map((b) => [b.bidderUscc, b.bidderName]));
  const label = (u: string) => {
    const n = names.get(u);
    return n && n !== u ? `${n}（${u}）` : u;
  };
  const byRule = price && p.share >= s.ruleShare;
  const both = price && errors;
  const score = byRule ? (errors ? 0.95 : 0.9) : both ? 0.8 : 0.6;
  const signals = [...(price ? ['price'] : []), ...(errors ? ['errors'] : [])];
  const src = th.source === 'market' ? `全市场 ${th.marketPairs} 对投标人两两比对的 Q3 + ${s.fenceK}·IQR` : th.source === 'rule' ? `市场样本不足 ${s.minMarketPairs} 对，采用规则值` : '设置值';
  const alpha = th.alphaPerPair === null ? '' : `；按市场无关投标人对的单价相同率 ${pct(th.priceRate as number)} 计，偶然出现的概率 ${chance(j.priceChance)}（须 < ${chance(th.alphaPerPair)} = ${s.familyAlpha}/${th.marketPairs}）`;
  const alphaE = th.alphaPerPair === null ? '' : `；按市场错误相同率 ${(th.errorRate as number).toFixed(5)}/项 计，偶然概率 ${chance(j.errorChance)}`;
  const facts: string[] = [];
  facts.push(
    `共同清单项 ${p.common} 项（剔除所有投标人单价一致的给定单价项后比对 ${p.compared} 项），综合单价完全相同 ${p.identical} 项，占 ${pct(p.share)}` +
      `（阈值 ${pct(th.share)}，${src}${alpha}；单价相同 ≥ ${pct(s.ruleShare)} 按青岛规则即视为雷同）`,
  );
  const errParts = (Object.keys(p.errors) as ErrorKind[]).filter((k) => p.errors[k] > 0).map((k) => `${ERROR_ZH[k]} ${p.errors[k]} 处`);
  facts.push(`相同错误共 ${p.errorTotal} 处${errParts.length ? `：${errParts.join('、')}` : ''}（阈值：多于 ${num(th.errors)} 处且不少于 ${s.minSharedErrors} 处${alphaE}）`);
  return {
    detector: 'BOQSIM',
    version: BOQSIM_VERSION,
    subjectType: 'tender',
    subjectId: p.tenderCode,
    tenderCode: p.tenderCode,
    bidderUscc: p.pair[0],
    score,
    severity: byRule || both ? 'high' : 'medium',
    explanation:
      `标段 ${p.tenderCode}：投标人 ${label(p.pair[0])} 与 ${label(p.pair[1])} 的已标价工程量清单${facts.join('；')}。` +
      `对照《招标投标法实施条例》第四十条第（四）项“不同投标人的投标文件异常一致”，提示可能存在串通投标，需调取双方清单逐项核对；此为核查线索，不是定性结论 ` +
      `(BOQ: ${p.identical}/${p.compared} identical unit prices = ${pct(p.share)} vs threshold ${pct(th.share)}; ${p.errorTotal} identical errors; Art. 40(4); a reason to review)`,
    evidence: {
      rule: 'boqsim',
      pair: p.pair,
      signals,
      commonItems: p.common,
      comparedItems: p.compared,
      identicalPrices: p.identical,
      identicalShare: p.share,
      sharedErrors: p.errors,
      errorTotal: p.errorTotal,
      lines: p.samples,
      article: '40(4)',
      priceChance: j.priceChance,
      errorChance: j.errorChance,
      thresholds: { ...th, ruleShare: s.ruleShare, fenceK: s.fenceK, familyAlpha: s.familyAlpha, minIdenticalLines: s.minIdenticalLines, minSharedErrors: s.minSharedErrors },
    },
  };
}
