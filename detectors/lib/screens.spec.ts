import { computeScreens, SCREEN_KEYS, SCREEN_MIN_N, type Screens } from './screens.js';

const P = 12; // decimal places for toBeCloseTo on hand-computed values

function expectAllFiniteOrNull(s: Screens): void {
  for (const k of SCREEN_KEYS) {
    const v = s[k];
    if (v !== null) expect(Number.isFinite(v)).toBe(true);
  }
}

describe('computeScreens — hand-computed vectors', () => {
  it('[100, 110, 120, 130] (equally spaced)', () => {
    // x̄ = 115, deviations ±5, ±15, Σd² = 500, s² = 500/3, s = 12.9099.
    const s = computeScreens([100, 110, 120, 130]);
    expect(s.n).toBe(4);
    expect(s.cv).toBeCloseTo(Math.sqrt(500 / 3) / 115, P); // 0.112260
    expect(s.spd).toBeCloseTo(30 / 100, P);
    expect(s.diffp).toBeCloseTo(10 / 100, P);
    // losers 110,120,130: s_L = 10 → RD = 10/10
    expect(s.rd).toBeCloseTo(1, P);
    // mean adjacent gap 30/3 = 10; mean loser gap (130 − 110)/2 = 10
    expect(s.rdnor).toBeCloseTo(1, P);
    expect(s.rdalt).toBeCloseTo(1, P);
    expect(s.skew).toBeCloseTo(0, P); // symmetric
    // Σz⁴ = (2·15⁴ + 2·5⁴)/s⁴ = 102500/(500/3)² = 3.69; 20/6 · 3.69 − 3·9/2 = 12.3 − 13.5
    expect(s.kurt).toBeCloseTo(-1.2, P);
    // u = 0, 1/3, 2/3, 1; D = max(1/4 − 0, 1 − 3/4) = 1/4
    expect(s.ks).toBeCloseTo(0.25, P);
  });

  it('[100, 106, 107, 109, 118] (5 bids, asymmetric)', () => {
    // x̄ = 108, d = −8, −2, −1, 1, 10; Σd² = 170, s² = 42.5; Σd³ = 480; Σd⁴ = 14114.
    const s = computeScreens([100, 106, 107, 109, 118]);
    expect(s.n).toBe(5);
    expect(s.cv).toBeCloseTo(Math.sqrt(42.5) / 108, P); // 0.060363
    expect(s.spd).toBeCloseTo(0.18, P);
    expect(s.diffp).toBeCloseTo(0.06, P);
    // losers 106,107,109,118: mean 110, d = −4,−3,−1,8, Σd² = 90, s_L² = 30 → RD = 6/√30
    expect(s.rd).toBeCloseTo(6 / Math.sqrt(30), P); // 1.095445
    expect(s.rdnor).toBeCloseTo(6 / (18 / 4), P); // 1.333333
    expect(s.rdalt).toBeCloseTo(6 / ((118 - 106) / 3), P); // 1.5
    // G₁ = 5/(4·3) · Σd³ / s³
    expect(s.skew).toBeCloseTo((5 / 12) * (480 / Math.pow(42.5, 1.5)), P); // 0.721849
    // G₂ = 5·6/(4·3·2) · Σd⁴/s⁴ − 3·4²/(3·2) = 1.25 · 14114/1806.25 − 8
    expect(s.kurt).toBeCloseTo(1.25 * (14114 / 1806.25) - 8, P); // 1.767474
    // u = 0, 6/18, 7/18, 9/18, 1; i/n − u = .2, .0667, .2111, .3, 0; u − (i−1)/n = 0, .1333, −.0111, −.1, .2
    expect(s.ks).toBeCloseTo(0.3, P);
  });

  it('matches a published tender (GR/See-Gaster tender 1, García Rodríguez et al. 2022, 4 decimals)', () => {
    const s = computeScreens([235254.7, 210899.15, 224101.25, 220034.35]);
    const tol = 0.5e-4 + 1e-9;
    expect(Math.abs((s.cv as number) - 0.0454)).toBeLessThanOrEqual(tol);
    expect(Math.abs((s.spd as number) - 0.1155)).toBeLessThanOrEqual(tol);
    expect(Math.abs((s.diffp as number) - 0.0433)).toBeLessThanOrEqual(tol);
    expect(Math.abs((s.kurt as number) - 0.7632)).toBeLessThanOrEqual(tol);
    expect(Math.abs((s.skew as number) - 0.2826)).toBeLessThanOrEqual(tol);
    expect(Math.abs((s.ks as number) - 0.25)).toBeLessThanOrEqual(tol);
    // Their RD (1.3511) divides by the s.d. of the three *lowest* bids; ours by the s.d. of the three losing bids.
    expect(s.rd).toBeCloseTo(9135.2 / 7880.33604015929, 9); // 1.15924
  });
});

