/**
 * SCREENS — Huber–Imhof distribution screens against peer-group quantiles (报价分布筛查).
 *
 * For each tender with ≥ `minBids` (4) valid bids and a price-competitive evaluation method, the screens of
 * lib/screens.ts are compared with the same screens of its peer group (peer-groups.ts). A screen is "beyond" when
 * it passes the peers' 5 % / 95 % quantile in the collusive direction: CV↓, SPD↓, DIFFP↑, RD↑, RDNOR↑, SKEW < 0
 * (and below the 5 % quantile), KURT↑. The tender is flagged when ≥ `minScreens` (3) screens are beyond.
 * `screen_score` = mean collusive-direction mid-rank percentile over the seven screens — the continuous
 * counterpart used by collusion_score. Off for average-benchmark methods (methods.ts), where AVGSHAPE applies.
 * Every tender gets its screen values in tenderMetrics (export columns cv … ks; null where not computable).
 * The subgroup screens SUBCV and SUBSPD (lib/subgroup-screens.ts: the tightest 3–4 bids, for rings that do not hold
 * every bidder) are computed beside them, compared with the same peers, and reported in tenderMetrics (sub_cv,
 * sub_spd) and in every flag's evidence, naming the bidders of the tightest subgroup; they do not enter the
 * 3-of-7 rule or screen_score, which were fixed before they were added. Methodology: distribution-screens.md.
 */
import { z } from 'zod';
import type { DatasetView } from '../dataset-view.js';
import { validBidsSorted } from '../dataset-view.js';
import type { Detector, DetectorOutput } from '../detector.js';
import { computeScreens, type ScreenKey, type Screens } from '../lib/screens.js';
import { computeSubgroupScreens, type SubgroupScreens } from '../lib/subgroup-screens.js';
import { sortFlags } from '../rings/flag-order.js';
import type { BidRow, Flag, TenderRow } from '../types.js';
import { isAverageBenchmark } from './methods.js';
import { PeerIndex, midRankPercentile, quantileSorted, type PeerSet } from './peer-groups.js';

export const SCREENS_VERSION = '1.2.0';

/** The seven screens of the flag rule with the direction collusion pushes them (+1 up, −1 down). */
export const DIRECTED_SCREENS: ReadonlyArray<{ key: ScreenKey; dir: 1 | -1; zh: string }> = [
  { key: 'cv', dir: -1, zh: '变异系数 CV' },
  { key: 'spd', dir: -1, zh: '极差率 SPD' },
  { key: 'diffp', dir: 1, zh: '最低两价差 DIFFP' },
  { key: 'rd', dir: 1, zh: '相对距离 RD' },
  { key: 'rdnor', dir: 1, zh: '标准化相对距离 RDNOR' },
  { key: 'skew', dir: -1, zh: '偏度 SKEW' },
  { key: 'kurt', dir: 1, zh: '峰度 KURT' },
];

/** The subgroup screens, reported beside the seven (not part of the flag rule or screen_score). */
export const SUBGROUP_SCREENS: ReadonlyArray<{ key: SubgroupKey; metric: string; dir: -1 }> = [
  { key: 'subcv', metric: 'sub_cv', dir: -1 },
  { key: 'subspd', metric: 'sub_spd', dir: -1 },
];
type SubgroupKey = 'subcv' | 'subspd';

/** tenderMetrics keys = the export columns (spec/cli-and-api.md), plus screen_score for the scorer. */
export const EXPORT_SCREENS = ['cv', 'spd', 'diffp', 'rd', 'kurt', 'skew', 'ks'] as const;

