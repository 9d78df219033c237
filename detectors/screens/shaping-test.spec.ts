import { mulberry32 } from '../rings/prng.js';
import { DEFAULT_BENCHMARK_RULE } from './benchmark.js';
import { binomial, forEachCombination, shapingTest } from './shaping-test.js';

const rule = { ...DEFAULT_BENCHMARK_RULE, smallN: 10, k: 1 }; // plain mean: easy to follow by hand

/*
 * Ten bids (sorted): two supporters at 80, the group's winner W at 94, seven honest bids 100…106.
 * B = 975/10 = 97.5 → W wins (0.5 · 3.5/97.5 = 1.79 % vs 100: 2.56 %).
 * Removing the supporters: B = 815/8 = 101.875 → 102 wins (0.12 %): flip, shift = 4.375/97.5 = +4.487 %.
 * Random: 2 of the 7 honest bids (C(7,2) = 21, enumerated): B = (975 − h₁ − h₂)/8 ∈ [95.5, 96.75], W keeps winning,
 * |shift| ≤ 2.05 %. None is as extreme → p = 1/(1 + 21) = 0.04545.
 */
const sorted = [80, 80, 94, 100, 101, 102, 103, 104, 105, 106];
const group = [0, 1, 2];

describe('shapingTest (Conley–Decarolis coordinated-bid test)', () => {
  it('hand-computed shaping group: exact p = 1/22', () => {
    const r = shapingTest(sorted, group, rule, 999, mulberry32(1));
    expect(r).toMatchObject({ benchmark: 97.5, benchmarkWithout: 101.875, flip: true, winner: 2, winnerWithout: 5, removed: [0, 1], extreme: 0, draws: 21, exact: true });
    expect(r?.shift).toBeCloseTo(4.375 / 97.5, 12);
    expect(r?.p).toBeCloseTo(1 / 22, 12);
  });

  it('Monte Carlo p is reproducible with the same seed', () => {
    // an honest pair {101, 104} (no member wins): its removal is typical, so p is large and draw-dependent
    const a = shapingTest(sorted, [4, 7], rule, 19, mulberry32(7));
    const b = shapingTest(sorted, [4, 7], rule, 19, mulberry32(7));
    expect(a?.exact).toBe(false); // C(7, 2) = 21 > 19 draws
    expect(a).toEqual(b);
    expect(a?.p).toBeGreaterThan(0.2);
  });

  it('nothing to test: a lone winning bid, or too few bids outside the group', () => {
    expect(shapingTest(sorted, [2], rule, 99, mulberry32(1))).toBeNull();
    expect(shapingTest([1, 2, 3], [0, 2], rule, 99, mulberry32(1))).toBeNull(); // winner 2 is outside: no pool left
  });

  it('combinatorics helpers', () => {
    expect(binomial(7, 2)).toBe(21);
    expect(binomial(5, 0)).toBe(1);
    expect(binomial(3, 4)).toBe(0);
    const seen: string[] = [];
    forEachCombination([10, 20, 30, 40], 2, (c) => seen.push(c.join('+')));
    expect(seen).toEqual(['10+20', '10+30', '10+40', '20+30', '20+40', '30+40']);
  });
});
