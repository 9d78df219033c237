/**
 * The coordinated-bid test of Conley & Decarolis (2016) for one candidate group in one average-benchmark tender.
 *
 * Removed set R: the group's bids, except the winning bid when a member wins (then R are its supporters: did they
 * carry the benchmark to their partner?). Statistic: (flip, |shift|), with shift = (B(bids − R) − B(bids)) / B(bids)
 * and flip = the winner changes. Null distribution: removing |R| bids drawn from the bids outside the group and
 * other than the winner. A draw is "at least as extreme" when it flips and the group did not, or both flip or both
 * do not and |shift_S| ≥ |shift_g|. p = (1 + #extreme) / (1 + #draws) — exact over all C(pool, |R|) subsets when
 * there are at most `draws` of them, else `draws` seeded samples (reproducible: same seed, same p).
 */
import { sampleInto } from '../rings/prng.js';
import { benchmark, winnerIndex, type BenchmarkRule } from './benchmark.js';

export interface ShapingResult {
  benchmark: number;
  benchmarkWithout: number;
  shift: number;
  flip: boolean;
  /** Positions in the sorted prices. */
  winner: number;
  winnerWithout: number;
  removed: number[];
  extreme: number;
  draws: number;
  exact: boolean;
  p: number;
}

/**
 * @param sorted valid prices ascending; @param group positions of the group's bids in `sorted`.
 * Returns null when nothing can be tested (no bid to remove, or too few bids outside the group).
 */
export function shapingTest(sorted: readonly number[], group: readonly number[], rule: BenchmarkRule, draws: number, rng: () => number): ShapingResult | null {
  const n = sorted.length;
  const b0 = benchmark(sorted, null, rule);
  if (b0 === null) return null;
  const w0 = winnerIndex(sorted, null, b0, rule);
  const inGroup = new Set(group);
  const removed = group.filter((i) => i !== w0).sort((a, b) => a - b);
  const k = removed.length;
  if (k === 0) return null;
  const pool: number[] = [];
  for (let i = 0; i < n; i++) if (!inGroup.has(i) && i !== w0) pool.push(i);
  if (pool.length < k) return null;

  const mask = new Uint8Array(n);
  const effect = (idx: readonly number[]): { shift: number; flip: boolean; b: number; w: number } => {
    for (const i of idx) mask[i] = 1;
    const b = benchmark(sorted, mask, rule) as number; // ≥ 1 bid (the winner) is always left
    const w = winnerIndex(sorted, mask, b, rule);
    for (const i of idx) mask[i] = 0;
    return { shift: (b - b0) / b0, flip: w !== w0, b, w };
  };
  const g = effect(removed);
  const absG = Math.abs(g.shift);
  const tol = 1e-12 * Math.max(1, absG); // equal shifts computed along different paths may differ in the last bits
  const isExtreme = (s: { shift: number; flip: boolean }) =>
    (s.flip && !g.flip) || (s.flip === g.flip && Math.abs(s.shift) >= absG - tol);

  let extreme = 0;
  let total = 0;
  const exact = binomial(pool.length, k) <= draws;
  if (exact) {
    forEachCombination(pool, k, (c) => {
      total++;
      if (isExtreme(effect(c))) extreme++;
    });
  } else {
    const scratch = pool.slice();
    for (let d = 0; d < draws; d++) {
      total++;
      if (isExtreme(effect(sampleInto(rng, scratch, k)))) extreme++;
    }
  }
  return {
    benchmark: b0,
    benchmarkWithout: g.b,
    shift: g.shift,
    flip: g.flip,
    winner: w0,
    winnerWithout: g.w,
    removed,
    extreme,
    draws: total,
    exact,
    p: (1 + extreme) / (1 + total),
  };
}

/** C(n, k), saturating at 10⁹ (only compared with a number of draws). */
export function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let r = 1;
  for (let i = 1; i <= Math.min(k, n - k); i++) {
    r = (r * (n - k + i)) / i;
    if (r > 1e9) return 1e9;
  }
  return Math.round(r);
}

/** Every k-subset of `items` in lexicographic order of positions. */
export function forEachCombination(items: readonly number[], k: number, fn: (c: number[]) => void): void {
  const idx = Array.from({ length: k }, (_, i) => i);
  const n = items.length;
  if (k > n) return;
  for (;;) {
    fn(idx.map((i) => items[i] as number));
    let i = k - 1;
    while (i >= 0 && idx[i] === n - k + i) i--;
    if (i < 0) return;
    idx[i]++;
    for (let j = i + 1; j < k; j++) idx[j] = (idx[j - 1] as number) + 1;
  }
}