export const screensSettingsSchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    /** Valid bids needed for the flag rule (KURT needs 4). */
    minBids: z.number().int().min(4).default(4),
    /**
     * Screens averaged into screen_score (the continuous evidence collusion_score uses), each as a percentile among
     * peers with the same number of bids (sizeClasses): the dispersion pair CV↓ and SPD↓, and KURT↑ and RD↑ — how
     * this set was chosen, and checked leave-one-dataset-out, is in rings/scores.md. A screen not computable at the
     * tender's n (RD needs 3 bids, KURT 4) is left out of its mean.
     */
    scoreScreens: z.array(z.enum(['cv', 'spd', 'diffp', 'rd', 'rdnor', 'skew', 'kurt'])).min(1).default(['cv', 'spd', 'kurt', 'rd']),
    /**
     * For average-benchmark methods (合理低价法), where the flag rule is off because the lowest-price screens point the
     * wrong way, screen_score measures how tightly the bids are packed — CV↓ and SPD↓ only (Conley & Decarolis 2016:
     * coordinated bids crowd the benchmark); compared with average-benchmark peers of the same size.
     */
    packingScreens: z.array(z.enum(['cv', 'spd'])).min(1).default(['cv', 'spd']),
    /**
     * Fewest peers for screen_score when no size class (nor the flag rule's peer set) reaches `minPeers`: a small
     * market is compared with itself, every size together, rather than left without a score.
     */
    minScorePeers: z.number().int().min(2).default(5),
    /** Valid bids needed for screen_score (CV and SPD exist from 2). */
    minScoreBids: z.number().int().min(2).default(2),
    /**
     * Upper bounds of the bid-count classes screen_score compares within (2, 3, 4, 5, 6–7, 8–10, 11+ by default): the
     * CV of three bids and of ten are not drawn from one distribution, and mixing them ranks by n instead.
     */
    sizeClasses: z.array(z.number().int().min(2)).default([2, 3, 4, 5, 7, 10]),
    lowerQuantile: z.number().gt(0).lt(0.5).default(0.05),
    upperQuantile: z.number().gt(0.5).lt(1).default(0.95),
    /** Screens beyond their peer quantile needed to flag (of 7). */
    minScreens: z.number().int().min(1).max(7).default(3),
    /** Smallest peer group used; coarser levels are tried below it. */
    minPeers: z.number().int().min(5).default(30),
    /** Trailing window of years (the tender's year and the years before). */
    peerYears: z.number().int().min(1).default(3),
    /** Control-price band boundaries (yuan) for the finest peer level; [] = no bands. */
    priceBands: z.array(z.number().positive()).default([]),
  })
  .refine((s) => s.priceBands.every((b, i, a) => i === 0 || b > (a[i - 1] as number)), {
    message: 'priceBands must be strictly ascending',
    path: ['priceBands'],
  });
export type ScreensSettings = z.infer<typeof screensSettingsSchema>;

type Values = Record<ScreenKey | SubgroupKey, number | null>;

interface ScreenVerdict {
  key: ScreenKey | SubgroupKey;
  value: number | null;
  percentile: number | null;
  threshold: number | null;
  beyond: boolean;
}

export const screensDetector: Detector<ScreensSettings> = {
  code: 'SCREENS',
  version: SCREENS_VERSION,
  title: '报价分布筛查（Huber–Imhof） · Huber–Imhof distribution screens',
  family: 'collusion',
  settingsSchema: screensSettingsSchema,
  maxFlagShare: 0.1,
  run(view, settings) {
    return runScreens(view, (t) => settings.for(t), settings.base);
  },
};

