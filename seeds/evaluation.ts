/**
 * Who wins, by evaluation method. The synthetic rules follow common 江苏/昆山 practice in shape only
 * (see README): 经评审的最低投标价法 = lowest valid price; 合理低价法 = closest to a benchmark
 * (trimmed mean × K), penalising bids above it twice as hard; 综合评估法 = technical score + price score;
 * 评定分离 = the 招标人 picks among the committee's top three.
 */
import type { EvaluationMethod } from '../detectors/types.js';
import type { Rng } from './prng.js';

export interface Evaluable {
  cents: number;
  valid: boolean;
  rank: number | null;
  winner: boolean;
}

/** K drawn at bid opening for 合理低价法 (not exported: the CSV has no column for it). */
export const K_VALUES = [0.985, 0.99, 0.995, 1.0] as const;

/**
 * 合理低价法 benchmark before K: n ≤ 5 → mean of valid bids; n > 5 → drop the highest and the lowest,
 * drop bids more than 20 % from that trimmed mean, and average the rest.
 */
export function reasonableBenchmark(prices: readonly number[]): number {
  const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  if (prices.length <= 5) return mean(prices);
  const sorted = [...prices].sort((a, b) => a - b).slice(1, -1);
  const m = mean(sorted);
  const kept = sorted.filter((p) => Math.abs(p - m) <= 0.2 * m);
  return mean(kept.length > 0 ? kept : sorted);
}

function reasonableScore(price: number, benchmark: number): number {
  const dev = ((price - benchmark) / benchmark) * 100;
  return 100 - (dev >= 0 ? 2 : 1) * Math.abs(dev);
}

export interface EvaluationResult<T extends Evaluable> {
  winner: T | null;
  /** 合理低价法 only */
  k?: number;
  benchmark?: number;
}

/**
 * Sets rank (valid bids only, 1 = best) and the winner. With `forced`, score-based methods give that
 * bid the top technical score; for price-decided methods the caller must already have priced it to win
 * (the result then says who really won, and the caller checks).
 */
export function evaluate<T extends Evaluable>(method: EvaluationMethod, bids: T[], rng: Rng, forced?: T, fixedK?: number): EvaluationResult<T> {
  for (const b of bids) {
    b.rank = null;
    b.winner = false;
  }
  const valid = bids.filter((b) => b.valid);
  if (valid.length === 0) return { winner: null };
  const order = new Map<T, number>(bids.map((b, i) => [b, i]));
  const byPrice = (a: T, b: T): number => a.cents - b.cents || order.get(a)! - order.get(b)!;
  let ranked: T[];
  const result: EvaluationResult<T> = { winner: null };

  if (method === 'lowest_evaluated_price' || method === 'other') {
    ranked = [...valid].sort(byPrice);
  } else if (method === 'reasonable_low_price') {
    const k = fixedK ?? rng.pick(K_VALUES);
    const benchmark = k * reasonableBenchmark(valid.map((b) => b.cents));
    result.k = k;
    result.benchmark = benchmark;
    const score = new Map(valid.map((b) => [b, reasonableScore(b.cents, benchmark)]));
    ranked = [...valid].sort((a, b) => score.get(b)! - score.get(a)! || byPrice(a, b));
  } else {
    const base = (0.97 * valid.reduce((s, b) => s + b.cents, 0)) / valid.length;
    const total = new Map<T, number>();
    for (const b of valid) {
      const dev = ((b.cents - base) / base) * 100;
      const priceScore = Math.max(0, 60 - (dev >= 0 ? 1.0 : 0.5) * Math.abs(dev));
      const tech = Math.min(40, Math.max(25, 32 + 2.5 * rng.normal()));
      total.set(b, tech + priceScore);
    }
    if (forced && forced.valid) {
      let best = -Infinity;
      for (const [b, t] of total) if (b !== forced) best = Math.max(best, t);
      if (best > -Infinity) total.set(forced, best + rng.float(0.3, 1.5));
    }
    ranked = [...valid].sort((a, b) => total.get(b)! - total.get(a)! || byPrice(a, b));
  }

  ranked.forEach((b, i) => (b.rank = i + 1));
  let winner = ranked[0]!;
  if (method === 'separation' && !forced) {
    const top = ranked.slice(0, 3);
    winner = top[rng.weighted([0.6, 0.25, 0.15].slice(0, top.length))]!;
  }
  winner.winner = true;
  result.winner = winner;
  return result;
}
