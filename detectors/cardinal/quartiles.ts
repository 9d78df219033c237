/**
 * Quartiles and Tukey fences exactly as cardinal-rs computes them.
 *
 * cardinal calls statrs `Data::lower_quartile()` / `upper_quartile()` (src/indicators/r024.rs, r038.rs, r058.rs),
 * which are `quantile(0.25)` / `quantile(0.75)` (statrs src/statistics/slice_statistics.rs). statrs's quantile is
 * the "approximately median-unbiased" estimator, Hyndman & Fan (1996) type 8, the same as R's
 * `quantile(x, type = 8)` — NOT numpy's default (type 7, linear) nor Excel's QUARTILE.EXC (type 6):
 *
 *   h  = (n + 1/3)·τ + 1/3            (1-based position in the sorted values x₁ ≤ … ≤ xₙ)
 *   h' = ⌊h⌋
 *   h' ≤ 0 or τ = 0   → x₁ (the minimum)
 *   h' ≥ n or τ ≈ 1   → xₙ (the maximum)
 *   otherwise         → x_h' + (h − h')·(x_{h'+1} − x_h')
 *
 * Example (statrs's own doc test): [1, 2, 3, 4] → Q1 = 1.41666…, Q3 = 3.58333….
 * An empty set gives NaN (cardinal then skips the indicator and writes `null` in `Meta`).
 *
 * The fences use Rust's `f64::mul_add`, a fused multiply-add rounded once:
 *   lower fence = (Q3 − Q1)·(−1.5) + Q1      upper fence = (Q3 − Q1)·1.5 + Q3
 * JavaScript has no FMA, so `fusedMultiplyAdd` below computes the exact product-sum with BigInt and rounds it once
 * (round half to even), so that a value lying exactly on a fence is treated as cardinal treats it.
 *
 * Every step is done in the same order as in Rust, so the doubles are bit-identical.
 */

const THIRD = 1.0 / 3.0;

/** statrs `OrderStatistics::quantile(tau)` (Hyndman–Fan type 8). NaN if empty, tau ∉ [0, 1], or a value is NaN. */
export function statrsQuantile(values: readonly number[], tau: number): number {
  if (!(tau >= 0 && tau <= 1) || values.length === 0) return Number.NaN;
  // statrs's min/max are NaN if any entry is NaN; its selection routine's result with NaN is order-dependent, so a
  // NaN anywhere yields NaN here (cardinal never feeds NaN: bidwatch drops 0/0 gaps before they get here).
  if (values.some((v) => Number.isNaN(v))) return Number.NaN;
  const sorted = Float64Array.from(values).sort(); // typed-array sort is numeric
  const n = sorted.length;
  const h = (n + THIRD) * tau + THIRD;
  const hf = Math.trunc(h); // Rust `h as i64`
  if (hf <= 0 || tau === 0) return sorted[0]!;
  if (hf >= n || ulpsEqOne(tau)) return sorted[n - 1]!;
  const a = sorted[hf - 1]!;
  const b = sorted[hf]!;
  return a + (h - hf) * (b - a);
}

/** statrs `lower_quartile` = quantile(0.25). */
export function lowerQuartile(values: readonly number[]): number {
  return statrsQuantile(values, 0.25);
}

/** statrs `upper_quartile` = quantile(0.75). */
export function upperQuartile(values: readonly number[]): number {
  return statrsQuantile(values, 0.75);
}

/** Q1 − 1.5·IQR, computed as cardinal does: `(q3 - q1).mul_add(-1.5, q1)`. */
export function lowerFence(q1: number, q3: number): number {
  return fusedMultiplyAdd(q3 - q1, -1.5, q1);
}

/** Q3 + 1.5·IQR, computed as cardinal does: `(q3 - q1).mul_add(1.5, q3)`. */
export function upperFence(q1: number, q3: number): number {
  return fusedMultiplyAdd(q3 - q1, 1.5, q3);
}