function runScreens(view: DatasetView, forTender: (t: TenderRow) => ScreensSettings, base: ScreensSettings): DetectorOutput {
  const tenderMetrics = new Map<string, Record<string, number | null>>();
  const computed = new Map<string, Screens>();
  const subgroups = new Map<string, SubgroupScreens>();
  const peers = new PeerIndex<keyof Values>(base);
  const sizeOf = new Map<string, number>();
  // split by mechanism too, so that even the coarsest level never compares packing with lowest-price spreads
  const scorePeers = new PeerIndex<keyof Values>(base, (t) => `${isAverageBenchmark(t.evaluationMethod) ? 'avg' : 'low'}|${sizeClass(sizeOf.get(t.code) ?? 0, base.sizeClasses)}`);
  // a small market (a county's year may hold a few dozen tenders): every size together, down to minScorePeers
  const smallMarketPeers = new PeerIndex<keyof Values>({ ...base, minPeers: base.minScorePeers }, (t) => (isAverageBenchmark(t.evaluationMethod) ? 'avg' : 'low'));
  const applicable: TenderRow[] = [];
  const scored: TenderRow[] = [];
  const coverage = { applied: 0, flagged: 0, notApplicable: 0, excluded: 0 };

  for (const t of view.tenders) {
    const prices = validBidsSorted(view, t.code).map((b) => b.price);
    const sc = computeScreens(prices);
    const sub = computeSubgroupScreens(prices);
    computed.set(t.code, sc);
    subgroups.set(t.code, sub);
    const m: Record<string, number | null> = {};
    for (const k of EXPORT_SCREENS) m[k] = sc[k];
    for (const d of SUBGROUP_SCREENS) m[d.metric] = sub[d.key];
    tenderMetrics.set(t.code, m);
    const s = forTender(t);
    if (!s.enabled) {
      coverage.notApplicable++;
      continue;
    }
    // one literal shape for every tender (a spread makes a new one per source shape)
    const values: Values = {
      cv: sc.cv, spd: sc.spd, diffp: sc.diffp, rd: sc.rd, rdnor: sc.rdnor, rdalt: sc.rdalt, skew: sc.skew, kurt: sc.kurt, ks: sc.ks,
      subcv: sub.subcv, subspd: sub.subspd,
    };
    if (sc.n >= s.minScoreBids) {
      sizeOf.set(t.code, sc.n);
      scored.push(t);
      scorePeers.add(t, values);
      smallMarketPeers.add(t, values);
    }
    if (isAverageBenchmark(t.evaluationMethod)) {
      coverage.notApplicable++;
      continue;
    }
    if (sc.n < s.minBids) {
      coverage.excluded++;
      continue;
    }
    applicable.push(t);
    peers.add(t, values);
  }

  // screen_score for every tender with enough bids, against the same peers as the flag rule
  for (const t of scored) {
    const s = forTender(t);
    const sc = computed.get(t.code) as Screens;
    const average = isAverageBenchmark(t.evaluationMethod);
    const group = scorePeers.peersOf(t) ?? (average ? null : peers.peersOf(t)) ?? smallMarketPeers.peersOf(t);
    if (!group) continue;
    const keys: readonly string[] = average ? s.packingScreens : s.scoreScreens;
    const pcts = DIRECTED_SCREENS.filter((d) => keys.includes(d.key))
      .map((d) => directedPercentile(d.dir, sc[d.key], group.sorted(d.key), base.minScorePeers))
      .filter((p): p is number => p !== null);
    (tenderMetrics.get(t.code) as Record<string, number | null>).screen_score = pcts.length ? pcts.reduce((a, b) => a + b, 0) / pcts.length : null;
  }

  const flags: Flag[] = [];
  for (const t of applicable) {
    const s = forTender(t);
    const sc = computed.get(t.code) as Screens;
    const group = peers.peersOf(t);
    if (!group) {
      coverage.excluded++; // too few peers even at the coarsest level
      continue;
    }
    coverage.applied++;
    const verdicts = DIRECTED_SCREENS.map((d) => verdict(d.key, d.dir, sc[d.key], group, s, base.minPeers));
    const score = (tenderMetrics.get(t.code) as Record<string, number | null>).screen_score ?? null;
    const beyond = verdicts.filter((v) => v.beyond);
    if (beyond.length >= s.minScreens) {
      coverage.flagged++;
      const sub = subgroups.get(t.code) as SubgroupScreens;
      const subVerdicts = SUBGROUP_SCREENS.map((d) => verdict(d.key, d.dir, sub[d.key], group, s, base.minPeers));
      const cluster = sub.cluster ? validBidsSorted(view, t.code).slice(sub.cluster.start, sub.cluster.start + sub.cluster.size) : [];
      flags.push(screenFlag(t, sc, verdicts, beyond.length, score ?? 0, group, s, { verdicts: subVerdicts, cluster }));
    }
  }
  return { flags: sortFlags(flags), coverage, tenderMetrics };
}

/** Index of a bid count's class among ascending upper bounds (the last class is open). */
export function sizeClass(n: number, bounds: readonly number[]): string {
  let i = 0;
  while (i < bounds.length && n > (bounds[i] as number)) i++;
  return `n${i}`;
}

/** A screen's collusive-direction mid-rank percentile among its peers' sorted values; null without a value or peers. */
export function directedPercentile(dir: 1 | -1, value: number | null, sorted: ArrayLike<number>, minPeers: number): number | null {
  if (value === null || sorted.length < minPeers) return null;
  const p = midRankPercentile(sorted, value);
  return dir === 1 ? p : 1 - p;
}

/** One screen against its peers: collusive-direction percentile, and whether it passes the quantile threshold. */
export function verdict(
  key: ScreenKey | SubgroupKey,
  dir: 1 | -1,
  value: number | null,
  group: Pick<PeerSet, 'sorted'>,
  s: Pick<ScreensSettings, 'lowerQuantile' | 'upperQuantile'>,
  minPeers: number,
): ScreenVerdict {
  const sorted = group.sorted(key);
  if (value === null || sorted.length < minPeers) return { key, value, percentile: null, threshold: null, beyond: false };
  const p = midRankPercentile(sorted, value);
  const percentile = dir === 1 ? p : 1 - p;
  const lo = quantileSorted(sorted, s.lowerQuantile);
  const hi = quantileSorted(sorted, s.upperQuantile);
  if (lo === hi) return { key, value, percentile, threshold: null, beyond: false }; // degenerate peer spread
  if (dir === 1) return { key, value, percentile, threshold: hi, beyond: value >= hi };
  // SKEW must also be negative: a low but positive skew is not the collusive shape
  const beyond = value <= lo && (key !== 'skew' || value < 0);
  return { key, value, percentile, threshold: lo, beyond };
}

