import { addDays, dayNumber, excessScore, nextMonth, pct, shortHash, signedPct, yuan } from './format.js';

describe('format helpers', () => {
  it('formats money and shares without a locale', () => {
    expect(yuan(12_345_678.9)).toBe('12,345,678.90 元');
    expect(yuan(-1_500)).toBe('-1,500.00 元');
    expect(yuan(999)).toBe('999.00 元');
    expect(pct(0.1234)).toBe('12.3%');
    expect(signedPct(0.03, 2)).toBe('+3.00%');
    expect(signedPct(-0.0684, 2)).toBe('-6.84%');
  });

  it('does date arithmetic in UTC days', () => {
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('2024-02-30x')).toBeNull();
    expect(dayNumber(null)).toBeNull();
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29'); // leap year
    expect(addDays('2024-05-01', 29)).toBe('2024-05-30');
    expect(nextMonth('2024-12')).toBe('2025-01');
    expect(nextMonth('2024-09')).toBe('2024-10');
  });

  it('shortens hashes to 8 characters and shapes scores into [0, 1]', () => {
    expect(shortHash('0123456789abcdef')).toBe('01234567…');
    expect(excessScore(0.15, 0.1, 0.4)).toBeCloseTo(0.7, 12);
    expect(excessScore(0.5, 0.1, 0.4)).toBe(1);
    expect(excessScore(0.1, 0.1, 0.4)).toBeCloseTo(0.4, 12);
  });
});
