/**
 * Small descriptive statistics shared by the detectors. Pure functions on plain number arrays.
 *
 * Conventions:
 * - Inputs must be finite numbers; an empty input where a value is required throws a RangeError
 *   (a programming error, not a data condition).
 * - Where a statistic is undefined for the data (a s.d. of one value, a robust z with MAD = 0, a CV with a
 *   non-positive mean), the function returns `null`, never NaN or ±Infinity.
 * - Quantiles use **type 7** (Hyndman & Fan 1996; R's default, numpy's `linear`, Excel's `QUANTILE.INC`):
 *   h = (n − 1)·p, Q(p) = x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋+1₎ − x₍⌊h⌋₎) on the sorted data, 0-based.
 */
import { sum as compensatedSum } from 'simple-statistics';

/** Consistency constant that makes 1.4826·MAD estimate σ for normal data (1 / Φ⁻¹(3/4)). */
export const MAD_CONSISTENCY = 1.4826;

function requireNonEmpty(xs: ArrayLike<number>, what: string): void {
  if (xs.length === 0) throw new RangeError(`${what} requires at least one value`);
}

/** Ascending copy; the input is left untouched. */
export function sortedAscending(xs: readonly number[]): number[] {
  return [...xs].sort((a, b) => a - b);
}

/** Arithmetic mean: x̄ = Σxᵢ / n (Kahan–Babuška compensated sum, via simple-statistics). */
export function mean(xs: readonly number[]): number {
  requireNonEmpty(xs, 'mean');
  return compensatedSum(xs) / xs.length;
}

/** Sample variance with Bessel's correction: s² = Σ(xᵢ − x̄)² / (n − 1); null when n < 2. */
export function sampleVariance(xs: readonly number[]): number | null {
  if (xs.length < 2) return null;
  const m = mean(xs);
  let ss = 0;
  for (const x of xs) ss += (x - m) * (x - m);
  return ss / (xs.length - 1);
}

/** Sample standard deviation: s = √(Σ(xᵢ − x̄)² / (n − 1)); null when n < 2. */
export function sampleSd(xs: readonly number[]): number | null {
  const v = sampleVariance(xs);
  return v === null ? null : Math.sqrt(v);
}

/** Quantile of already-sorted data, type 7: h = (n − 1)p, x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎), 0-based. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  requireNonEmpty(sorted, 'quantile');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile p must be in [0, 1], got ${p}`);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const frac = h - lo;
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return frac === 0 ? a : a + frac * (b - a);
}

/** Quantile, type 7 linear interpolation (see `quantileSorted`); sorts a copy first. */
export function quantile(xs: readonly number[], p: number): number {
  return quantileSorted(sortedAscending(xs), p);
}

/** Median: the middle order statistic, or the mean of the two middle ones (= type-7 quantile at p = 0.5). */
export function median(xs: readonly number[]): number {
  return quantile(xs, 0.5);
}

/** Raw median absolute deviation: MAD = median(|xᵢ − median(x)|), without the 1.4826 factor. */
export function mad(xs: readonly number[]): number {
  const m = median(xs);
  return median(xs.map((x) => Math.abs(x - m)));
}

/** Robust z-score: z = (x − median) / (1.4826 · MAD); null when MAD = 0. */
export function robustZ(x: number, xs: readonly number[]): number | null {
  const m = median(xs);
  const d = median(xs.map((v) => Math.abs(v - m)));
  if (d === 0) return null;
  return (x - m) / (MAD_CONSISTENCY * d);
}

/** Robust z-scores of every value: zᵢ = (xᵢ − median) / (1.4826 · MAD); null entries when MAD = 0. */
export function robustZScores(xs: readonly number[]): Array<number | null> {
  const m = median(xs);
  const d = median(xs.map((v) => Math.abs(v - m)));
  return xs.map((x) => (d === 0 ? null : (x - m) / (MAD_CONSISTENCY * d)));
}

export interface TukeyFences {
  q1: number;
  q3: number;
  iqr: number;
  /** Q1 − k·IQR */
  lower: number;
  /** Q3 + k·IQR */
  upper: number;
  k: number;
}

/** Tukey fences with type-7 quartiles: lower = Q1 − k·IQR, upper = Q3 + k·IQR, IQR = Q3 − Q1 (k = 1.5 by default). */
export function tukeyFences(xs: readonly number[], k = 1.5): TukeyFences {
  const s = sortedAscending(xs);
  const q1 = quantileSorted(s, 0.25);
  const q3 = quantileSorted(s, 0.75);
  const iqr = q3 - q1;
  return { q1, q3, iqr, lower: q1 - k * iqr, upper: q3 + k * iqr, k };
}

/** Coefficient of variation: CV = s / x̄ (sample s.d.); null when n < 2 or x̄ ≤ 0 (defined for positive data only). */
export function coefficientOfVariation(xs: readonly number[]): number | null {
  const s = sampleSd(xs);
  if (s === null) return null;
  const m = mean(xs);
  if (!(m > 0)) return null;
  return s / m;
}
