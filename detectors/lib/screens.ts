/**
 * Huber–Imhof distribution screens, computed per tender from its bid prices.
 *
 * Sources: D. Imhof, "Simple statistical screens to detect bid rigging", FSES Working Paper 484, University of
 * Fribourg (2017); M. Huber & D. Imhof, "Machine learning with screens for detecting bid-rigging cartels",
 * International Journal of Industrial Organization 65 (2019) 277–301. Conventions checked against the per-tender
 * screens published with García Rodríguez, Rodríguez-Montequín, Ballesteros-Pérez, Love & Signor (2022),
 * "Collusion detection in public procurement auctions with machine learning algorithms", Automation in
 * Construction 133:104047 (see screens.md for the parity table and the differences found).
 *
 * Notation: prices sorted b₍₁₎ ≤ … ≤ b₍ₙ₎ (duplicates kept), x̄ = mean, s = sample s.d. (n − 1),
 * b* = the lowest price strictly above b₍₁₎ (equals b₍₂₎ unless the minimum is tied), Δ = b* − b₍₁₎.
 * Directions are for first-price, lowest-price-wins tenders.
 *
 * Every screen is `null` where it is not computable (too few bids, or a zero denominator such as s = 0 when
 * all bids are equal); no screen is ever NaN or ±Infinity. n needed: CV, SPD, DIFFP, KS ≥ 2; RD, RDNOR, RDALT,
 * SKEW ≥ 3; KURT ≥ 4. The dataset authors store 0 where a screen is not computable; we return null.
 */
import { sampleKurtosis, sampleSkewness } from 'simple-statistics';
import { mean, sampleSd, sortedAscending } from './stats.js';

export interface Screens {
  /** Number of bids, duplicates included. */
  n: number;
  /** s / x̄; n ≥ 2; collusion ↓. */
  cv: number | null;
  /** (b₍ₙ₎ − b₍₁₎) / b₍₁₎; n ≥ 2; collusion ↓. */
  spd: number | null;
  /** (b* − b₍₁₎) / b₍₁₎; n ≥ 2 with two distinct prices; collusion ↑. */
  diffp: number | null;
  /** Δ / s.d.(b₍₂₎…b₍ₙ₎); n ≥ 3; collusion ↑. */
  rd: number | null;
  /** Δ / [(b₍ₙ₎ − b₍₁₎)/(n − 1)]; n ≥ 3; collusion ↑. */
  rdnor: number | null;
  /** Δ / [(b₍ₙ₎ − b₍₂₎)/(n − 2)]; n ≥ 3; collusion ↑. */
  rdalt: number | null;
  /** Bias-corrected skewness G₁; n ≥ 3; collusion: negative. */
  skew: number | null;
  /** Bias-corrected excess kurtosis G₂; n ≥ 4; collusion ↑. */
  kurt: number | null;
  /** KS distance to the uniform on [b₍₁₎, b₍ₙ₎]; n ≥ 2; no settled direction. */
  ks: number | null;
}

export const SCREEN_KEYS = ['cv', 'spd', 'diffp', 'rd', 'rdnor', 'rdalt', 'skew', 'kurt', 'ks'] as const;
export type ScreenKey = (typeof SCREEN_KEYS)[number];

/** Minimum number of bids each screen needs (before any zero-denominator check). */
export const SCREEN_MIN_N: Readonly<Record<ScreenKey, number>> = {
  cv: 2,
  spd: 2,
  diffp: 2,
  rd: 3,
  rdnor: 3,
  rdalt: 3,
  skew: 3,
  kurt: 4,
  ks: 2,
};

/**
 * CV — coefficient of variation, s / x̄ (sample s.d., n − 1). n ≥ 2. Collusion: ↓ (cover bids squeeze the
 * spread). 0 when all bids are equal (a legitimate, maximally tight value). Imhof 2017 §3; H&I 2019 Table 1.
 * Dataset authors: sample s.d. — identical.
 */
