import {
  MAD_CONSISTENCY,
  coefficientOfVariation,
  mad,
  mean,
  median,
  quantile,
  quantileSorted,
  robustZ,
  robustZScores,
  sampleSd,
  sampleVariance,
  sortedAscending,
  tukeyFences,
} from './stats.js';

describe('stats helpers (hand-computed)', () => {
  // [2, 4, 4, 4, 5, 5, 7, 9]: mean 5, Σ(x − 5)² = 9+1+1+1+0+0+4+16 = 32, s² = 32/7 (population σ = 2).
  const x = [2, 4, 4, 4, 5, 5, 7, 9];

  it('mean', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(mean(x)).toBe(5);
    expect(() => mean([])).toThrow(RangeError);
  });

  it('sample variance and s.d. use n − 1', () => {
    expect(sampleVariance(x)).toBeCloseTo(32 / 7, 12);
    expect(sampleSd(x)).toBeCloseTo(Math.sqrt(32 / 7), 12); // 2.13809, not the population 2
    expect(sampleSd([3, 3, 3])).toBe(0);
    expect(sampleSd([7])).toBeNull();
    expect(sampleSd([])).toBeNull();
  });

  it('median', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([42])).toBe(42);
    expect(() => median([])).toThrow(RangeError);
  });

  it('quantile is type 7: h = (n − 1)p, linear between neighbours', () => {
    // [1,2,3,4]: p=.25 → h=.75 → 1 + .75·1 = 1.75; p=.75 → h=2.25 → 3.25 (R quantile(type=7), numpy 'linear').
    expect(quantile([4, 3, 2, 1], 0)).toBe(1);
    expect(quantile([4, 3, 2, 1], 0.25)).toBeCloseTo(1.75, 12);
    expect(quantile([4, 3, 2, 1], 0.5)).toBeCloseTo(2.5, 12);
    expect(quantile([4, 3, 2, 1], 0.75)).toBeCloseTo(3.25, 12);
    expect(quantile([4, 3, 2, 1], 1)).toBe(4);
    // [10..50]: p=.1 → h=.4 → 10 + .4·10 = 14 (type 6 would give 10, type 1 gives 10).
    expect(quantileSorted([10, 20, 30, 40, 50], 0.1)).toBeCloseTo(14, 12);
    expect(quantile([7], 0.3)).toBe(7);
    expect(() => quantile([1, 2], 1.5)).toThrow(RangeError);
    expect(() => quantile([1, 2], Number.NaN)).toThrow(RangeError);
    expect(() => quantile([], 0.5)).toThrow(RangeError);
  });

  it('does not mutate its input', () => {
    const y = [3, 1, 2];
    quantile(y, 0.5);
    sortedAscending(y);
    expect(y).toEqual([3, 1, 2]);
  });

  it('Tukey fences with type-7 quartiles', () => {
    // Q1 1.75, Q3 3.25, IQR 1.5 → lower 1.75 − 2.25 = −0.5, upper 3.25 + 2.25 = 5.5.
    const f = tukeyFences([1, 2, 3, 4]);
    expect(f.q1).toBeCloseTo(1.75, 12);
    expect(f.q3).toBeCloseTo(3.25, 12);
    expect(f.iqr).toBeCloseTo(1.5, 12);
    expect(f.lower).toBeCloseTo(-0.5, 12);
    expect(f.upper).toBeCloseTo(5.5, 12);
    expect(f.k).toBe(1.5);
    const g = tukeyFences([1, 2, 3, 4], 3);
    expect(g.lower).toBeCloseTo(1.75 - 4.5, 12);
    expect(g.upper).toBeCloseTo(3.25 + 4.5, 12);
  });

  it('MAD and robust z (1.4826 · MAD)', () => {
    // [1,1,2,2,4,6,9]: median 2; |x − 2| = 1,1,0,0,2,4,7 → sorted 0,0,1,1,2,4,7 → MAD 1.
    const y = [1, 1, 2, 2, 4, 6, 9];
    expect(mad(y)).toBe(1);
    expect(MAD_CONSISTENCY).toBe(1.4826);
    expect(robustZ(9, y)).toBeCloseTo(7 / 1.4826, 12); // 4.72144
    expect(robustZ(2, y)).toBe(0);
    const zs = robustZScores(y);
    expect(zs[0]).toBeCloseTo(-1 / 1.4826, 12);
    expect(zs[6]).toBeCloseTo(7 / 1.4826, 12);
  });

  it('robust z is null, not Infinity, when MAD = 0', () => {
    // [5,5,5,7]: median 5, |x − 5| = 0,0,0,2 → MAD 0.
    expect(mad([5, 5, 5, 7])).toBe(0);
    expect(robustZ(7, [5, 5, 5, 7])).toBeNull();
    expect(robustZScores([5, 5, 5, 7])).toEqual([null, null, null, null]);
  });

  it('coefficient of variation = s / x̄', () => {
    expect(coefficientOfVariation(x)).toBeCloseTo(Math.sqrt(32 / 7) / 5, 12); // 0.427618
    expect(coefficientOfVariation([100, 100])).toBe(0);
    expect(coefficientOfVariation([100])).toBeNull();
    expect(coefficientOfVariation([-1, 1])).toBeNull(); // mean 0
    expect(coefficientOfVariation([-3, -1])).toBeNull(); // negative mean: not defined here
  });
});
