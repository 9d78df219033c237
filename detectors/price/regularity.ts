/**
 * The regularity tests behind REGDIFF (报价呈规律性差异), on prices sorted ascending P₍₁₎ ≤ … ≤ P₍ₙ₎. Pure.
 *
 * - arithmetic: gaps Δᵢ = P₍ᵢ₊₁₎ − P₍ᵢ₎; CV(Δ) = s(Δ)/mean(Δ) (sample s.d.).
 * - geometric: log-steps ln(P₍ᵢ₊₁₎/P₍ᵢ₎); CV of the log-steps. This is the scale-free analogue of the arithmetic
 *   test (a constant ratio ⇔ constant log-steps). The reference's literal "CV of the ratios ρᵢ < 0.01" is
 *   `ratioCv`: because every ρᵢ ≈ 1, CV(ρ) ≈ s.d. of the steps themselves, so any tender whose bids lie within a
 *   few per cent of each other passes it whatever their pattern (REGDIFF.md gives the measured chance rates).
 * - round percent: every P₍ᵢ₎/P₍₁₎ − 1 (i ≥ 2) within ±tol of a whole multiple k ≥ 1 of a step s.
 * Each CV is null where undefined (fewer than 2 steps, or a mean step of 0 — all prices equal).
 *
 * Rounded prices (every bid a multiple of 10,000 元, say) make exact patterns likely by chance: with gaps of only a
 * few price units, two gaps are often exactly equal, and when the lowest bid is itself round every difference is a
 * whole percentage. `priceUnit` finds the rounding, and the chance functions take it into account.
 */
import { coefficientOfVariation } from '../lib/stats.js';

export function gapsOf(sorted: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < sorted.length; i++) out.push(sorted[i]! - sorted[i - 1]!);
  return out;
}

export function logStepsOf(sorted: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < sorted.length; i++) out.push(Math.log(sorted[i]! / sorted[i - 1]!));
  return out;
}

export function ratiosOf(sorted: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < sorted.length; i++) out.push(sorted[i]! / sorted[i - 1]!);
  return out;
}

/** CV of the gaps, or null (n < 3, or all prices equal). */
export function arithmeticCv(sorted: readonly number[]): number | null {
  return coefficientOfVariation(gapsOf(sorted));
}

/** CV of the log-steps, or null. */
export function geometricCv(sorted: readonly number[]): number | null {
  return coefficientOfVariation(logStepsOf(sorted));
}

/** CV of the ratios themselves (the reference's literal test; off by default, see the module comment). */
export function ratioCv(sorted: readonly number[]): number | null {
  return sorted.length < 3 ? null : coefficientOfVariation(ratiosOf(sorted));
}

/** 1-2-5 series in fen: 1 分 … 5 亿 元. */
const UNITS_FEN: number[] = [];
for (let e = 0; e <= 10; e++) for (const m of [1, 2, 5]) UNITS_FEN.push(m * 10 ** e);

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** The largest 1-2-5 unit (0.01, 0.02, 0.05, 0.1 … 元) of which every price is a whole multiple: the rounding. */
export function priceUnit(prices: readonly number[]): number {
  // prices carry at most 2 decimals: work in whole fen so binary-fraction noise cannot break a division
  let g = 0;
  for (const p of prices) g = gcd(g, Math.round(p * 100));
  let best = 1;
  for (const u of UNITS_FEN) if (g > 0 && g % u === 0) best = u;
  return best / 100;
}

/**
 * Chance that the n − 1 gaps of n bids rounded to `unit` come out exactly equal: with a mean gap of m units, each
 * further gap equals the first with probability ≈ 1/(2m), so (1/(2m))^(n−2). Negligible for prices to the 元
 * (m in the thousands); decisive for round-number bids (m of 1–10).
 */
export function equalGapChance(n: number, meanGapUnits: number): number {
  return meanGapUnits > 0 ? Math.min(1, 1 / (2 * meanGapUnits)) ** (n - 2) : 1;
}

/**
 * Chance that n − 1 unrelated relative differences all land within ±tol of a multiple of s. Continuous prices: each
 * does with probability 2·tol/s, so (2·tol/s)^(n−1). Prices rounded to `unit` with lowest bid L: a step s is
 * s·L/unit price units wide and 2·⌊tol·L/unit⌋ + 1 of them are within tolerance, so each does with probability
 * (2·⌊tol·L/unit⌋ + 1)·unit/(s·L) — 1 when a step is a whole number of units (L = 1,000,000, unit = 10,000, s = 1 %).
 */
export function roundChance(step: number, tol: number, n: number, lowest = Infinity, unit = 0): number {
  const perBid = Number.isFinite(lowest) && unit > 0 ? ((2 * Math.floor(tol * lowest / unit + 1e-9) + 1) * unit) / (step * lowest) : (2 * tol) / step;
  return Math.min(1, perBid) ** (n - 1);
}

export interface RoundStepHit {
  step: number;
  /** kᵢ for P₍₂₎ … P₍ₙ₎. */
  multiples: number[];
  /** max |rᵢ − kᵢ·s|. */
  maxDeviation: number;
  chance: number;
}

/**
 * The largest step s (of those whose chance rate at this n and rounding is ≤ maxChance) such that every
 * P₍ᵢ₎/P₍₁₎ − 1, i ≥ 2, is within ±tol of kᵢ·s with kᵢ ≥ 1; null if none. kᵢ ≥ 1 keeps ties with the lowest bid
 * out (IDENT's case).
 */
export function roundPercentStep(sorted: readonly number[], steps: readonly number[], tol: number, maxChance: number, unit = 0): RoundStepHit | null {
  const n = sorted.length;
  if (n < 2 || !(sorted[0]! > 0)) return null;
  const low = sorted[0]!;
  for (const step of [...steps].sort((a, b) => b - a)) {
    const chance = roundChance(step, tol, n, low, unit);
    if (chance > maxChance * (1 + 1e-9)) continue; // (0.1)³ is 0.0010000000000000002 in binary
    const multiples: number[] = [];
    let maxDeviation = 0;
    let ok = true;
    for (let i = 1; i < n && ok; i++) {
      const r = sorted[i]! / low - 1;
      const k = Math.round(r / step);
      const dev = Math.abs(r - k * step);
      // 1e-12 absorbs binary rounding of r and k·s; tolerances are given in whole basis points.
      ok = k >= 1 && dev <= tol + 1e-12;
      multiples.push(k);
      maxDeviation = Math.max(maxDeviation, dev);
    }
    if (ok) return { step, multiples, maxDeviation, chance };
  }
  return null;
}
