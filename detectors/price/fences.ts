/**
 * Tukey fences for the price detectors, computed exactly as cardinal-rs computes them (statrs type-8 quartiles and
 * a fused multiply-add, reused from ../cardinal/quartiles.ts) so that a WGAP or DISQ fence equals the fence of
 * cardinal's R024/R058/R038 on the same numbers, and ALB's peer fences follow the same convention.
 * Robust centre (median, raw MAD) comes from ../lib/stats.ts (type-7 median, the ordinary one).
 */
import { fusedMultiplyAdd, lowerQuartile, upperQuartile } from '../cardinal/quartiles.js';
import { MAD_CONSISTENCY, mad, median } from '../lib/stats.js';

export interface Fences {
  n: number;
  q1: number;
  q3: number;
  iqr: number;
  k: number;
  /** Q1 − k·IQR, rounded once as Rust's mul_add does. */
  lower: number;
  /** Q3 + k·IQR, rounded once. */
  upper: number;
}

/** Type-8 quartiles and fences of a non-empty population. */
export function fencesOf(values: readonly number[], k = 1.5): Fences {
  if (values.length === 0) throw new RangeError('fencesOf requires at least one value');
  const q1 = lowerQuartile(values);
  const q3 = upperQuartile(values);
  const iqr = q3 - q1;
  return { n: values.length, q1, q3, iqr, k, lower: fusedMultiplyAdd(iqr, -k, q1), upper: fusedMultiplyAdd(iqr, k, q3) };
}

const THIRD = 1.0 / 3.0;

/**
 * statrs type-8 quantile of ascending data in a typed array, for 0 < τ < 1 — the same operations in the same order
 * as ../cardinal/quartiles.ts `statrsQuantile` (which copies and sorts on every call), so the doubles are identical
 * (checked in fences.spec.ts). Used where one population needs both quartiles and the median.
 */
export function type8Sorted(s: Float64Array, tau: number): number {
  const n = s.length;
  const h = (n + THIRD) * tau + THIRD;
  const hf = Math.trunc(h);
  if (hf <= 0) return s[0]!;
  if (hf >= n) return s[n - 1]!;
  const a = s[hf - 1]!;
  const b = s[hf]!;
  return a + (h - hf) * (b - a);
}

/** `fencesOf` for ascending data in a typed array (no copies, no sorts). */
export function fencesOfSorted(sorted: Float64Array, k = 1.5): Fences {
  if (sorted.length === 0) throw new RangeError('fencesOfSorted requires at least one value');
  const q1 = type8Sorted(sorted, 0.25);
  const q3 = type8Sorted(sorted, 0.75);
  const iqr = q3 - q1;
  return { n: sorted.length, q1, q3, iqr, k, lower: fusedMultiplyAdd(iqr, -k, q1), upper: fusedMultiplyAdd(iqr, k, q3) };
}

export interface RobustCentre {
  median: number;
  /** Raw MAD (no 1.4826 factor). */
  mad: number;
}

export function robustCentreOf(values: readonly number[]): RobustCentre {
  return { median: median(values), mad: mad(values) };
}

/** Median of ascending data, type 7 (= lib/stats `median`), without copying or sorting. */
function medianOfSorted(s: Float64Array): number {
  const h = (s.length - 1) / 2;
  const lo = Math.floor(h);
  return h === lo ? s[lo]! : s[lo]! + (h - lo) * (s[lo + 1]! - s[lo]!);
}

/**
 * The same median and raw MAD as `robustCentreOf`, from ascending data in a typed array, in linear time without
 * allocating: the deviations |x − m| of the values left of the median, read right to left, ascend, as do those of
 * the values right of it, so their median is found by walking the two runs like a merge (ALB computes this for
 * every peer group of a 1M-bid run).
 */
export function robustCentreOfSorted(sorted: Float64Array): RobustCentre {
  const n = sorted.length;
  if (n === 0) throw new RangeError('robustCentreOfSorted requires at least one value');
  const m = medianOfSorted(sorted);
  let j = 0;
  while (j < n && sorted[j]! < m) j += 1;
  let i = j - 1;
  // type-7 median of the n deviations: ranks ⌊h⌋ and ⌊h⌋ + 1 (0-based), h = (n − 1)/2
  const h = (n - 1) / 2;
  const lo = Math.floor(h);
  let a = 0;
  let b = 0;
  for (let r = 0; r <= lo + 1 && r < n; r++) {
    const left = i >= 0 ? Math.abs(sorted[i]! - m) : Infinity;
    const right = j < n ? Math.abs(sorted[j]! - m) : Infinity;
    let d: number;
    if (left <= right) {
      d = left;
      i -= 1;
    } else {
      d = right;
      j += 1;
    }
    if (r === lo) a = d;
    if (r === lo + 1) b = d;
  }
  return { median: m, mad: h === lo ? a : a + (h - lo) * (b - a) };
}

/** Merge ascending typed arrays into one ascending array (linear; the inputs are not changed). */
export function mergeSorted(parts: readonly Float64Array[]): Float64Array {
  if (parts.length === 0) return new Float64Array(0);
  let runs = [...parts];
  while (runs.length > 1) {
    const next: Float64Array[] = [];
    for (let k = 0; k < runs.length; k += 2) next.push(k + 1 < runs.length ? merge2(runs[k]!, runs[k + 1]!) : runs[k]!);
    runs = next;
  }
  return runs[0]!;
}

function merge2(x: Float64Array, y: Float64Array): Float64Array {
  const out = new Float64Array(x.length + y.length);
  let i = 0;
  let j = 0;
  let o = 0;
  while (i < x.length && j < y.length) out[o++] = x[i]! <= y[j]! ? x[i++]! : y[j++]!;
  while (i < x.length) out[o++] = x[i++]!;
  while (j < y.length) out[o++] = y[j++]!;
  return out;
}

/** z = (x − median) / (1.4826·MAD); null when MAD = 0 (as lib/stats robustZ), computed from a cached centre. */
export function robustZFrom(x: number, c: RobustCentre): number | null {
  return c.mad === 0 ? null : (x - c.median) / (MAD_CONSISTENCY * c.mad);
}
