/**
 * How likely a tie between independent bidders is in this market (报价雷同的偶然概率). Pure.
 *
 * Two independent bids X, Y tie when they land on the same number. Bidders heap on round numbers: a bid sits on
 * grid u (its roundest unit) with the market's share π(u) (market-profile.ts). Two bids on grids u ≤ u' can only meet
 * on the coarser grid, and do so with probability ≈ f·min(u, u'), f being the density of X − Y at 0. For two bids
 * drawn around the tender's price with the market's spread σ = medianCv × mean price, X − Y ~ N(0, 2σ²), so
 * f = 1 / (2√π σ). A tie at a number whose roundness is ℓ is only as surprising as a tie at a number no rounder
 * than ℓ, so
 *
 *   q(ℓ) = f · Σ_{u, u′ : max(u, u′) ≤ ℓ} π(u) π(u′) min(u, u′)        per pair of bidders
 *   λ(ℓ) = C(n, 2) · q(ℓ)                                            over the tender's n distinct bidders
 *   chance = P(Poisson(λ) ≥ m), m = C(k, 2) tied pairs of a group of k
 *
 * Bids to the fen in a market that prices to the fen make λ tiny (a real 第四十条(四) coincidence); whole thousands of
 * yen bunched within 1 % of each other make it ordinary. Where discounts are what bidders round (market-profile's
 * discountUnit), the same sum runs over discount levels, each worth level × control price in yuan.
 */
import type { Roundness } from '../market/market-profile.js';

/** Σ over pairs of roundness levels both ≤ ℓ of π(u)π(u′)·min(u, u′), in the levels' own unit. */
export function tieWidth(r: Roundness, level: number): number {
  let sum = 0;
  for (let a = 0; a < r.units.length; a++) {
    const u = r.units[a] as number;
    if (u > level * (1 + 1e-9)) break;
    for (let b = 0; b < r.units.length; b++) {
      const v = r.units[b] as number;
      if (v > level * (1 + 1e-9)) break;
      sum += (r.share[a] as number) * (r.share[b] as number) * Math.min(u, v);
    }
  }
  return sum;
}

/** P(Poisson(λ) ≥ m). */
export function poissonTail(lambda: number, m: number): number {
  if (m <= 0) return 1;
  if (lambda <= 0) return 0;
  let term = Math.exp(-lambda);
  let below = term;
  for (let j = 1; j < m; j++) {
    term *= lambda / j;
    below += term;
  }
  return Math.max(0, Math.min(1, 1 - below));
}

export interface TieChance {
  /** Chance per pair of bidders of a tie at a number no rounder than this one. */
  perPair: number;
  /** Expected such ties among the tender's bidders. */
  expected: number;
  /** P(at least this many tied pairs by chance). */
  chance: number;
  /** Width in yuan (Σ π π min) and σ used. */
  widthYuan: number;
  sigma: number;
}

export function tieChance(o: {
  roundness: Roundness;
  /** Roundness level of the tied number, in the roundness' unit. */
  level: number;
  /** Yuan per roundness unit: 1 for prices, the control price for discounts. */
  scale: number;
  bidders: number;
  groupSize: number;
  sigma: number;
}): TieChance {
  const widthYuan = tieWidth(o.roundness, o.level) * o.scale;
  const f = o.sigma > 0 ? 1 / (2 * Math.sqrt(Math.PI) * o.sigma) : Infinity;
  const perPair = Math.min(1, f * widthYuan);
  const expected = ((o.bidders * (o.bidders - 1)) / 2) * perPair;
  const pairs = (o.groupSize * (o.groupSize - 1)) / 2;
  return { perPair, expected, chance: poissonTail(expected, pairs), widthYuan, sigma: o.sigma };
}
