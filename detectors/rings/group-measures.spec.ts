import { viewOf } from '../dataset-view.js';
import { buildCoBidGraph, coBids, winsAgainst } from './cobid-graph.js';
import { fromMeetings } from './fixtures.js';
import { cohesion, encounters, exclusivity, groupRotation, rotationRatio, tendersTogether } from './group-measures.js';

/*
 * The 3-firm toy graph (winner starred):
 *   T1: *A B      T2: A *B      T3: *A B C      T4: A *C      T5: *B (alone)
 * |T_A| = 4, |T_B| = 4, |T_C| = 2;  w_AB = 3 (T1–T3), w_AC = 2 (T3, T4), w_BC = 1 (T3)
 * s_A = 3 + 2 = 5, s_B = 3 + 1 = 4, s_C = 2 + 1 = 3
 * W_AB = 2 (T1, T3), W_BA = 1 (T2);  W_AC = 1 (T3), W_CA = 1 (T4)
 */
const view = viewOf(fromMeetings([['*A', 'B'], ['A', '*B'], ['*A', 'B', 'C'], ['A', '*C'], ['*B']]));
const g = buildCoBidGraph(view, () => 50);
const [A, B, C] = ['A', 'B', 'C'].map((f) => g.index.get(f) as number) as [number, number, number];

describe('co-bid graph counts', () => {
  it('w, |T|, strength and wins', () => {
    expect([coBids(g, A, B), coBids(g, A, C), coBids(g, B, C)]).toEqual([3, 2, 1]);
    expect([...g.tenders]).toEqual([4, 4, 2]);
    expect([...g.strength]).toEqual([5, 4, 3]);
    expect([...g.wins]).toEqual([2, 2, 1]);
    expect([winsAgainst(g, A, B), winsAgainst(g, B, A), winsAgainst(g, A, C), winsAgainst(g, C, A)]).toEqual([2, 1, 1, 1]);
  });

  it('tenders above maxBiddersForEdges add presence but no edges', () => {
    const g2 = buildCoBidGraph(view, (t) => (t.code === 'T3' ? 2 : 50));
    expect(coBids(g2, A, B)).toBe(2);
    expect(g2.tenders[A]).toBe(4);
    expect(g2.skippedLarge).toBe(1);
  });
});

describe('group measures (hand-computed on the toy graph)', () => {
  it('cohesion = Σ w / (C(k,2) · mean |T|)', () => {
    expect(cohesion(g, [A, B])).toBeCloseTo(3 / (1 * 4), 12); // 0.75
    expect(cohesion(g, [A, B, C])).toBeCloseTo(6 / (3 * (10 / 3)), 12); // 0.6
    expect(cohesion(g, [A])).toBeNull();
  });

  it('exclusivity = internal strength / total strength', () => {
    expect(exclusivity(g, [A, B])).toBeCloseTo(6 / 9, 12); // 0.667
    expect(exclusivity(g, [A, B, C])).toBeCloseTo(12 / 12, 12); // 1
  });

  it('rotation ratio = min / max', () => {
    expect(rotationRatio(2, 1)).toBe(0.5);
    expect(rotationRatio(1, 1)).toBe(1);
    expect(rotationRatio(0, 4)).toBe(0);
    expect(rotationRatio(0, 0)).toBeNull();
  });

  it('encounters and group rotation of {A, B, C}', () => {
    const e = encounters(view, ['A', 'B', 'C']);
    expect(e.tenders).toEqual(['T1', 'T2', 'T3', 'T4']);
    expect(e.winsBy).toEqual([2, 1, 1]);
    expect(e.wonInside).toBe(4);
    expect(groupRotation(e, 4)).toBe(0.5); // min 1 / max 2
    expect(groupRotation(e, 5)).toBeNull(); // fewer than 5 wins inside
    expect(tendersTogether(view, ['A', 'B', 'C'])).toBe(4);
    expect(tendersTogether(view, ['B', 'C'])).toBe(1);
  });
});
