import { bidderBin, BIDDER_BINS, DIMENSION_DEFS, priceBand } from './dimensions.js';
import { pct, pp, pvalEq, r8, shanghaiDisplay, shanghaiIso } from './text.js';

describe('report dimensions', () => {
  it('bins the number of valid bidders 0 · 1 · 2 · 3 · 4–5 · 6–9 · 10+', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 9, 10, 25].map(bidderBin)).toEqual(['0', '1', '2', '3', '4-5', '4-5', '6-9', '6-9', '10+', '10+']);
    expect(BIDDER_BINS).toEqual(['0', '1', '2', '3', '4-5', '6-9', '10+']);
    expect(DIMENSION_DEFS.bidder_count.label('4-5')).toBe('4–5 家');
  });

  it('bands control prices with the lower edge inclusive, as ALB does', () => {
    expect(priceBand(999_999.99)).toBe('lt1m');
    expect(priceBand(1_000_000)).toBe('1m-4m');
    expect(priceBand(4_000_000)).toBe('4m-10m');
    expect(priceBand(10_000_000)).toBe('10m-50m');
    expect(priceBand(49_999_999)).toBe('10m-50m');
    expect(priceBand(50_000_000)).toBe('ge50m');
    expect(priceBand(null)).toBe('unknown');
    expect(DIMENSION_DEFS.price_band.label('ge50m')).toBe('≥5000万元');
  });

  it('labels codes in Chinese', () => {
    expect(DIMENSION_DEFS.category.label('municipal')).toBe('市政基础设施');
    expect(DIMENSION_DEFS.evaluation_method.label('reasonable_low_price')).toBe('合理低价法');
    expect(DIMENSION_DEFS.work_type.label('epc')).toBe('工程总承包');
    expect(DIMENSION_DEFS.district.label('玉山镇')).toBe('玉山镇');
  });
});

describe('report text formatting', () => {
  it('percentages, points, p-values, rounding', () => {
    expect(pct(0.12345)).toBe('12.35%');
    expect(pct(null)).toBe('—');
    expect(pct(-0.00001)).toBe('0.00%');
    expect(pp(0.0035)).toBe('+0.35');
    expect(pp(-0.0035)).toBe('-0.35');
    expect(pp(0.000001)).toBe('0.00');
    expect(pvalEq(0.0004)).toBe('p < 0.001');
    expect(pvalEq(0.0275)).toBe('p = 0.028');
    expect(shanghaiIso(new Date('2026-12-03T17:54:41Z'))).toBe('2026-12-04T01:54:41+08:00');
    expect(shanghaiDisplay('2026-12-03T17:54:41.123Z')).toBe('2026-12-04 01:54（北京时间 UTC+8）');
    expect(shanghaiDisplay('2026-12-04T01:54:41+08:00')).toBe('2026-12-04 01:54（北京时间 UTC+8）');
    expect(r8(0.1 + 0.2)).toBe(0.3);
    expect(r8(-0.000000001)).toBe(0);
    expect(r8(Number.NaN)).toBeNull();
  });
});
