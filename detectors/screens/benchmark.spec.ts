import { benchmark, DEFAULT_BENCHMARK_RULE as R, winnerIndex } from './benchmark.js';

describe('benchmark B(·) (hand-computed)', () => {
  it('n ≤ 5: mean × K', () => {
    expect(benchmark([90, 100, 110], null, R)).toBeCloseTo(100 * 0.97, 12);
    expect(benchmark([90, 100, 110], null, { ...R, k: 1 })).toBe(100);
  });

  it('n > 5: drop highest and lowest, then bids > 20 % from the trimmed mean', () => {
    // [50, 90, 95, 100, 105, 110, 200] → trimmed [90…110], m₁ = 100, all within 20 % → 100 × 0.97
    expect(benchmark([50, 90, 95, 100, 105, 110, 200], null, R)).toBeCloseTo(97, 12);
    // [10, 60, 95, 100, 105, 130, 300] → trimmed [60, 95, 100, 105, 130], m₁ = 98;
    // |60 − 98|/98 = 38.8 %, |130 − 98|/98 = 32.7 % dropped → mean(95, 100, 105) = 100 → 97
    expect(benchmark([10, 60, 95, 100, 105, 130, 300], null, R)).toBeCloseTo(97, 12);
  });

  it('honours the removal mask; null when nothing is left', () => {
    expect(benchmark([90, 100, 110], Uint8Array.from([0, 0, 1]), { ...R, k: 1 })).toBe(95);
    expect(benchmark([90], Uint8Array.from([1]), R)).toBeNull();
  });
});

describe('winner rule: weighted distance, 1 above / 0.5 below', () => {
  it('a bid below B beats one closer above it', () => {
    // B = 97: 95 → 0.5 · 2/97 = 1.03 %; 98.5 → 1.5/97 = 1.55 %
    expect(winnerIndex([95, 98.5], null, 97, R)).toBe(0);
    // 96 → 0.5 · 1/97 = 0.52 %; 97.4 → 0.41 %
    expect(winnerIndex([96, 97.4], null, 97, R)).toBe(1);
  });

  it('ties go to the lower price; removed bids cannot win', () => {
    // 95: 0.5 · 2/97; 98: 1/97 → equal
    expect(winnerIndex([95, 98], null, 97, R)).toBe(0);
    expect(winnerIndex([95, 98], Uint8Array.from([1, 0]), 97, R)).toBe(1);
  });
});
