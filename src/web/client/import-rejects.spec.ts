import { cascadeOf, groupRejects, importOutcome, type RejectRow } from './import-rejects.js';

const cascade = (line: number, tender: string, causes: string): RejectRow => ({
  line, column: null, message: `同一标段（${tender}）第 ${causes} 行有错误，为保证标段完整，本行一并未导入 (a tender's rows land together or not at all)`,
});

describe('groupRejects', () => {
  it('puts the rows a bad row took out under that row, its error first', () => {
    const rows: RejectRow[] = [
      cascade(2, 'T-1', '5'), cascade(3, 'T-1', '5'), cascade(4, 'T-1', '5'),
      { line: 5, column: 'bid_price', message: '投标报价应为数字' },
      { line: 9, column: 'open_date', message: '日期无效' },
    ];
    expect(groupRejects(rows)).toEqual([
      { causeLines: [5], causes: [rows[3]], cascaded: rows.slice(0, 3), tender: 'T-1' },
      { causeLines: [9], causes: [rows[4]], cascaded: [], tender: null },
    ]);
  });

  it('keeps a tender with several bad rows as one group, and a cascade whose cause is beyond the list on its own', () => {
    const rows: RejectRow[] = [
      { line: 5, column: 'bid_price', message: '投标报价应为数字' },
      cascade(6, 'T-1', '5, 7'),
      { line: 7, column: 'bidder_uscc', message: '统一社会信用代码无效' },
      cascade(120, 'T-9', '130'),
    ];
    const groups = groupRejects(rows);
    expect(groups.map((g) => [g.causeLines, g.causes.map((c) => c.line), g.cascaded.map((c) => c.line)])).toEqual([
      [[5, 7], [5, 7], [6]],
      [[130], [], [120]],
    ]);
  });

  it('reads the cause lines, with the 等 of a long list', () => {
    expect(cascadeOf(cascade(1, 'E-1', '2, 3, 4, 5, 6 等').message)).toEqual({ tender: 'E-1', lines: [2, 3, 4, 5, 6], more: true });
    expect(cascadeOf('投标报价应为数字')).toBeNull();
  });
});

describe('importOutcome', () => {
  it('tells a partial import from a complete one and from one that imported nothing', () => {
    expect(importOutcome({ status: 'succeeded', accepted: 9, rejected: 9 })).toBe('partial');
    expect(importOutcome({ status: 'succeeded', accepted: 0, unchanged: 4, rejected: 1 })).toBe('partial');
    expect(importOutcome({ status: 'succeeded', accepted: 18, rejected: 0 })).toBe('complete');
    expect(importOutcome({ status: 'succeeded', accepted: 0, unchanged: 0, rejected: 18 })).toBe('none');
    expect(importOutcome({ status: 'failed' })).toBe('failed');
    expect(importOutcome({ status: 'running' })).toBe('running');
  });
});
