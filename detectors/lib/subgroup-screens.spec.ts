import { computeSubgroupScreens } from './subgroup-screens.js';
import { mean, sampleSd } from './stats.js';
import { mulberry32 } from '../rings/prng.js';

function subsets(xs: number[], k: number): number[][] {
  if (k === 0) return [[]];
  if (xs.length < k) return [];
  const [h, ...t] = xs as [number, ...number[]];
  return [...subsets(t, k - 1).map((s) => [h, ...s]), ...subsets(t, k)];
}

describe('computeSubgroupScreens', () => {
  it('finds the tightest band of bids inside an ordinary-looking tender (hand-computed)', () => {
    // Windows of three: [110,111,112] has s = 1, x̄ = 111 → CV = 1/111 = 0.009009; spread 2/110 = 0.018182.
    // Whole tender: CV 0.0903 — nothing unusual on its own.
    const r = computeSubgroupScreens([100, 103, 110, 111, 112, 130]);
    expect(r.subcv).toBeCloseTo(1 / 111, 12);
    expect(r.subspd).toBeCloseTo(2 / 110, 12);
    expect(r.cluster).toEqual({ start: 2, size: 3 });
  });

  it('needs four bids and uses proper subgroups only', () => {
    expect(computeSubgroupScreens([100, 101, 102])).toEqual({ subcv: null, subspd: null, cluster: null });
    // n = 4: only the 3-bid windows [100,101,150] and [101,150,151]; not the whole tender.
    const r = computeSubgroupScreens([100, 101, 150, 151]);
    expect(r.cluster?.size).toBe(3);
    expect(r.subspd).toBeCloseTo(50 / 101, 12);
  });

  it('prefers four equal bids to three', () => {
    expect(computeSubgroupScreens([90, 100, 100, 100, 100, 120])).toMatchObject({ subcv: 0, subspd: 0, cluster: { start: 1, size: 4 } });
  });

  it('equals the minimum over every 3- and 4-subset for the spread, and is within 1 % of it for CV (random tenders)', () => {
    const rnd = mulberry32(20261125);
    for (let t = 0; t < 200; t++) {
      const n = 4 + Math.floor(rnd() * 7);
      const xs = Array.from({ length: n }, () => 80 + rnd() * 40).sort((a, b) => a - b);
      const all = [...subsets(xs, 3), ...(n > 4 ? subsets(xs, 4) : [])];
      const minSpd = Math.min(...all.map((s) => (s[s.length - 1]! - s[0]!) / s[0]!));
      const minCv = Math.min(...all.map((s) => (sampleSd(s) as number) / mean(s)));
      const r = computeSubgroupScreens(xs);
      expect(r.subspd).toBeCloseTo(minSpd, 12);
      expect(r.subcv!).toBeGreaterThanOrEqual(minCv - 1e-12);
      expect(r.subcv!).toBeLessThanOrEqual(minCv * 1.01);
    }
  });
});