function fmt(x: number): string {
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a >= 100 ? x.toFixed(1) : a >= 1 ? x.toFixed(3) : x.toPrecision(3);
}

function screenFlag(
  t: TenderRow,
  sc: Screens,
  verdicts: ScreenVerdict[],
  count: number,
  score: number,
  group: PeerSet,
  s: ScreensSettings,
  sub: { verdicts: ScreenVerdict[]; cluster: BidRow[] },
): Flag {
  const beyond = verdicts.filter((v) => v.beyond);
  const [subCv] = sub.verdicts;
  // The tightest subgroup is named only when it is itself beyond the peers' quantile: otherwise it is just the
  // closest three bids of an ordinary tender.
  const tight = subCv?.beyond && sub.cluster.length > 0;
  const clusterText = tight
    ? `另：报价最集中的 ${sub.cluster.length} 家（${sub.cluster.map((b) => b.bidderName || b.bidderUscc).join('、')}）变异系数 ${fmt(subCv.value as number)}，` +
      `低于同类 P${Math.round(s.lowerQuantile * 100)} ${fmt(subCv.threshold as number)}，可能是部分投标人串通（不完整围标）。`
    : '';
  const lo = `P${Math.round(s.lowerQuantile * 100)}`;
  const hi = `P${Math.round(s.upperQuantile * 100)}`;
  const parts = beyond.map((v) => {
    const d = DIRECTED_SCREENS.find((x) => x.key === v.key) as (typeof DIRECTED_SCREENS)[number];
    return `${d.zh}=${fmt(v.value as number)}（${d.dir === 1 ? '≥' : '≤'} 同类${d.dir === 1 ? hi : lo} ${fmt(v.threshold as number)}）`;
  });
  const years = group.fromYear === group.toYear ? `${group.toYear} 年` : `${group.fromYear}–${group.toYear} 年`;
  const en = beyond.map((v) => v.key.toUpperCase()).join(', ');
  return {
    detector: 'SCREENS',
    version: SCREENS_VERSION,
    subjectType: 'tender',
    subjectId: t.code,
    tenderCode: t.code,
    bidderUscc: null,
    score,
    severity: count >= 5 ? 'medium' : 'low',
    explanation:
      `标段 ${t.code}（${sc.n} 个有效报价）：7 项报价分布筛查中有 ${count} 项落在同类标段（${group.key}，${years}，${group.size} 个）` +
      `的 ${lo}/${hi} 分位数之外且方向指向串通：${parts.join('、')}。规则：≥ ${s.minScreens} 项即标记（Huber–Imhof 筛查：报价过于集中、` +
      `最低价与其余报价间隔异常）；${clusterText}此为统计线索，不是定性结论 ` +
      `(${count} of 7 screens beyond peer ${lo}/${hi} in the collusive direction: ${en}` +
      `${tight ? `; the tightest ${sub.cluster.length} bids are also beyond ${lo}, a possible partial ring` : ''}; a reason to review, not a finding)`,
    evidence: {
      rule: 'screens',
      n: sc.n,
      beyondCount: count,
      minScreens: s.minScreens,
      screens: Object.fromEntries(
        verdicts.map((v) => [v.key, { value: v.value, percentile: v.percentile, threshold: v.threshold, beyond: v.beyond }]),
      ),
      rdalt: sc.rdalt,
      ks: sc.ks,
      subgroup: {
        screens: Object.fromEntries(
          sub.verdicts.map((v) => [v.key, { value: v.value, percentile: v.percentile, threshold: v.threshold, beyond: v.beyond }]),
        ),
        tightest: sub.cluster.map((b) => ({ uscc: b.bidderUscc, name: b.bidderName, price: b.price })),
      },
      screenScore: score,
      peerGroup: { level: group.level, key: group.key, fromYear: group.fromYear, toYear: group.toYear, size: group.size },
      quantiles: [s.lowerQuantile, s.upperQuantile],
    },
  };
}
