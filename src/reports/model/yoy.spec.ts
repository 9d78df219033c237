import { yoy } from './yoy.js';

describe('year-on-year change', () => {
  it('differences in points and relative change, only between consecutive years', () => {
    const r = yoy([
      { year: 2020, value: 0.12 },
      { year: 2019, value: 0.1 },
      { year: 2022, value: 0.15 },
      { year: 2023, value: null },
      { year: 2024, value: 0.2 },
    ]);
    expect(r.map((x) => x.year)).toEqual([2019, 2020, 2022, 2023, 2024]);
    expect(r[0]).toEqual({ year: 2019, value: 0.1, diff: null, rel: null });
    expect(r[1]!.diff).toBeCloseTo(0.02, 12); // +2 个百分点
    expect(r[1]!.rel).toBeCloseTo(0.2, 12); // +20 %
    expect(r[2]!.diff).toBeNull(); // 2021 missing
    expect(r[3]!.diff).toBeNull();
    expect(r[4]!.diff).toBeNull(); // 2023 has no value
  });

  it('no relative change from zero', () => {
    const r = yoy([
      { year: 2019, value: 0 },
      { year: 2020, value: 5 },
    ]);
    expect(r[1]).toEqual({ year: 2020, value: 5, diff: 5, rel: null });
  });
});
