/**
 * Mann–Kendall trend test on a series in time order (Mann 1945, Kendall 1975; as in Gilbert 1987 §16.4).
 *
 *   S      = Σ_{i<j} sign(x_j − x_i)
 *   Var(S) = [n(n−1)(2n+5) − Σ_g t_g(t_g−1)(2t_g+5)] / 18      (t_g = size of the g-th group of tied values)
 *   Z      = (S − 1)/√Var(S) if S > 0, 0 if S = 0, (S + 1)/√Var(S) if S < 0       (continuity correction)
 *   p      = 2·(1 − Φ(|Z|))                                                       (two-sided, normal approximation)
 *
 * The normal approximation is poor for short series, so beside it `pExact` gives the exact two-sided p from the
 * permutation distribution of S (Kendall's, via the Mahonian numbers) whenever there are no ties and n ≤ 60; the
 * verdict uses the exact p when it exists. Either way: with few years the test has little power — with n = 4 no
 * ordering at all reaches p < 0.05 — so "not significant" never means "no trend".
 */
import { twoSidedP } from './normal.js';

export interface MannKendall {
  n: number;
  s: number;
  varS: number;
  z: number;
  /** Two-sided p, normal approximation with continuity correction; null when n < 3 or Var(S) = 0. */
  p: number | null;
  /** Two-sided exact p (no ties, 3 ≤ n ≤ 60); null otherwise. */
  pExact: number | null;
  /** Number of tied groups (values occurring more than once). */
  tieGroups: number;
  /** Kendall's τ-a = S / (n(n−1)/2). */
  tau: number | null;
}

export const MK_MAX_EXACT_N = 60;

export function mannKendall(values: readonly number[]): MannKendall {
  const x = values.filter((v) => Number.isFinite(v));
  const n = x.length;
  let s = 0;
  for (let i = 0; i < n - 1; i++) {
    for (let j = i + 1; j < n; j++) s += Math.sign(x[j]! - x[i]!);
  }
  const counts = new Map<number, number>();
  for (const v of x) counts.set(v, (counts.get(v) ?? 0) + 1);
  let tieTerm = 0;
  let tieGroups = 0;
  for (const t of counts.values()) {
    if (t > 1) {
      tieGroups += 1;
      tieTerm += t * (t - 1) * (2 * t + 5);
    }
  }
  const varS = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18;
  const z = varS > 0 ? (s > 0 ? (s - 1) / Math.sqrt(varS) : s < 0 ? (s + 1) / Math.sqrt(varS) : 0) : 0;
  const pairs = (n * (n - 1)) / 2;
  return {
    n,
    s,
    varS,
    z,
    p: n >= 3 && varS > 0 ? twoSidedP(z) : null,
    pExact: n >= 3 && tieGroups === 0 && n <= MK_MAX_EXACT_N ? exactTwoSidedP(n, s) : null,
    tieGroups,
    tau: pairs > 0 ? s / pairs : null,
  };
}

/**
 * P(|S| ≥ |s|) when all n! orderings are equally likely (no ties). S = m − 2I with m = n(n−1)/2 and I the number
 * of inversions, whose distribution is Mahonian: f_n(k) = (1/n)·Σ_{j=0}^{min(k, n−1)} f_{n−1}(k − j), in
 * probabilities so nothing overflows.
 */
export function exactTwoSidedP(n: number, s: number): number {
  const m = (n * (n - 1)) / 2;
  let f = new Float64Array(1).fill(1);
  for (let k = 2; k <= n; k++) {
    const size = (k * (k - 1)) / 2 + 1;
    const g = new Float64Array(size);
    // running window sum of f over [i − (k − 1), i]
    let window = 0;
    for (let i = 0; i < size; i++) {
      if (i < f.length) window += f[i]!;
      if (i - k >= 0 && i - k < f.length) window -= f[i - k]!;
      g[i] = window / k;
    }
    f = g;
  }
  // |S| ≥ |s|  ⇔  I ≤ (m − |s|)/2  or  I ≥ (m + |s|)/2; the distribution is symmetric about m/2.
  const lowMax = Math.floor((m - Math.abs(s)) / 2);
  let tail = 0;
  for (let i = 0; i <= lowMax; i++) tail += f[i]!;
  return Math.min(1, s === 0 ? 1 : 2 * tail);
}

/** The p-value a verdict should rest on: exact when available, else the normal approximation. */
export function decisiveP(mk: MannKendall): number | null {
  return mk.pExact ?? mk.p;
}
