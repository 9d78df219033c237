import { splitGlosses } from './i18n.js';

describe('splitGlosses', () => {
  it('takes the English gloss out of a Chinese sentence', () => {
    expect(splitGlosses('异常低价复核线索，不是结论 (a reason to review, not a verdict)')).toEqual([['异常低价复核线索，不是结论', false], ['a reason to review, not a verdict', true]]);
    expect(splitGlosses('分派至玉山镇检查组（立案时 1 名检查员可见）(routed by district)；其后')).toEqual([
      ['分派至玉山镇检查组（立案时 1 名检查员可见）', false], ['routed by district', true], ['；其后', false],
    ]);
  });

  it('takes a gloss with brackets inside it (an article item) as one', () => {
    expect(splitGlosses('需调取双方清单逐项核对 (BOQ: 100/113 identical = 88.50%; Art. 40(4); a reason to review)')).toEqual([
      ['需调取双方清单逐项核对', false], ['BOQ: 100/113 identical = 88.50%; Art. 40(4); a reason to review', true],
    ]);
  });

  it('leaves formulas, codes, file names, numbers and Chinese brackets alone', () => {
    for (const text of ['上围栏 17.01%（Q3 14.39% + 1.5 × IQR 1.75%）', '请求失败（HTTP 500）', '参考（T4）', '依据 cardinal-rs (R018)', '读取失败（bids.csv）', '报价 (4,510,000.00 元)']) {
      expect(splitGlosses(text)).toEqual([[text, false]]);
    }
  });

  it('shows an English-only text as it is', () => {
    expect(splitGlosses('(no such import)')).toEqual([['(no such import)', false]]);
  });
});