function screenCv(sorted: readonly number[]): number | null {
  if (sorted.length < 2) return null;
  if (first(sorted) === last(sorted)) return 0;
  return (sampleSd(sorted) as number) / mean(sorted);
}

/**
 * SPD — spread, (b₍ₙ₎ − b₍₁₎) / b₍₁₎. n ≥ 2. Collusion: ↓. H&I 2019 ("relative spread").
 * Dataset authors: divide by the minimum — identical.
 */
function screenSpd(sorted: readonly number[]): number | null {
  if (sorted.length < 2) return null;
  return (last(sorted) - first(sorted)) / first(sorted);
}

/**
 * DIFFP — percentage difference between the two lowest prices, (b* − b₍₁₎) / b₍₁₎. n ≥ 2 and at least two
 * distinct prices (null when all are equal). Collusion: ↑ (cover bids sit above the designated winner).
 * H&I 2019. Difference from the reference text ((b₍₂₎ − b₍₁₎)/b₍₁₎): following the dataset authors, a price
 * tied with the minimum is skipped (b* instead of b₍₂₎). It only matters when the minimum is tied — in the
 * Ticino data these are consortium members recorded as separate rows with the same bid.
 */
function screenDiffp(sorted: readonly number[]): number | null {
  const d = firstGap(sorted);
  return d === null ? null : d / first(sorted);
}

/**
 * RD — relative distance, Δ / s_L, where s_L is the sample s.d. of the losing bids b₍₂₎…b₍ₙ₎. n ≥ 3; null when
 * s_L = 0 or all bids are equal. Collusion: ↑. Imhof 2017 eq. (RD); H&I 2019.
 * Difference from the dataset: their RD column is not reproducible per tender. Where it is internally
 * consistent it divides by the s.d. of the bids *below the maximum* (b₍₁₎…b₍ₙ₋₁₎), not of the losing bids,
 * and most of the column is shifted onto other tenders' denominators (screens.md §3). We keep the published
 * Huber–Imhof definition; the numerator Δ uses b* like DIFFP, as the authors' does.
 */
function screenRd(sorted: readonly number[]): number | null {
  if (sorted.length < 3) return null;
  const d = firstGap(sorted);
  if (d === null) return null;
  const losers = sorted.slice(1);
  if (first(losers) === last(losers)) return null;
  return d / (sampleSd(losers) as number);
}

/**
 * RDNOR — first gap over the mean adjacent gap, Δ / [(b₍ₙ₎ − b₍₁₎)/(n − 1)]. n ≥ 3 (for n = 2 it is 1 by
 * construction); null when all bids are equal. Collusion: ↑. H&I 2019 ("normalised relative distance").
 * Not in the dataset.
 */
function screenRdnor(sorted: readonly number[]): number | null {
  const n = sorted.length;
  if (n < 3) return null;
  const d = firstGap(sorted);
  if (d === null) return null;
  return d / ((last(sorted) - first(sorted)) / (n - 1));
}

/**
 * RDALT — first gap over the mean gap among the losing bids, Δ / [(b₍ₙ₎ − b₍₂₎)/(n − 2)]. n ≥ 3; null when
 * b₍ₙ₎ = b₍₂₎ (no spread among the losers) or all bids are equal. Collusion: ↑. H&I 2019 ("alternative relative
 * distance"). Not in the dataset.
 */
function screenRdalt(sorted: readonly number[]): number | null {
  const n = sorted.length;
  if (n < 3) return null;
  const d = firstGap(sorted);
  if (d === null) return null;
  const loserRange = last(sorted) - (sorted[1] as number);
  if (loserRange === 0) return null;
  return d / (loserRange / (n - 2));
}

