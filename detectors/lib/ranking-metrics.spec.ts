import { prAuc, rocAuc } from './ranking-metrics.js';

describe('rocAuc (hand-computed)', () => {
  it('perfect, inverted and random orderings', () => {
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], [false, false, true, true])).toBe(1);
    expect(rocAuc([0.9, 0.8, 0.2, 0.1], [false, false, true, true])).toBe(0);
    expect(rocAuc([0.5, 0.5, 0.5, 0.5], [false, true, false, true])).toBe(0.5);
  });

  it('counts ties as one half', () => {
    // positives 0.8, 0.5; negatives 0.5, 0.1 → pairs: (0.8>0.5)=1, (0.8>0.1)=1, (0.5=0.5)=½, (0.5>0.1)=1 → 3.5/4
    expect(rocAuc([0.8, 0.5, 0.5, 0.1], [true, true, false, false])).toBe(0.875);
  });

  it('ranks null below every number', () => {
    // positive null vs negatives 0 and 0.3: loses both → positives (0.9: wins 2) → 2/4
    expect(rocAuc([null, 0.9, 0, 0.3], [true, true, false, false])).toBe(0.5);
  });

  it('is null without both classes', () => {
    expect(rocAuc([0.1, 0.2], [true, true])).toBeNull();
  });
});

describe('prAuc (average precision, hand-computed)', () => {
  it('perfect ranking gives 1', () => {
    expect(prAuc([0.9, 0.8, 0.1], [true, true, false])).toBe(1);
  });

  it('sums recall steps times precision', () => {
    // order: 0.9 (+), 0.8 (−), 0.7 (+): AP = ½·1 + ½·(2/3) = 5/6
    expect(prAuc([0.9, 0.8, 0.7], [true, false, true])).toBeCloseTo(5 / 6, 12);
  });

  it('enters tied scores together', () => {
    // all tied: one threshold, recall 1 at precision 2/4
    expect(prAuc([0.5, 0.5, 0.5, 0.5], [true, false, true, false])).toBe(0.5);
  });
});
