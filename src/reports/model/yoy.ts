/**
 * Year-on-year change of a yearly series. For rates (下浮率, shares) the change is a difference in percentage
 * points (`diff`, as a fraction: 0.004 = +0.4 个百分点); for counts the relative change (`rel`: 0.1 = +10 %).
 * Only consecutive years are compared: after a gap (a year with no value) the change is null.
 */
export interface YearValue {
  year: number;
  value: number | null;
}

export interface YoY {
  year: number;
  value: number | null;
  /** value(y) − value(y − 1), null without both. */
  diff: number | null;
  /** (value(y) − value(y − 1)) / value(y − 1), null without both or when value(y − 1) = 0. */
  rel: number | null;
}

export function yoy(series: readonly YearValue[]): YoY[] {
  const byYear = new Map(series.map((s) => [s.year, s.value]));
  return [...series]
    .sort((a, b) => a.year - b.year)
    .map(({ year, value }) => {
      const prev = byYear.get(year - 1);
      const both = value !== null && prev !== undefined && prev !== null;
      return {
        year,
        value,
        diff: both ? value - prev : null,
        rel: both && prev !== 0 ? (value - prev) / prev : null,
      };
    });
}
