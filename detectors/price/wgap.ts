/**
 * WGAP — winner gap (cardinal-rs R024 and R058 on bidwatch's Dataset). Methodology: WGAP.md.
 *
 * d = (B₂ − B_w)/B_w per tender (winner-gap.ts). R024: d ≤ Q1 − 1.5·IQR (skip unless Q1 > 0 and the fence > 0),
 * flags the winner's and the runner-up's bids. R058: d ≥ Q3 + 1.5·IQR (skip unless the fence > 0), flags the
 * winner's bid. Quartiles are statrs type 8 with cardinal's fused fences, over the gaps of every tender in the
 * dataset (`groupBy: 'global'`, cardinal's choice) or of the tender's evaluation method (and category), falling
 * back to global when that group has fewer than `minPopulation` gaps.
 */
import { z } from 'zod';
import type { Detector } from '../detector.js';
import type { Flag, TenderRow } from '../types.js';
import { CoverageCounter } from './coverage.js';
import { fencesOf, type Fences } from './fences.js';
import { bidId, byString, money, pct, unit } from './format.js';
import { CATEGORY_CN, EVALUATION_METHOD_CN } from './labels.js';
import { winnerGap, type GapOutcome } from './winner-gap.js';

export const WGAP_VERSION = '1.0.0';

export const wgapSettingsSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** R024: gap a low outlier (cover bid just above the winner). */
  r024: z.boolean().default(true),
  /** R058: gap a high outlier (winner far below everyone else). */
  r058: z.boolean().default(true),
  /** Population of gaps the fences come from. */
  groupBy: z.enum(['global', 'evaluation_method', 'category_evaluation_method']).default('global'),
  /** Fences need this many gaps; a smaller group falls back to global, a smaller dataset to no fence. */
  minPopulation: z.number().int().min(1).default(30),
  /** A fixed R024 fence instead of Q1 − 1.5·IQR (cardinal `[R024] threshold`). */
  lowThreshold: z.number().positive().nullable().default(null),
  /** A fixed R058 fence instead of Q3 + 1.5·IQR (cardinal `[R058] threshold`). */
  highThreshold: z.number().positive().nullable().default(null),
});
export type WgapSettings = z.infer<typeof wgapSettingsSchema>;

type GroupBy = WgapSettings['groupBy'];

interface Population {
  key: string;
  label: string;
  fences: Fences;
}

const GLOBAL = { key: '*', label: '全部' } as const;

function groupValue(t: TenderRow, by: GroupBy): { key: string; label: string } {
  if (by === 'evaluation_method') return { key: t.evaluationMethod, label: EVALUATION_METHOD_CN[t.evaluationMethod] };
  if (by === 'category_evaluation_method') {
    return { key: `${t.category}|${t.evaluationMethod}`, label: `${CATEGORY_CN[t.category]}·${EVALUATION_METHOD_CN[t.evaluationMethod]}` };
  }
  return GLOBAL;
}

/** The gap populations, built once per run; each group's fences are computed on first use. */
class GapPopulations {
  private readonly cache = new Map<string, Population | null>();

  constructor(private readonly gaps: readonly { tender: TenderRow; gap: number }[]) {}

  for(t: TenderRow, s: WgapSettings): Population | null {
    if (s.groupBy !== 'global') {
      const own = this.group(t, s.groupBy, s.minPopulation);
      if (own) return own;
    }
    return this.group(t, 'global', s.minPopulation);
  }

  private group(t: TenderRow, by: GroupBy, min: number): Population | null {
    const { key, label } = groupValue(t, by);
    const cacheKey = `${by}|${key}|${min}`;
    if (this.cache.has(cacheKey)) return this.cache.get(cacheKey)!;
    const values = this.gaps.filter((g) => groupValue(g.tender, by).key === key).map((g) => g.gap);
    const pop = values.length >= min && values.length > 0 ? { key: `${by}:${key}`, label: `${label} ${values.length} 个可比标段`, fences: fencesOf(values) } : null;
    this.cache.set(cacheKey, pop);
    return pop;
  }
}

interface Hit {
  rule: 'R024' | 'R058';
  fence: number;
  score: number;
}

function hitsFor(d: number, pop: Population | null, s: WgapSettings): { hits: Hit[]; usable: boolean } {
  const hits: Hit[] = [];
  let usable = false;
  if (s.r024) {
    // cardinal: with a computed fence, skip unless Q1 > 0 and the fence > 0 (else most gaps of 0 would be flagged).
    const fence = s.lowThreshold ?? (pop && pop.fences.q1 > 0 ? pop.fences.lower : null);
    if (fence !== null && fence > 0) {
      usable = true;
      if (d <= fence) hits.push({ rule: 'R024', fence, score: 0.5 + 0.5 * unit(1 - d / fence) });
    }
  }
  if (s.r058) {
    const fence = s.highThreshold ?? (pop ? pop.fences.upper : null);
    if (fence !== null && fence > 0) {
      usable = true;
      if (d >= fence) hits.push({ rule: 'R058', fence, score: 0.5 + 0.5 * unit((d - fence) / fence) });
    }
  }
  return { hits, usable };
}

