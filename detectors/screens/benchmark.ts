/**
 * The benchmark function B(·) of an average-benchmark tender (平均值法 / 合理低价法) and its winner rule.
 *
 * Shape (typical Chinese 合理低价法 calculators, domain-indicators §1.3; not a Jiangsu text — configure it to the
 * bureau's own 评标办法):
 *   n ≤ smallN (5):  base = mean of the valid bids;
 *   n > smallN:      drop the `dropEach` (1) highest and lowest, m₁ = mean of the rest; drop those deviating more
 *                    than `maxDeviation` (20 %) from m₁; base = mean of what is left (m₁ if nothing is left);
 *   B = base × K    (K = 0.97 by default; at a real opening K is drawn, here it is fixed and configurable).
 * Winner: the bid with the smallest weighted relative distance d = w · |P − B| / B, w = `aboveWeight` (1) above
 * the benchmark and `belowWeight` (0.5) below — the common 高于基准价每 1% 扣 1 分、低于每 1% 扣 0.5 分 scoring, so
 * a bid just below B beats one equally far above. Ties go to the lower price, then the earlier position.
 */
export interface BenchmarkRule {
  smallN: number;
  dropEach: number;
  maxDeviation: number;
  k: number;
  aboveWeight: number;
  belowWeight: number;
}

export const DEFAULT_BENCHMARK_RULE: BenchmarkRule = { smallN: 5, dropEach: 1, maxDeviation: 0.2, k: 0.97, aboveWeight: 1, belowWeight: 0.5 };

/**
 * B over prices sorted ascending, leaving out positions where `removed[i]` is 1. Null when no bid is left.
 * O(n): the prices are already sorted, so trimming is index arithmetic.
 */
export function benchmark(sorted: readonly number[], removed: Uint8Array | null, r: BenchmarkRule): number | null {
  const kept: number[] = [];
  for (let i = 0; i < sorted.length; i++) if (!removed || !removed[i]) kept.push(sorted[i] as number);
  const m = kept.length;
  if (m === 0) return null;
  if (m <= r.smallN || m <= 2 * r.dropEach) return mean(kept, 0, m) * r.k;
  const lo = r.dropEach;
  const hi = m - r.dropEach;
  const m1 = mean(kept, lo, hi);
  let sum = 0;
  let count = 0;
  for (let i = lo; i < hi; i++) {
    const p = kept[i] as number;
    if (Math.abs(p - m1) / m1 <= r.maxDeviation) {
      sum += p;
      count++;
    }
  }
  return (count > 0 ? sum / count : m1) * r.k;
}

/** Position (in `sorted`) of the winning bid under B, or −1 when no bid is left. */
export function winnerIndex(sorted: readonly number[], removed: Uint8Array | null, b: number, r: BenchmarkRule): number {
  let best = -1;
  let bestD = Infinity;
  for (let i = 0; i < sorted.length; i++) {
    if (removed && removed[i]) continue;
    const p = sorted[i] as number;
    const d = ((p >= b ? r.aboveWeight : r.belowWeight) * Math.abs(p - b)) / b;
    // strict < keeps the earlier (lower, as sorted ascending) price on ties
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}

function mean(xs: readonly number[], from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) s += xs[i] as number;
  return s / (to - from);
}
