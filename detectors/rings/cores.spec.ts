import { viewOf } from '../dataset-view.js';
import { buildCoBidGraph } from './cobid-graph.js';
import { adjacency, allCores, fitnessOf, growCore } from './cores.js';
import { fromMeetings } from './fixtures.js';

const times = (n: number, firms: string[]) => Array.from({ length: n }, () => firms);

describe('fitnessOf', () => {
  it('√(cohesion · exclusivity) from the incremental sums', () => {
    // k = 3, I = 18, ΣT = 20, ΣS = 38: cohesion = 18 / (3 · 20/3) = 0.9, exclusivity = 36/38
    const f = fitnessOf(3, 18, 20, 38);
    expect(f.cohesion).toBeCloseTo(0.9, 12);
    expect(f.exclusivity).toBeCloseTo(36 / 38, 12);
    expect(f.fitness).toBeCloseTo(Math.sqrt(0.9 * (36 / 38)), 12);
    expect(fitnessOf(1, 0, 5, 5).fitness).toBe(0);
  });
});

describe('growCore (hand-computed)', () => {
  /*
   * [A,B,C] × 6, [A,D] × 2, [D,E] × 6.  |T| A 8, B 6, C 6, D 8, E 6;  s: A 14, B 12, C 12, D 8, E 6.
   * From A: {A,B} 0.629 (tie with {A,C}, smaller index) → {A,B,C}: coh 18/20 = 0.9, exc 36/38 → 0.923;
   *         adding D gives 0.644 → stop. From D: {D,E}: coh 6/7, exc 12/14 → 0.857; adding A gives 0.456 → stop.
   */
  const v = viewOf(fromMeetings([...times(6, ['A', 'B', 'C']), ...times(2, ['A', 'D']), ...times(6, ['D', 'E'])]));
  const g = buildCoBidGraph(v, () => 50);
  const adj = adjacency(g, () => true);
  const one = new Int32Array(g.firms.length).fill(0);
  const ix = (f: string) => g.index.get(f) as number;

  it('grows the triangle from A and stops before D', () => {
    const c = growCore(g, adj, one, ix('A'), 12);
    expect(c?.members.map((i) => g.firms[i])).toEqual(['A', 'B', 'C']);
    expect(c?.fitness).toBeCloseTo(Math.sqrt(0.9 * (36 / 38)), 12);
  });

  it('grows {D, E} from D', () => {
    const c = growCore(g, adj, one, ix('D'), 12);
    expect(c?.members.map((i) => g.firms[i])).toEqual(['D', 'E']);
    expect(c?.cohesion).toBeCloseTo(6 / 7, 12);
    expect(c?.exclusivity).toBeCloseTo(12 / 14, 12);
  });

  it('stays inside the community and respects maxSize', () => {
    const split = Int32Array.from(g.firms.map((f) => (f === 'C' ? 1 : 0)));
    expect(growCore(g, adj, split, ix('A'), 12)?.members.map((i) => g.firms[i])).toEqual(['A', 'B']);
    expect(growCore(g, adj, one, ix('A'), 2)?.members.map((i) => g.firms[i])).toEqual(['A', 'B']);
    expect(growCore(g, adj, Int32Array.from(g.firms.map(() => -1)), ix('A'), 12)).toBeNull();
  });

  it('allCores de-duplicates: B and C grow the same triangle', () => {
    expect(allCores(g, adj, one, 12).map((c) => c.members.map((i) => g.firms[i]).join(''))).toEqual(['ABC', 'DE']);
  });
});

describe('pruning drops a seed on the edge of a ring', () => {
  /*
   * [A,B,C] × 6, [P,A,B,C] × 1, [P] × 3.  From P: {P,A} 0.142 → {P,A,B} 0.522 → {P,A,B,C}: I 24, ΣT 25, ΣS 48 →
   * coh 0.64, exc 1 → 0.8. Pruning P: {A,B,C}: I 21, ΣT 21, ΣS 45 → coh 1, exc 42/45 → √(14/15) = 0.966 > 0.8.
   */
  const v = viewOf(fromMeetings([...times(6, ['A', 'B', 'C']), ['P', 'A', 'B', 'C'], ['P'], ['P'], ['P']]));
  const g = buildCoBidGraph(v, () => 50);
  it('P ends outside the core it grew', () => {
    const c = growCore(g, adjacency(g, () => true), new Int32Array(g.firms.length), g.index.get('P') as number, 12);
    expect(c?.members.map((i) => g.firms[i])).toEqual(['A', 'B', 'C']);
    expect(c?.fitness).toBeCloseTo(Math.sqrt(14 / 15), 12);
  });
});
