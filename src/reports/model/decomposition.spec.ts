import { crossCells, decompose } from './decomposition.js';

const rec = (y: number, levels: Record<string, string>) => ({ y, levels });

describe('OLS / Shapley decomposition of R² (hand-computed)', () => {
  it('one factor: y = 0.1, 0.2 | 0.3, 0.4 → SST 0.05, between 0.04, R² = 0.8; effect of A2 = +0.2', () => {
    const data = [rec(0.1, { A: 'A1' }), rec(0.2, { A: 'A1' }), rec(0.3, { A: 'A2' }), rec(0.4, { A: 'A2' })];
    const d = decompose(['A'], crossCells(['A'], data))!;
    expect(d.n).toBe(4);
    expect(d.mean).toBeCloseTo(0.25, 12);
    expect(d.sst).toBeCloseTo(0.05, 12);
    expect(d.r2).toBeCloseTo(0.8, 12);
    expect(d.factors[0]).toMatchObject({ name: 'A', reference: 'A1', levels: 2 });
    expect(d.factors[0]!.shapley).toBeCloseTo(0.8, 12);
    expect(d.factors[0]!.alone).toBeCloseTo(0.8, 12);
    expect(d.factors[0]!.effects.find((e) => e.level === 'A2')!.effect).toBeCloseTo(0.2, 12);
    // adj R² = 1 − (1 − 0.8)·3/2 = 0.7
    expect(d.adjR2).toBeCloseTo(0.7, 12);
  });

  it('balanced 2×2, additive: shares are the factors’ own η² (0.01/0.0116 and 0.0016/0.0116)', () => {
    const data = [
      rec(0.1, { A: 'A1', B: 'B1' }),
      rec(0.14, { A: 'A1', B: 'B2' }),
      rec(0.2, { A: 'A2', B: 'B1' }),
      rec(0.24, { A: 'A2', B: 'B2' }),
    ];
    const d = decompose(['A', 'B'], crossCells(['A', 'B'], data))!;
    expect(d.r2).toBeCloseTo(1, 12);
    const [a, b] = d.factors as [typeof d.factors[0], typeof d.factors[0]];
    expect(a.shapley).toBeCloseTo(0.01 / 0.0116, 10); // 0.8621
    expect(b.shapley).toBeCloseTo(0.0016 / 0.0116, 10); // 0.1379
    expect(a.effects.find((e) => e.level === 'A2')!.effect).toBeCloseTo(0.1, 12);
    expect(b.effects.find((e) => e.level === 'B2')!.effect).toBeCloseTo(0.04, 12);
  });

  it('correlated factors: overlap is split in half — (a,x)=1, (a,y)=2, (b,y)=4', () => {
    // SST = 42/9; R²(A) = 25/28; R²(B) = 4/7; R²(A,B) = 1 (3 parameters, 3 points)
    // φ_A = ½·25/28 + ½·(1 − 4/7) = 37/56; φ_B = ½·4/7 + ½·(1 − 25/28) = 19/56
    const data = [rec(1, { A: 'a', B: 'x' }), rec(2, { A: 'a', B: 'y' }), rec(4, { A: 'b', B: 'y' })];
    const d = decompose(['A', 'B'], crossCells(['A', 'B'], data))!;
    expect(d.sst).toBeCloseTo(42 / 9, 12);
    expect(d.r2).toBeCloseTo(1, 12);
    const [a, b] = d.factors as [typeof d.factors[0], typeof d.factors[0]];
    expect(a.alone).toBeCloseTo(25 / 28, 12);
    expect(b.alone).toBeCloseTo(4 / 7, 12);
    expect(a.shapley).toBeCloseTo(37 / 56, 12);
    expect(b.shapley).toBeCloseTo(19 / 56, 12);
    expect(a.unique).toBeCloseTo(1 - 4 / 7, 12);
    // references: the most frequent level (a, y); μ = 2, A=b → +2, B=x → −1
    expect(a.reference).toBe('a');
    expect(b.reference).toBe('y');
    expect(a.effects.find((e) => e.level === 'b')!.effect).toBeCloseTo(2, 12);
    expect(b.effects.find((e) => e.level === 'x')!.effect).toBeCloseTo(-1, 12);
    expect(d.adjR2).toBeNull(); // n = p
  });

  it('a duplicated factor is aliased: it shares the credit, adds nothing unique and gets no coefficient', () => {
    const data = [0.1, 0.12, 0.2, 0.25, 0.3, 0.28].map((y, i) => rec(y, { A: `a${i % 3}`, C: `c${i % 3}` }));
    const d = decompose(['A', 'C'], crossCells(['A', 'C'], data))!;
    const alone = decompose(['A'], crossCells(['A'], data))!;
    expect(d.r2).toBeCloseTo(alone.r2, 12);
    expect(d.factors[0]!.shapley).toBeCloseTo(alone.r2 / 2, 12);
    expect(d.factors[1]!.shapley).toBeCloseTo(alone.r2 / 2, 12);
    expect(d.factors[0]!.unique).toBeCloseTo(0, 12);
    expect(d.factors[1]!.effects.filter((e) => e.level !== d.factors[1]!.reference).every((e) => e.effect === null)).toBe(true);
  });

  it('three factors: Shapley shares always add up to the full R²', () => {
    const data = Array.from({ length: 60 }, (_, i) =>
      rec(0.05 + 0.01 * (i % 4) + 0.02 * ((i * 7) % 3) + 0.003 * ((i * 13) % 11), { Y: `y${i % 4}`, M: `m${(i * 7) % 3}`, D: `d${(i * 5) % 6 < 3 ? 0 : 1}` }),
    );
    const d = decompose(['Y', 'M', 'D'], crossCells(['Y', 'M', 'D'], data))!;
    const sum = d.factors.reduce((s, f) => s + f.shapley, 0);
    expect(sum).toBeCloseTo(d.r2, 12);
    for (const f of d.factors) {
      expect(f.shapley).toBeGreaterThanOrEqual(-1e-12);
      expect(f.unique).toBeLessThanOrEqual(f.alone + 1e-9 + (d.r2 - f.alone)); // trivially bounded by R²
    }
  });

  it('nothing to explain gives null', () => {
    expect(decompose(['A'], crossCells(['A'], [rec(0.1, { A: 'x' }), rec(0.1, { A: 'y' })]))).toBeNull();
    expect(decompose(['A'], [])).toBeNull();
  });
});
