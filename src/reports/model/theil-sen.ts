/**
 * Theil–Sen slope (Theil 1950, Sen 1968): the median of the slopes (y_j − y_i)/(x_j − x_i) over all pairs with
 * x_i ≠ x_j; intercept = median(y_i − slope·x_i) (Conover's). Robust to one or two odd years, unlike OLS.
 *
 * 95 % interval (Sen 1968; Gilbert 1987 §16.5, as R's trend::sens.slope): with N' pairwise slopes sorted ascending
 * and C = z₀.₉₇₅·√Var(S) (the Mann–Kendall variance, ties corrected), the bounds are the slopes of rank
 * round((N' − C)/2) and round((N' + C)/2 + 1) (1-based, round half to even); null when a rank falls outside 1…N'.
 */
import { mannKendall } from './mann-kendall.js';
import { Z_975 } from './normal.js';

export interface TheilSen {
  n: number;
  slope: number | null;
  intercept: number | null;
  /** 95 % confidence bounds of the slope, or null when the series is too short for them. */
  low: number | null;
  high: number | null;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new RangeError('median of an empty list');
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
}

/** Round half to even, as R's round(). */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d < 0.5) return f;
  if (d > 0.5) return f + 1;
  return f % 2 === 0 ? f : f + 1;
}

export function theilSen(points: readonly { x: number; y: number }[]): TheilSen {
  const p = points.filter((q) => Number.isFinite(q.x) && Number.isFinite(q.y)).sort((a, b) => a.x - b.x);
  const slopes: number[] = [];
  for (let i = 0; i < p.length - 1; i++) {
    for (let j = i + 1; j < p.length; j++) {
      const dx = p[j]!.x - p[i]!.x;
      if (dx !== 0) slopes.push((p[j]!.y - p[i]!.y) / dx);
    }
  }
  if (slopes.length === 0) return { n: p.length, slope: null, intercept: null, low: null, high: null };
  slopes.sort((a, b) => a - b);
  const slope = median(slopes);
  const intercept = median(p.map((q) => q.y - slope * q.x));
  const { varS } = mannKendall(p.map((q) => q.y));
  const c = Z_975 * Math.sqrt(varS);
  const lo = roundHalfEven((slopes.length - c) / 2);
  const hi = roundHalfEven((slopes.length + c) / 2 + 1);
  const ok = lo >= 1 && hi <= slopes.length;
  return { n: p.length, slope, intercept, low: ok ? slopes[lo - 1]! : null, high: ok ? slopes[hi - 1]! : null };
}
