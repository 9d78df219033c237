import { decisiveP, exactTwoSidedP, mannKendall } from './mann-kendall.js';
import { normalCdf, twoSidedP } from './normal.js';

describe('normal distribution', () => {
  it('matches published values', () => {
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 14);
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 14);
    expect(normalCdf(0)).toBe(0.5);
    expect(twoSidedP(0)).toBe(1);
    expect(twoSidedP(-1.959963984540054)).toBeCloseTo(0.05, 12);
  });
});

describe('Mann–Kendall (hand-computed)', () => {
  // Var(S) = n(n−1)(2n+5)/18 = 5·4·15/18 = 300/18 = 16.667 (not 50: that would be 300/6), so
  // Z = (10 − 1)/√16.667 = 2.2045 and p = 2·(1 − Φ(2.2045)) = 0.0275 — not 1.2728 / 0.2031.
  it('[1,2,3,4,5]: S = 10, Var(S) = 5·4·15/18 = 16.667, Z = (10 − 1)/√16.667 = 2.2045, p = 0.0275', () => {
    const mk = mannKendall([1, 2, 3, 4, 5]);
    expect(mk.n).toBe(5);
    expect(mk.s).toBe(10);
    expect(mk.varS).toBeCloseTo(300 / 18, 12);
    expect(mk.z).toBeCloseTo(2.2045, 4);
    expect(mk.p).toBeCloseTo(0.0275, 4);
    expect(mk.tau).toBe(1);
    // exact: only 1 of the 5! = 120 orderings has S = 10 (and 1 has S = −10) → 2/120
    expect(mk.pExact).toBeCloseTo(2 / 120, 12);
    expect(decisiveP(mk)).toBe(mk.pExact);
  });

  it('a falling series is the mirror image', () => {
    const mk = mannKendall([5, 4, 3, 2, 1]);
    expect(mk.s).toBe(-10);
    expect(mk.z).toBeCloseTo(-2.2045, 4);
    expect(mk.p).toBeCloseTo(0.0275, 4);
  });

  it('ties: [1,2,2,3] → S = 5, Var(S) = (4·3·13 − 2·1·9)/18 = 138/18, Z = 4/√7.667 = 1.4446; no exact p', () => {
    const mk = mannKendall([1, 2, 2, 3]);
    expect(mk.s).toBe(5);
    expect(mk.varS).toBeCloseTo(138 / 18, 12);
    expect(mk.z).toBeCloseTo(4 / Math.sqrt(138 / 18), 12);
    expect(mk.z).toBeCloseTo(1.4446, 4);
    expect(mk.tieGroups).toBe(1);
    expect(mk.pExact).toBeNull();
    expect(decisiveP(mk)).toBe(mk.p);
  });

  it('S = 0 gives Z = 0 and p = 1; [3,1,2] has S = −2 + 1 = −1 → Z = 0', () => {
    const mk = mannKendall([3, 1, 2]);
    expect(mk.s).toBe(-1);
    expect(mk.z).toBe(0);
    expect(mk.p).toBe(1);
  });

  it('too short or constant series give no p-value', () => {
    expect(mannKendall([1, 2]).p).toBeNull();
    expect(mannKendall([]).p).toBeNull();
    const flat = mannKendall([2, 2, 2, 2]);
    expect(flat.s).toBe(0);
    expect(flat.varS).toBe(0);
    expect(flat.p).toBeNull();
  });

  it('exact distribution for n = 4: P(S=6) = 1/24, P(S=4) = 3/24, P(S=2) = 5/24, P(S=0) = 6/24', () => {
    expect(exactTwoSidedP(4, 6)).toBeCloseTo(2 / 24, 12);
    expect(exactTwoSidedP(4, -4)).toBeCloseTo(8 / 24, 12);
    expect(exactTwoSidedP(4, 2)).toBeCloseTo(18 / 24, 12);
    expect(exactTwoSidedP(4, 0)).toBe(1);
    // with four years even a perfectly monotone series is not significant at 5 % — the test has little power
    expect(mannKendall([1, 2, 3, 4]).p).toBeGreaterThan(0.05);
    expect(mannKendall([1, 2, 3, 4]).pExact).toBeGreaterThan(0.05);
  });

  it('the exact and normal p-values agree for a longer series away from the far tail', () => {
    const xs = Array.from({ length: 20 }, (_, i) => (i * 7) % 20);
    const mk = mannKendall(xs);
    expect(mk.pExact).not.toBeNull();
    expect(mk.p!).toBeGreaterThan(0.01);
    expect(Math.abs(mk.pExact! - mk.p!)).toBeLessThan(0.002); // S = 64: 0.0398 exact vs 0.0410 normal
  });
});