describe('computeScreens — edge cases', () => {
  it('n = 0 and n = 1: everything null', () => {
    for (const v of [[], [100]]) {
      const s = computeScreens(v);
      expect(s.n).toBe(v.length);
      for (const k of SCREEN_KEYS) expect(s[k]).toBeNull();
    }
  });

  it('n = 2: CV, SPD, DIFFP, KS only', () => {
    const s = computeScreens([110, 100]);
    expect(s.cv).toBeCloseTo(10 / Math.SQRT2 / 105, P); // s = 10/√2
    expect(s.spd).toBeCloseTo(0.1, P);
    expect(s.diffp).toBeCloseTo(0.1, P);
    expect(s.ks).toBeCloseTo(0.5, P); // always 1/2 for two distinct bids
    expect(s.rd).toBeNull();
    expect(s.rdnor).toBeNull();
    expect(s.rdalt).toBeNull();
    expect(s.skew).toBeNull();
    expect(s.kurt).toBeNull();
  });

  it('n = 3: everything but KURT', () => {
    // x̄ = 340/3, d = −40/3, −10/3, 50/3; Σd² = 4200/9, s² = 700/3; Σd³ = 60000/27
    const s = computeScreens([130, 100, 110]);
    expect(s.cv).toBeCloseTo(Math.sqrt(700 / 3) / (340 / 3), P); // 0.134782
    expect(s.spd).toBeCloseTo(0.3, P);
    expect(s.diffp).toBeCloseTo(0.1, P);
    expect(s.rd).toBeCloseTo(10 / (20 / Math.SQRT2), P); // losers 110,130: s_L = 20/√2
    expect(s.rdnor).toBeCloseTo(10 / (30 / 2), P);
    expect(s.rdalt).toBeCloseTo(10 / (20 / 1), P);
    expect(s.skew).toBeCloseTo((3 / 2) * (60000 / 27) / Math.pow(700 / 3, 1.5), P); // 0.935220
    expect(s.kurt).toBeNull();
    expect(s.ks).toBeCloseTo(1 / 3, P); // u = 0, 1/3, 1
  });

  it('all bids equal: zero spread, s.d.-based screens null (never NaN/Infinity)', () => {
    for (const v of [
      [100, 100],
      [100, 100, 100],
      [250.3, 250.3, 250.3, 250.3, 250.3],
      [0.1, 0.1, 0.1, 0.1], // x̄ is not exactly 0.1 in binary: must still be treated as equal
    ]) {
      const s = computeScreens(v);
      expect(s.cv).toBe(0);
      expect(s.spd).toBe(0);
      expect(s.diffp).toBeNull(); // no price above the minimum
      expect(s.rd).toBeNull();
      expect(s.rdnor).toBeNull();
      expect(s.rdalt).toBeNull();
      expect(s.skew).toBeNull();
      expect(s.kurt).toBeNull();
      expect(s.ks).toBeNull();
      expectAllFiniteOrNull(s);
    }
  });

  it('unsorted input gives the same screens as sorted input, and is not mutated', () => {
    const sorted = [100, 106, 107, 109, 118];
    const shuffled = [109, 118, 100, 107, 106];
    expect(computeScreens(shuffled)).toEqual(computeScreens(sorted));
    expect(shuffled).toEqual([109, 118, 100, 107, 106]);
  });

  it('tied minimum: the gap Δ runs to the next higher price (dataset authors’ convention)', () => {
    // [100, 100, 110, 130]: b* = 110, Δ = 10; losers 100,110,130 (one copy of the minimum): s_L² = 700/3
    const s = computeScreens([100, 110, 100, 130]);
    expect(s.diffp).toBeCloseTo(0.1, P);
    expect(s.rd).toBeCloseTo(10 / Math.sqrt(700 / 3), P); // 0.654654
    expect(s.rdnor).toBeCloseTo(10 / (30 / 3), P);
    expect(s.rdalt).toBeCloseTo(10 / ((130 - 100) / 2), P);
    expect(s.ks).toBeCloseTo(0.5, P); // u = 0, 0, 1/3, 1: F jumps to 1/2 at the minimum
  });

  it('tied losers: RD and RDALT null when the losing bids have no spread', () => {
    const s = computeScreens([100, 110, 110]);
    expect(s.rd).toBeNull();
    expect(s.rdalt).toBeNull();
    expect(s.rdnor).toBeCloseTo(10 / (10 / 2), P);
    expect(s.skew).not.toBeNull();
  });

  it('scale invariance of all screens', () => {
    const a = computeScreens([100, 106, 107, 109, 118]);
    const b = computeScreens([1e6, 1.06e6, 1.07e6, 1.09e6, 1.18e6]);
    for (const k of SCREEN_KEYS) expect(b[k]).toBeCloseTo(a[k] as number, 9);
  });

  it('null exactly below each screen’s minimum n (distinct prices)', () => {
    for (let n = 1; n <= 6; n++) {
      const s = computeScreens(Array.from({ length: n }, (_, i) => 100 + i * i + i));
      for (const k of SCREEN_KEYS) expect(s[k] === null).toBe(n < SCREEN_MIN_N[k]);
    }
  });

  it('never returns NaN or Infinity on random and near-degenerate inputs', () => {
    let seed = 42;
    const rnd = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 500; i++) {
      const n = 1 + Math.floor(rnd() * 12);
      const base = 1 + rnd() * 1e7;
      const v = Array.from({ length: n }, () => (rnd() < 0.3 ? base : base * (1 + rnd() * 0.2)));
      expectAllFiniteOrNull(computeScreens(v));
    }
  });

  it('rejects non-finite or non-positive prices', () => {
    expect(() => computeScreens([100, Number.NaN])).toThrow(RangeError);
    expect(() => computeScreens([100, Number.POSITIVE_INFINITY])).toThrow(RangeError);
    expect(() => computeScreens([0, 100])).toThrow(RangeError);
    expect(() => computeScreens([-5, 100])).toThrow(RangeError);
  });
});
