import { median, roundHalfEven, theilSen } from './theil-sen.js';

describe('Theil–Sen (hand-computed)', () => {
  it('[(1,1),(2,3),(3,2),(4,5)]: slopes 2, ½, 4/3, −1, 1, 3 → median (1 + 4/3)/2 = 7/6; intercept median(y − 7/6·x) = 1/12', () => {
    const ts = theilSen([
      { x: 1, y: 1 },
      { x: 2, y: 3 },
      { x: 3, y: 2 },
      { x: 4, y: 5 },
    ]);
    expect(ts.slope).toBeCloseTo(7 / 6, 12);
    // y − 7/6·x = −1/6, 2/3, −3/2, 1/3 → median (−1/6 + 1/3)/2 = 1/12
    expect(ts.intercept).toBeCloseTo(1 / 12, 12);
    // N' = 6, C = 1.96·√(4·3·13/18) = 5.77 → lower rank round(0.115) = 0: too few points for an interval
    expect(ts.low).toBeNull();
    expect(ts.high).toBeNull();
  });

  it('is unmoved by one wild year, unlike a least-squares line', () => {
    const pts = [0.08, 0.085, 0.09, 0.095, 0.5, 0.105, 0.11].map((y, i) => ({ x: 2019 + i, y }));
    expect(theilSen(pts).slope).toBeCloseTo(0.005, 12);
  });

  it('gives the 95 % interval for longer series (R trend::sens.slope ranks)', () => {
    // y = x + (1, −1, 1, −1, …)·0.5 over 10 years: slopes are 1 ± 1/dx-ish, interval brackets 1
    const pts = Array.from({ length: 10 }, (_, i) => ({ x: i, y: i + (i % 2 ? -0.5 : 0.5) }));
    const ts = theilSen(pts);
    expect(ts.slope).toBeCloseTo(1, 12);
    expect(ts.low).not.toBeNull();
    expect(ts.low!).toBeLessThanOrEqual(1);
    expect(ts.high!).toBeGreaterThanOrEqual(1);
    // perfectly linear: every slope is 1, so is the interval
    const line = theilSen(Array.from({ length: 8 }, (_, i) => ({ x: 2018 + i, y: 0.05 + 0.004 * i })));
    expect(line.slope).toBeCloseTo(0.004, 12);
    expect(line.low).toBeCloseTo(0.004, 12);
    expect(line.high).toBeCloseTo(0.004, 12);
  });

  it('needs two distinct x', () => {
    expect(theilSen([{ x: 1, y: 2 }]).slope).toBeNull();
    expect(theilSen([{ x: 1, y: 2 }, { x: 1, y: 3 }]).slope).toBeNull();
    expect(theilSen([{ x: 1, y: 2 }, { x: 3, y: 3 }]).slope).toBe(0.5);
  });

  it('helpers', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(roundHalfEven(0.5)).toBe(0);
    expect(roundHalfEven(1.5)).toBe(2);
    expect(roundHalfEven(2.5)).toBe(2);
    expect(roundHalfEven(2.51)).toBe(3);
  });
});
