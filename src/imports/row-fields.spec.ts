import { z } from 'zod';
import { canonDecimal, decimal, normaliseAddress, parseShanghaiTime, phone, shanghaiIso } from './row-fields.js';

describe('issue-12 row fields', () => {
  it('reads YYYY-MM-DD HH:MM:SS as 北京时间 (UTC+8), Excel’s YYYY/M/D H:MM too, and refuses impossible times', () => {
    expect(parseShanghaiTime('2024-03-15 09:30:00')).toBe(Date.UTC(2024, 2, 15, 1, 30, 0));
    expect(parseShanghaiTime('2024/3/5 0:05')).toBe(Date.UTC(2024, 2, 4, 16, 5, 0));
    expect(parseShanghaiTime('2024-03-15T23:59:59')).toBe(Date.UTC(2024, 2, 15, 15, 59, 59));
    expect(parseShanghaiTime('2024-02-30 10:00:00')).toBe('format');
    expect(parseShanghaiTime('2024-03-15 24:00:00')).toBe('format');
    expect(parseShanghaiTime('2024-03-15')).toBe('format');
    expect(parseShanghaiTime('1980-01-01 00:00:00')).toBe('range');
    expect(shanghaiIso(Date.UTC(2024, 2, 15, 1, 30, 0))).toBe('2024-03-15T09:30:00+08:00');
  });

  it('keeps decimals exact and canonical, refusing negatives and too many places', () => {
    expect(canonDecimal('001.500')).toBe('1.5');
    expect(canonDecimal('1,234.000')).toBe('1234');
    const q = z.object({ v: decimal({ required: true, scale: 6 }) });
    expect(q.parse({ v: '12.345678' }).v).toBe('12.345678');
    expect(q.safeParse({ v: '1.2345678' }).error?.issues[0]!.message).toContain('最多 6 位小数');
    expect(q.safeParse({ v: '-1' }).error?.issues[0]!.message).toContain('不能为负');
    const pct = z.object({ v: decimal({ required: false, scale: 4, max: 100 }) });
    expect(pct.parse({ v: '100' }).v).toBe('100');
    expect(pct.parse({ v: '' }).v).toBeNull();
    expect(pct.safeParse({ v: '100.01' }).error?.issues[0]!.message).toContain('0 至 100');
  });

  it('normalises addresses (full-width forms, whitespace) and phone numbers (+86, separators)', () => {
    expect(normaliseAddress('昆山市　玉山镇 前进中路１号（Ａ座）')).toBe('昆山市玉山镇前进中路1号(A座)');
    const p = z.object({ v: phone() });
    expect(p.parse({ v: '+86 138-0000-0000' }).v).toBe('13800000000');
    expect(p.parse({ v: '(0512) 5781 2345' }).v).toBe('051257812345');
    expect(p.safeParse({ v: '电话见附件' }).error?.issues[0]!.message).toContain('电话号码格式不正确');
  });
});
