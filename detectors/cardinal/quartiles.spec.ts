import {
  fusedMultiplyAdd,
  lowerFence,
  lowerQuartile,
  roundHalfAwayFromZero,
  roundMeta,
  statrsQuantile,
  upperFence,
  upperQuartile,
} from './quartiles.js';

// Hand computations use h = (n + 1/3)·τ + 1/3, h' = ⌊h⌋, Q = x_h' + (h − h')(x_{h'+1} − x_h') (1-based x).

describe('statrs quartiles (Hyndman–Fan type 8)', () => {
  it('[1, 2, 3, 4]: Q1 = 17/12, Q3 = 43/12', () => {
    // Q1: h = (13/3)(1/4) + 1/3 = 17/12 ≈ 1.4167 → x1 + (5/12)(x2 − x1) = 1 + 5/12 = 17/12.
    // Q3: h = (13/3)(3/4) + 1/3 = 43/12 ≈ 3.5833 → x3 + (7/12)(x4 − x3) = 3 + 7/12 = 43/12.
    expect(lowerQuartile([2, 1, 3, 4])).toBeCloseTo(17 / 12, 14);
    expect(upperQuartile([2, 1, 3, 4])).toBeCloseTo(43 / 12, 14);
    // numpy's default (type 7) would give 1.75 and 3.25: a port that used it would disagree with cardinal.
    expect(lowerQuartile([1, 2, 3, 4])).not.toBeCloseTo(1.75, 3);
  });

  it('the R024 fixture gaps [0, 0, 100 ×7]: Q1 = 66.67, Q3 = 100, lower fence 16.67', () => {
    // n = 9. Q1: h = (28/3)(1/4) + 1/3 = 8/3 → x2 + (2/3)(x3 − x2) = 0 + (2/3)·100 = 66.67.
    // Q3: h = (28/3)(3/4) + 1/3 = 22/3 → x7 + (1/3)(x8 − x7) = 100. Fence: 66.67 − 1.5·33.33 = 16.67.
    // These are the numbers of cardinal's own Meta example (docs/cli/indicators/index.md).
    const gaps = [0, 100, 100, 100, 100, 100, 100, 100, 0];
    const q1 = lowerQuartile(gaps);
    const q3 = upperQuartile(gaps);
    expect(q1).toBeCloseTo(200 / 3, 10);
    expect(q3).toBe(100);
    expect(lowerFence(q1, q3)).toBeCloseTo(50 / 3, 10);
    expect(roundMeta(q1)).toBe(66.6667);
    expect(roundMeta(lowerFence(q1, q3))).toBe(16.6667);
  });

  it('the R058 fixture gaps [100, 0, 0, 0, 0]: Q1 = 0, Q3 = 33.33, upper fence 83.33', () => {
    // n = 5. Q1: h = (16/3)(1/4) + 1/3 = 5/3 → x1 + (2/3)(x2 − x1) = 0.
    // Q3: h = (16/3)(3/4) + 1/3 = 13/3 → x4 + (1/3)(x5 − x4) = 100/3. Fence: 100/3 + 1.5·100/3 = 250/3.
    const gaps = [100, 0, 0, 0, 0];
    expect(lowerQuartile(gaps)).toBe(0);
    expect(upperQuartile(gaps)).toBeCloseTo(100 / 3, 10);
    expect(upperFence(0, upperQuartile(gaps))).toBeCloseTo(250 / 3, 10);
  });

  it('cardinal docs demonstration for R024 [1, 99, 99, 99, 99]: lower fence 17.33 flags the 1', () => {
    // Q1 = 1 + (2/3)·98 = 199/3 ≈ 66.33; Q3 = 99; fence = 199/3 − 1.5·(99 − 199/3) = 52/3 ≈ 17.33.
    const q1 = lowerQuartile([1, 99, 99, 99, 99]);
    const q3 = upperQuartile([1, 99, 99, 99, 99]);
    expect(q1).toBeCloseTo(199 / 3, 10);
    expect(q3).toBe(99);
    expect(lowerFence(q1, q3)).toBeCloseTo(52 / 3, 10);
  });

  it('small samples fall back to the minimum and the maximum', () => {
    // n = 1: Q1 h = 2/3 → h' = 0 → min; Q3 h = 4/3 → h' = 1 ≥ n → max.
    expect(lowerQuartile([7])).toBe(7);
    expect(upperQuartile([7])).toBe(7);
    // n = 2: Q1 h = 11/12 → min = 0; Q3 h = 25/12 → h' = 2 ≥ n → max = 10.
    expect(lowerQuartile([10, 0])).toBe(0);
    expect(upperQuartile([10, 0])).toBe(10);
  });

  it('interpolates inside a larger sample', () => {
    // [10, 20, …, 100], n = 10. Q1: h = (31/3)(1/4) + 1/3 = 35/12 ≈ 2.9167 → 20 + (11/12)·10 = 29.1667.
    // Q3: h = (31/3)(3/4) + 1/3 = 97/12 ≈ 8.0833 → 80 + (1/12)·10 = 80.8333. Median: h = 31/6 + 1/3 = 5.5 → 55.
    const xs = [100, 90, 80, 70, 60, 50, 40, 30, 20, 10];
    expect(lowerQuartile(xs)).toBeCloseTo(350 / 12, 10);
    expect(upperQuartile(xs)).toBeCloseTo(970 / 12, 10);
    expect(statrsQuantile(xs, 0.5)).toBeCloseTo(55, 10);
    expect(statrsQuantile(xs, 0)).toBe(10);
    expect(statrsQuantile(xs, 1)).toBe(100);
  });

  it('is NaN for an empty set, a NaN value, or tau outside [0, 1]', () => {
    expect(lowerQuartile([])).toBeNaN();
    expect(upperQuartile([1, Number.NaN])).toBeNaN();
    expect(statrsQuantile([1, 2], 1.5)).toBeNaN();
    expect(statrsQuantile([1, 2], -0.1)).toBeNaN();
  });

  it('does not reorder its input', () => {
    const xs = [3, 1, 2];
    lowerQuartile(xs);
    expect(xs).toEqual([3, 1, 2]);
  });
});

