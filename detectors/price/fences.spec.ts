import { lowerFence, lowerQuartile, upperFence, upperQuartile } from '../cardinal/quartiles.js';
import { mad, median } from '../lib/stats.js';
import { fencesOf, fencesOfSorted, mergeSorted, robustCentreOf, robustCentreOfSorted, robustZFrom } from './fences.js';

/** Deterministic pseudo-random data (LCG), with ties and a few outliers. */
function sample(n: number, seed: number): number[] {
  let x = seed;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const u = x / 2147483648;
    out.push(i % 7 === 0 ? Math.round(u * 10) / 100 : u < 0.02 ? 0.5 + u : u * 0.2);
  }
  return out;
}

describe('fences', () => {
  it('equal cardinal’s statrs type-8 quartiles and fused fences bit for bit (k = 1.5)', () => {
    for (const n of [1, 2, 3, 4, 5, 7, 30, 31, 100, 1001]) {
      const xs = sample(n, n);
      const sorted = Float64Array.from(xs).sort();
      const a = fencesOf(xs);
      const b = fencesOfSorted(sorted);
      expect(b).toEqual(a);
      expect(a.q1).toBe(lowerQuartile(xs));
      expect(a.q3).toBe(upperQuartile(xs));
      expect(a.lower).toBe(lowerFence(a.q1, a.q3));
      expect(a.upper).toBe(upperFence(a.q1, a.q3));
    }
  });

  it('statrs doc example: [1, 2, 3, 4] → Q1 1.41666…, Q3 3.58333…; upper fence Q3 + k·IQR', () => {
    const f = fencesOf([4, 1, 3, 2], 3);
    expect(f.q1).toBeCloseTo(1 + 5 / 12, 12);
    expect(f.q3).toBeCloseTo(3 + 7 / 12, 12);
    expect(f.upper).toBeCloseTo(3 + 7 / 12 + 3 * (2 + 1 / 6), 12);
  });

  it('robust centre equals lib/stats median and MAD; z is null when MAD = 0', () => {
    for (const n of [1, 2, 5, 30, 101]) {
      const xs = sample(n, 7 * n);
      const c = robustCentreOfSorted(Float64Array.from(xs).sort());
      expect(c).toEqual(robustCentreOf(xs));
      expect(c.median).toBe(median(xs));
      expect(c.mad).toBe(mad(xs));
    }
    // hand-computed: [1, 2, 2, 3, 10] → median 2; |x − 2| = 1, 0, 0, 1, 8 → sorted 0, 0, 1, 1, 8 → MAD 1
    expect(robustCentreOfSorted(Float64Array.from([1, 2, 2, 3, 10]))).toEqual({ median: 2, mad: 1 });
    // [1, 2, 3, 4] → median 2.5; deviations 1.5, 0.5, 0.5, 1.5 → MAD (0.5 + 1.5)/2 = 1
    expect(robustCentreOfSorted(Float64Array.from([1, 2, 3, 4]))).toEqual({ median: 2.5, mad: 1 });
    expect(robustZFrom(3, { median: 1, mad: 0 })).toBeNull();
    expect(robustZFrom(3, { median: 1, mad: 1 })).toBeCloseTo(2 / 1.4826, 12);
  });
});

describe('mergeSorted', () => {
  it('merges ascending runs into one ascending array', () => {
    const parts = [[0.1, 0.5], [], [0.2, 0.2, 0.9], [0.05]].map((x) => Float64Array.from(x));
    expect(Array.from(mergeSorted(parts))).toEqual([0.05, 0.1, 0.2, 0.2, 0.5, 0.9]);
    expect(mergeSorted([]).length).toBe(0);
  });
});