function explain(hit: Hit, g: Extract<GapOutcome, { kind: 'gap' }>, pop: Population | null, s: WgapSettings, role: 'winner' | 'second'): string {
  const who = role === 'winner' ? '（本投标人为中标人）' : '（本投标人为次低有效报价人）';
  const base = `中标价 ${money(g.winner.price)} 元，次低有效报价 ${money(g.second.price)} 元，差距 d =（次低价 − 中标价）/ 中标价 = ${pct(g.gap)}`;
  const fenceText =
    hit.rule === 'R024'
      ? s.lowThreshold !== null
        ? `设定阈值 ${pct(hit.fence)}`
        : `差距分布下围栏 ${pct(hit.fence)}（Q1 ${pct(pop!.fences.q1)} − 1.5×IQR ${pct(pop!.fences.iqr)}；${pop!.label}）`
      : s.highThreshold !== null
        ? `设定阈值 ${pct(hit.fence)}`
        : `差距分布上围栏 ${pct(hit.fence)}（Q3 ${pct(pop!.fences.q3)} + 1.5×IQR ${pct(pop!.fences.iqr)}；${pop!.label}）`;
  return hit.rule === 'R024'
    ? `${base}，不高于${fenceText}${who}；次低价与中标价过于接近，可能存在陪标，参照 cardinal-rs R024 (price close to winning bid: gap is a low outlier)`
    : `${base}，不低于${fenceText}${who}；中标价大幅低于其他有效报价，需关注是否低于成本，参照 cardinal-rs R058 (heavily discounted winning bid: gap is a high outlier)`;
}

export const wgapDetector: Detector<WgapSettings> = {
  code: 'WGAP',
  version: WGAP_VERSION,
  title: '中标价与次低价差距异常 · Winner gap (R024/R058)',
  family: 'price',
  settingsSchema: wgapSettingsSchema,
  // Two-sided Tukey fences on one value per tender flag ~5–10 % of tenders on smooth data; a fifth is suspect.
  maxFlagShare: 0.15,
  run(view, settings) {
    const coverage = new CoverageCounter();
    const outcomes = new Map<string, GapOutcome>();
    const gaps: { tender: TenderRow; gap: number }[] = [];
    for (const t of view.tenders) {
      const s = settings.for(t);
      if (!s.enabled || (!s.r024 && !s.r058)) continue;
      const o = winnerGap(view.bidsOf.get(t.code) ?? []);
      outcomes.set(t.code, o);
      if (o.kind === 'gap') gaps.push({ tender: t, gap: o.gap });
    }
    const pops = new GapPopulations(gaps);
    const flags: Flag[] = [];
    const tenderMetrics = new Map<string, Record<string, number | null>>();
    for (const t of view.tenders) {
      const o = outcomes.get(t.code);
      tenderMetrics.set(t.code, { winner_gap: o?.kind === 'gap' ? o.gap : null });
      if (!o || o.kind === 'excluded') {
        coverage.excluded += 1;
        continue;
      }
      if (o.kind === 'not_applicable') {
        coverage.notApplicable += 1;
        continue;
      }
      const s = settings.for(t);
      const pop = pops.for(t, s);
      const { hits, usable } = hitsFor(o.gap, pop, s);
      if (!usable) {
        coverage.notApplicable += 1; // no fence: too few gaps, or cardinal's Q1/fence guards
        continue;
      }
      coverage.applied += 1;
      for (const hit of hits) {
        coverage.markFlagged(t.code);
        const roles: ('winner' | 'second')[] = hit.rule === 'R024' ? ['winner', 'second'] : ['winner'];
        for (const role of roles) {
          const b = role === 'winner' ? o.winner : o.second;
          flags.push({
            detector: 'WGAP',
            version: WGAP_VERSION,
            subjectType: 'bid',
            subjectId: bidId(t.code, b.bidderUscc),
            tenderCode: t.code,
            bidderUscc: b.bidderUscc,
            score: hit.score,
            severity: 'medium',
            explanation: explain(hit, o, pop, s, role),
            evidence: {
              rule: hit.rule,
              role,
              gap: o.gap,
              winnerPrice: o.winner.price,
              winnerUscc: o.winner.bidderUscc,
              secondPrice: o.second.price,
              secondUscc: o.second.bidderUscc,
              fence: hit.fence,
              threshold: hit.rule === 'R024' ? s.lowThreshold : s.highThreshold,
              population: pop
                ? { key: pop.key, n: pop.fences.n, q1: pop.fences.q1, q3: pop.fences.q3, iqr: pop.fences.iqr, lowerFence: pop.fences.lower, upperFence: pop.fences.upper }
                : null,
              source: `cardinal-rs ${hit.rule}`,
            },
          });
        }
      }
    }
    flags.sort((x, y) => byString(x.subjectId, y.subjectId) || byString(String(x.evidence['rule']), String(y.evidence['rule'])));
    return { flags, coverage: coverage.result(), tenderMetrics };
  },
};