/**
 * SKEW — bias-corrected (adjusted Fisher–Pearson) sample skewness G₁ = n/((n−1)(n−2)) · Σ((bᵢ − x̄)/s)³.
 * n ≥ 3; null when s = 0. Collusion: negative (cover bids bunch above the winner, leaving a long lower tail).
 * Imhof 2017; H&I 2019. Dataset authors: G₁ (pandas/scipy `bias=False`), not the plain moment ratio g₁ —
 * identical; they store 0 for n < 3. Computed with simple-statistics `sampleSkewness` (same formula).
 */
function screenSkew(sorted: readonly number[]): number | null {
  if (sorted.length < 3 || first(sorted) === last(sorted)) return null;
  return sampleSkewness(sorted);
}

/**
 * KURT — bias-corrected excess kurtosis G₂ = n(n+1)/((n−1)(n−2)(n−3)) · Σ((bᵢ − x̄)/s)⁴ − 3(n−1)²/((n−2)(n−3)).
 * n ≥ 4; null when s = 0. Collusion: ↑ (bids concentrate). Imhof 2017; H&I 2019. Dataset authors: G₂ excess
 * (pandas `kurt()`), not g₂ and not Pearson's b₂ — identical; they store 0 for n < 4. Computed with
 * simple-statistics `sampleKurtosis` (algebraically the same formula).
 */
function screenKurt(sorted: readonly number[]): number | null {
  if (sorted.length < 4 || first(sorted) === last(sorted)) return null;
  return sampleKurtosis(sorted);
}

/**
 * KS — Kolmogorov–Smirnov distance between the bids' empirical CDF Fₙ and the uniform CDF on [b₍₁₎, b₍ₙ₎]:
 * D = sup|Fₙ(x) − U(x)| = maxᵢ max(i/n − uᵢ, uᵢ − (i−1)/n), uᵢ = (b₍ᵢ₎ − b₍₁₎)/(b₍ₙ₎ − b₍₁₎). n ≥ 2 (D = 0.5 for
 * n = 2, D ≥ 1/n always); null when all bids are equal. Collusion: no settled direction (H&I 2019 use it as a
 * learning feature; it departs from the competitive pattern). Dataset authors: the same statistic (scipy
 * `kstest(bids, 'uniform', args=(min, max − min))`), *not* standardised bids against N(0, 1) — verified on
 * every tender.
 */
function screenKs(sorted: readonly number[]): number | null {
  const n = sorted.length;
  if (n < 2) return null;
  const lo = first(sorted);
  const range = last(sorted) - lo;
  if (range === 0) return null;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const u = ((sorted[i] as number) - lo) / range;
    d = Math.max(d, (i + 1) / n - u, u - i / n);
  }
  return d;
}

/**
 * All screens for one tender. `prices` are the valid bid prices in any order (duplicates are kept: two
 * bidders with the same price are two bids). Throws a RangeError if a price is not a finite positive number.
 */
export function computeScreens(prices: readonly number[]): Screens {
  for (const p of prices) {
    if (!Number.isFinite(p) || p <= 0) {
      throw new RangeError(`computeScreens: prices must be finite and > 0, got ${p}`);
    }
  }
  const s = sortedAscending(prices);
  return {
    n: s.length,
    cv: screenCv(s),
    spd: screenSpd(s),
    diffp: screenDiffp(s),
    rd: screenRd(s),
    rdnor: screenRdnor(s),
    rdalt: screenRdalt(s),
    skew: screenSkew(s),
    kurt: screenKurt(s),
    ks: screenKs(s),
  };
}

/** Δ = b* − b₍₁₎, the gap from the minimum to the lowest strictly higher price; null if n < 2 or all equal. */
function firstGap(sorted: readonly number[]): number | null {
  if (sorted.length < 2) return null;
  const lo = first(sorted);
  for (const x of sorted) if (x > lo) return x - lo;
  return null;
}

function first(xs: readonly number[]): number {
  return xs[0] as number;
}

function last(xs: readonly number[]): number {
  return xs[xs.length - 1] as number;
}
