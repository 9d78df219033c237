/**
 * Fallback for "was the winner a low bid?" when ALB did not run: a Tukey upper fence on the 下浮率 of the *winning*
 * bids of the tender's peers, Q3 + k·IQR (type-7 quartiles, lib/stats.ts).
 *
 * Peer ladder — the first level whose group holds at least `minGroup` winners with a 下浮率 is used, so a rare
 * combination widens rather than fencing on a handful of values:
 *   0. year × category × work type × evaluation method (the peer group);
 *   1. year × category × work type (evaluation methods pooled);
 *   2. year − 1 … year + 1 × category × work type (the rolling 3-year window of the domain notes);
 *   3. year − 1 … year + 1 × work type (categories pooled).
 * Work type is kept longest because 下浮率 differ most between 施工, 监理 and 设计. A level whose quartiles are both 0
 * is skipped like a too-small one (cardinal skips Q1 = Q3 = 0). The tender's own winner is part of its group.
 */
import type { DatasetView } from '../dataset-view.js';
import { sortedAscending, tukeyFences } from '../lib/stats.js';
import type { TenderRow } from '../types.js';
import { winningBid } from './winner.js';

export const PEER_LEVELS = [
  'year×category×workType×evaluationMethod',
  'year×category×workType',
  'year±1×category×workType',
  'year±1×workType',
] as const;

export interface PeerFence {
  level: number;
  levelName: (typeof PEER_LEVELS)[number];
  key: string;
  n: number;
  q1: number;
  q3: number;
  upperFence: number;
  k: number;
}

export type PeerFenceResult =
  /** `sorted`: the group's winning 下浮率, ascending (for the optional quantile criterion). */
  | { ok: true; fence: PeerFence; sorted: readonly number[] }
  | { ok: false; reason: 'peer_too_small'; largestGroup: number };

export type PeerFenceFinder = (tender: TenderRow, k: number, minGroup: number) => PeerFenceResult;

function push(m: Map<string, number[]>, k: string, v: number): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

/** Indexes the winners' 下浮率 once (one pass over the tenders) and returns a cached fence lookup. */
export function peerFences(view: DatasetView): PeerFenceFinder {
  const l0 = new Map<string, number[]>();
  const l1 = new Map<string, number[]>(); // also the per-year pieces of level 2
  const byYearWork = new Map<string, number[]>(); // per-year pieces of level 3
  for (const t of view.tenders) {
    const contract = view.contractOf.get(t.code);
    const w = winningBid(view.bidsOf.get(t.code), contract?.winnerUscc);
    if (!w || w.discount === null || !Number.isFinite(w.discount)) continue;
    push(l0, `${t.year}|${t.category}|${t.workType}|${t.evaluationMethod}`, w.discount);
    push(l1, `${t.year}|${t.category}|${t.workType}`, w.discount);
    push(byYearWork, `${t.year}|${t.workType}`, w.discount);
  }
  const window = (m: Map<string, number[]>, year: number, rest: string): number[] => [
    ...(m.get(`${year - 1}|${rest}`) ?? []),
    ...(m.get(`${year}|${rest}`) ?? []),
    ...(m.get(`${year + 1}|${rest}`) ?? []),
  ];
  const groups = (t: TenderRow): [string, () => number[]][] => [
    [`${t.year}|${t.category}|${t.workType}|${t.evaluationMethod}`, () => l0.get(`${t.year}|${t.category}|${t.workType}|${t.evaluationMethod}`) ?? []],
    [`${t.year}|${t.category}|${t.workType}`, () => l1.get(`${t.year}|${t.category}|${t.workType}`) ?? []],
    [`${t.year - 1}..${t.year + 1}|${t.category}|${t.workType}`, () => window(l1, t.year, `${t.category}|${t.workType}`)],
    [`${t.year - 1}..${t.year + 1}|${t.workType}`, () => window(byYearWork, t.year, t.workType)],
  ];
  const cache = new Map<string, { fence: PeerFence | null; n: number; sorted: readonly number[] }>();
  return (tender, k, minGroup) => {
    let largest = 0;
    const ladder = groups(tender);
    for (let level = 0; level < ladder.length; level++) {
      const [key, values] = ladder[level] as [string, () => number[]];
      const cacheKey = `${level}|${key}|${k}|${minGroup}`;
      let hit = cache.get(cacheKey);
      if (hit === undefined) {
        const xs = values();
        hit = { fence: null, n: xs.length, sorted: [] };
        if (xs.length >= minGroup) {
          hit.sorted = sortedAscending(xs);
          const f = tukeyFences(hit.sorted, k);
          if (!(f.q1 === 0 && f.q3 === 0)) {
            const levelName = PEER_LEVELS[level] as PeerFence['levelName'];
            hit.fence = { level, levelName, key, n: xs.length, q1: f.q1, q3: f.q3, upperFence: f.upper, k };
          }
        }
        cache.set(cacheKey, hit);
      }
      if (hit.fence) return { ok: true, fence: hit.fence, sorted: hit.sorted };
      largest = Math.max(largest, hit.n);
    }
    return { ok: false, reason: 'peer_too_small', largestGroup: largest };
  };
}
