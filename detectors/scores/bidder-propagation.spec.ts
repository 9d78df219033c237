import { viewOf } from '../dataset-view.js';
import { bid, dataset, tender } from '../rings/fixtures.js';
import { midRankPercentiles, propagate } from './bidder-propagation.js';

describe('midRankPercentiles', () => {
  it('ties share their mean rank', () => {
    expect([...midRankPercentiles(Float64Array.from([0, 0, 0.8, 0.8, 0]))]).toEqual([0.4, 0.4, 0.9, 0.9, 0.4]);
  });
});

describe('propagate (hand-computed, α = 0.3, two rounds)', () => {
  // T1: A, B; T2: A, X; T3: X, Y; T4: Z alone. Only T3 has own evidence, 0.8.
  const view = viewOf(
    dataset(
      ['T1', 'T2', 'T3', 'T4'].map((c) => tender(c)),
      [bid('T1', 'A', 1), bid('T1', 'B', 2), bid('T2', 'A', 1), bid('T2', 'X', 2), bid('T3', 'X', 1), bid('T3', 'Y', 2), bid('T4', 'Z', 1)],
    ),
  );
  const p = propagate(view, new Map([['T3', 0.8]]), { alpha: 0.3, rounds: 2 });

  it('round 1: x = (0, 0, 0.8, 0.8, 0) → f = (0, 0, 0.9, 0.9, 0); c = (0, 0.45, 0.9, 0) → (0, 0.75, 1, 0); s = (0, 0.525, 0.94, 0)', () => {
    const one = propagate(view, new Map([['T3', 0.8]]), { alpha: 0.3, rounds: 1 });
    expect([...one.tender.values()].map((v) => +v.toFixed(12))).toEqual([0, 0.525, 0.94, 0]);
    expect(one.firm.get('X')).toBeCloseTo(0.9, 12);
    expect(one.firm.get('A')).toBe(0);
  });

  it('round 2: x = (0.525, 0, 1.465, 0.94, 0) → f = (0.6, 0, 1, 0.8, 0); c = (0.3, 0.8, 0.9, 0) → (0.5, 0.75, 1, 0)', () => {
    expect(p.exposure.get('X')).toBeCloseTo(1.465, 12);
    expect([...p.firm.values()].map((v) => +v.toFixed(12))).toEqual([0.6, 0, 1, 0.8, 0]);
    expect([...p.composition.values()]).toEqual([0.5, 0.75, 1, 0]);
    expect([...p.tender.values()].map((v) => +v.toFixed(12))).toEqual([0.35, 0.525, 0.94, 0]);
  });

  it('with one bid per firm (no firm ids) the tender order is the own evidence order', () => {
    const solo = viewOf(dataset(['S1', 'S2', 'S3'].map((c) => tender(c)), [bid('S1', 'P', 1), bid('S2', 'Q', 1), bid('S3', 'R', 1)]));
    const q = propagate(solo, new Map([['S1', 0.2], ['S2', 0.9], ['S3', 0.5]]), { alpha: 0.3, rounds: 2 });
    const order = [...q.tender].sort((a, b) => a[1] - b[1]).map(([c]) => c);
    expect(order).toEqual(['S1', 'S3', 'S2']);
  });

  it('no evidence anywhere → every exposure and blend is 0', () => {
    const z = propagate(view, new Map(), { alpha: 0.3, rounds: 2 });
    expect([...z.firm.values()].every((v) => v === 0)).toBe(true);
    expect([...z.tender.values()].every((v) => v === 0)).toBe(true);
  });
});