/** cardinal's `Meta` rounding: `(v * 10_000.0).round() / 10_000.0`, Rust `round` = half away from zero. */
export function roundMeta(value: number): number {
  return roundHalfAwayFromZero(value * 10_000) / 10_000;
}

/** Rust `f64::round`: nearest integer, halves away from zero. NaN and ±Infinity pass through. */
export function roundHalfAwayFromZero(x: number): number {
  if (!Number.isFinite(x)) return x;
  const ax = Math.abs(x);
  let t = Math.trunc(ax);
  if (ax - t >= 0.5) t += 1; // ax − t is exact
  return x < 0 ? -t : t;
}

/** approx's `ulps_eq!(tau, 1.0)` with its f64 defaults (epsilon = f64::EPSILON, max_ulps = 4). */
function ulpsEqOne(tau: number): boolean {
  if (Math.abs(tau - 1) <= Number.EPSILON) return true;
  const d = ordinal(tau) - ordinal(1);
  return (d < 0n ? -d : d) <= 4n;
}

// --- Exact fused multiply-add ---

const view = new DataView(new ArrayBuffer(8));

/** The finite, non-zero double x as (mantissa, exponent) with x = mantissa · 2^exponent exactly. */
function decompose(x: number): { mantissa: bigint; exponent: number } {
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exponent = -1074; // subnormal
  if (biased !== 0) {
    mantissa |= 1n << 52n;
    exponent = biased - 1075;
  }
  return { mantissa: hi >>> 31 ? -mantissa : mantissa, exponent };
}

/** The bit pattern of a non-negative double, for ulps distance. */
function ordinal(x: number): bigint {
  view.setFloat64(0, x);
  return view.getBigUint64(0);
}

/** 2^k for −1022 ≤ k ≤ 1023, built from its bits (exact). */
function powerOfTwo(k: number): number {
  view.setUint32(0, (k + 1023) << 20);
  view.setUint32(4, 0);
  return view.getFloat64(0);
}

/** x · 2^k, exact whenever the result is representable (steps of 2^±1000 keep every intermediate exact). */
function scale(x: number, k: number): number {
  let r = x;
  let e = k;
  while (e > 1000) {
    r *= powerOfTwo(1000);
    e -= 1000;
  }
  while (e < -1000) {
    r *= powerOfTwo(-1000);
    e += 1000;
  }
  return r * powerOfTwo(e);
}

function bitLength(n: bigint): number {
  return n.toString(2).length;
}

/** The double nearest to s · 2^e (ties to even), including subnormal results and overflow to ±Infinity. */
function roundToDouble(s: bigint, e: number): number {
  if (s === 0n) return 0;
  const negative = s < 0n;
  let m = negative ? -s : s;
  let exponent = e;
  let shift = bitLength(m) - 53;
  if (exponent + shift < -1074) shift = -1074 - exponent; // fewer bits below the subnormal boundary
  if (shift > 0) {
    const big = BigInt(shift);
    const q = m >> big;
    const rest = m - (q << big);
    const half = 1n << (big - 1n);
    m = rest > half || (rest === half && (q & 1n) === 1n) ? q + 1n : q;
    exponent += shift;
  }
  const r = scale(Number(m), exponent); // Number(m) is exact: m ≤ 2^53
  return negative ? -r : r;
}

/** a·b + c rounded once (IEEE 754 fusedMultiplyAdd, Rust `f64::mul_add`). */
export function fusedMultiplyAdd(a: number, b: number, c: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b) || !Number.isFinite(c)) return a * b + c; // same specials
  if (a === 0 || b === 0) return a * b + c; // the product is an exact zero
  if (c === 0) return a * b; // one rounding of the exact product
  const x = decompose(a);
  const y = decompose(b);
  const z = decompose(c);
  const productExponent = x.exponent + y.exponent;
  const e = Math.min(productExponent, z.exponent);
  const sum =
    ((x.mantissa * y.mantissa) << BigInt(productExponent - e)) + (z.mantissa << BigInt(z.exponent - e));
  return roundToDouble(sum, e);
}
