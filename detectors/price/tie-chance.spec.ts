import { poissonTail, tieChance, tieWidth } from './tie-chance.js';

describe('tie chance (hand-computed)', () => {
  it('tieWidth sums π(u)π(u′)min(u, u′) over levels no rounder than ℓ', () => {
    const r = { units: [1, 1000], share: [0.5, 0.5] };
    expect(tieWidth(r, 1)).toBeCloseTo(0.25 * 1, 12);
    // 0.25·1 + 2·0.25·1 + 0.25·1000 = 250.75
    expect(tieWidth(r, 1000)).toBeCloseTo(250.75, 12);
  });

  it('poissonTail: P(X ≥ 1) = 1 − e^−λ; P(X ≥ 0) = 1', () => {
    expect(poissonTail(0.5, 1)).toBeCloseTo(1 - Math.exp(-0.5), 12);
    expect(poissonTail(0.5, 2)).toBeCloseTo(1 - Math.exp(-0.5) * 1.5, 12);
    expect(poissonTail(2, 0)).toBe(1);
  });

  it('fen prices 5 % apart on 10 M: one pair among 5 bidders ties with chance ≈ 10 · 0.01 / (2√π · 500,000)', () => {
    const c = tieChance({ roundness: { units: [0.01], share: [1] }, level: 0.01, scale: 1, bidders: 5, groupSize: 2, sigma: 500_000 });
    const q = 0.01 / (2 * Math.sqrt(Math.PI) * 500_000);
    expect(c.perPair).toBeCloseTo(q, 18);
    expect(c.chance).toBeCloseTo(1 - Math.exp(-10 * q), 18);
  });
});