describe('fences with a fused multiply-add (Rust f64::mul_add)', () => {
  it('rounds a·b + c once', () => {
    // 0.1 = 3602879701896397·2⁻⁵⁵; ×10 = 36028797018963970·2⁻⁵⁵; 1 = 36028797018963968·2⁻⁵⁵: the exact result
    // is 2·2⁻⁵⁵ = 2⁻⁵⁴, whereas 0.1·10 rounds to 1 first and gives 0.
    expect(0.1 * 10 - 1).toBe(0);
    expect(fusedMultiplyAdd(0.1, 10, -1)).toBe(2 ** -54);
    expect(fusedMultiplyAdd(2, 3, 4)).toBe(10);
    expect(fusedMultiplyAdd(-1.5, 2, 3)).toBe(0);
    expect(fusedMultiplyAdd(0, 5, -2)).toBe(-2);
    expect(fusedMultiplyAdd(3, 4, 0)).toBe(12);
  });

  it('rounds ties to even and handles subnormal and huge results', () => {
    // (1 + 2⁻⁵²)² − 1 = 2⁻⁵¹ + 2⁻¹⁰⁴: the 2⁻¹⁰⁴ is half an ulp of 2⁻⁵¹ → ties to even → 2⁻⁵¹.
    const x = 1 + 2 ** -52;
    expect(fusedMultiplyAdd(x, x, -1)).toBe(2 ** -51);
    // 2⁻⁵³⁷·2⁻⁵³⁷ + 2⁻¹⁰⁷⁴ = 2⁻¹⁰⁷⁴ + 2⁻¹⁰⁷⁴ = 2⁻¹⁰⁷³ (subnormal), though the product alone underflows to 0.
    expect(fusedMultiplyAdd(2 ** -537, 2 ** -537, 2 ** -1074)).toBe(2 ** -1073);
    expect(fusedMultiplyAdd(2 ** 600, 2 ** 600, 1)).toBe(Number.POSITIVE_INFINITY);
    expect(fusedMultiplyAdd(2 ** 500, 2 ** 500, -(2 ** 1000))).toBe(0);
    expect(fusedMultiplyAdd(Number.NaN, 1, 1)).toBeNaN();
    expect(fusedMultiplyAdd(Number.POSITIVE_INFINITY, 1.5, 1)).toBe(Number.POSITIVE_INFINITY);
  });

  it('agrees with a·b + c whenever that is exact', () => {
    for (const [a, b, c] of [
      [0.25, -1.5, 0.75],
      [0.5, 1.5, 0.5],
      [1024, 1.5, -3],
      [-7.5, 1.5, 100],
    ] as const) {
      expect(fusedMultiplyAdd(a, b, c)).toBe(a * b + c);
    }
  });

  it('computes the fences', () => {
    // Q1 = 0.05, Q3 = 0.07 (cardinal's R024 example): lower 0.05 − 1.5·0.02 = 0.02; upper 0.07 + 0.03 = 0.1.
    expect(lowerFence(0.05, 0.07)).toBeCloseTo(0.02, 15);
    expect(upperFence(0.05, 0.07)).toBeCloseTo(0.1, 15);
    expect(lowerFence(0, 0)).toBe(0);
    expect(upperFence(Number.NaN, Number.NaN)).toBeNaN();
  });
});

describe('Meta rounding (Rust f64::round: halves away from zero)', () => {
  it('rounds to 4 decimals', () => {
    expect(roundMeta(200 / 3)).toBe(66.6667);
    expect(roundMeta(100)).toBe(100);
    expect(roundMeta(Number.NaN)).toBeNaN();
  });

  it('rounds halves away from zero, unlike Math.round', () => {
    expect(roundHalfAwayFromZero(2.5)).toBe(3);
    expect(roundHalfAwayFromZero(-2.5)).toBe(-3);
    expect(Math.round(-2.5)).toBe(-2);
    expect(roundHalfAwayFromZero(0.49999999999999994)).toBe(0);
    expect(roundHalfAwayFromZero(-0.4)).toBe(-0);
  });
});
