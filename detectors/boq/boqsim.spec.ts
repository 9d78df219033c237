import { viewOf } from '../dataset-view.js';
import type { DetectorOutput } from '../detector.js';
import { bid, dataset, tender } from '../rings/fixtures.js';
import { resolveSettings } from '../settings.js';
import type { BoqLineRow, Dataset, Flag } from '../types.js';
import { compareTender, groupByTender } from './boq-pairs.js';
import { boqsimDetector, boqsimSettingsSchema, poissonTail } from './boqsim.js';

function run(d: Dataset, raw: unknown = {}): DetectorOutput {
  const { settings } = resolveSettings('BOQSIM', boqsimSettingsSchema, raw);
  return boqsimDetector.run(viewOf(d), settings, { asOf: '2026-01-01', previous: new Map() });
}

const line = (bidderUscc: string, lineNo: number, itemCode: string, quantity: number, unitPrice: number, amount = Math.round(quantity * unitPrice * 100) / 100): BoqLineRow => ({
  tenderCode: 'T',
  bidderUscc,
  lineNo,
  itemCode,
  itemName: null,
  unit: null,
  quantity,
  unitPrice,
  amount,
});

/**
 * Five bidders. List items (held by > 2.5 of 5): I1–I5. I2 is priced 20 by all: fixed. I3: A and B quantity 7,
 * the majority 6. I4: A and B both write 合价 41 for 1 × 40 (a slip). I5: A and B both lack it. I6: only A and B.
 * A and B put I3 before I2 (everyone else: I1 I2 I3 I4 I5).
 */
const lines: BoqLineRow[] = [
  ...['A', 'B'].flatMap((f) => [line(f, 1, 'I1', 5, 10), line(f, 2, 'I3', 7, 30), line(f, 3, 'I2', 2, 20), line(f, 4, 'I4', 1, 40, 41), line(f, 5, 'I6', 1, f === 'A' ? 60 : 61)]),
  ...[['C', 11, 31, 41, 50], ['D', 12, 32, 42, 51], ['E', 13, 33, 43, 52]].flatMap(([f, p1, p3, p4, p5]) => [
    line(f as string, 1, 'I1', 5, p1 as number),
    line(f as string, 2, 'I2', 2, 20),
    line(f as string, 3, 'I3', 6, p3 as number),
    line(f as string, 4, 'I4', 1, p4 as number),
    line(f as string, 5, 'I5', 1, p5 as number),
  ]),
];
const d: Dataset = { ...dataset([tender('T'), tender('U')], [...['A', 'B', 'C', 'D', 'E'].map((f, i) => bid('T', f, 100 + i)), bid('U', 'A', 1), bid('U', 'B', 2)]), boqLines: lines };

describe('compareTender: counts per pair', () => {
  const { codes, start, order } = groupByTender(lines);
  const { pairs, summary } = compareTender(lines, order, start[0] as number, start[1] as number, 20);

  it('groups lines by tender without copying', () => {
    expect(codes).toEqual(['T']);
    expect([...start]).toEqual([0, 25]);
  });

  it('A–B: 5 common, 4 compared (I2 fixed), 3 identical = 75 %; errors 1 + 1 + 1 + 1 + 3 = 7', () => {
    expect(summary).toEqual({ bidders: 5, items: 6, listItems: 5, fixedItems: 1, lines: 25 });
    const ab = pairs.find((p) => p.pair.join() === 'A,B')!;
    expect(ab).toMatchObject({ common: 5, compared: 4, identical: 3, share: 0.75, errorTotal: 7 });
    expect(ab.errors).toEqual({ quantity: 1, arithmetic: 1, missing: 1, extra: 1, order: 3 });
    expect(ab.samples).toEqual({ identicalPrice: ['I1', 'I3', 'I4'], quantity: ['I3'], arithmetic: ['I4'], missing: ['I5'], extra: ['I6'], order: ['I1', 'I2', 'I3'] });
  });

  it('every other pair: nothing identical, no shared error', () => {
    const others = pairs.filter((p) => p.pair.join() !== 'A,B');
    expect(others).toHaveLength(9);
    for (const p of others) expect([p.identical, p.errorTotal]).toEqual([0, 0]);
    expect(pairs.find((p) => p.pair.join() === 'C,D')).toMatchObject({ common: 5, compared: 4 });
  });
});

describe('BOQSIM', () => {
  it('Poisson tail: P(X ≥ 3 | λ 0.5) = 1 − e^−0.5 (1 + 0.5 + 0.125) = 0.014388', () => {
    expect(poissonTail(3, 0.5)).toBeCloseTo(1 - Math.exp(-0.5) * 1.625, 12);
    expect(poissonTail(3, 0.5)).toBeCloseTo(0.014388, 6);
    expect(poissonTail(0, 2)).toBe(1);
    expect(poissonTail(2, 0)).toBe(0);
    expect(poissonTail(1, 1e-9)).toBeCloseTo(1e-9, 15);
  });

  it('market thresholds: fences Q3 + 3·IQR = 0 (9 of 10 pairs at 0); unrelated rates 0 → chance 0 < 0.01/10 → A–B on both, high', () => {
    const out = run(d, { minCommonItems: 1, minMarketPairs: 5 });
    expect(out.flags).toHaveLength(1);
    const f = out.flags[0] as Flag;
    expect(f).toMatchObject({ detector: 'BOQSIM', subjectType: 'tender', subjectId: 'T', bidderUscc: 'A', score: 0.8, severity: 'high' });
    const th = f.evidence.thresholds as Record<string, number | string>;
    expect(th).toMatchObject({ share: 0, errors: 0, source: 'market', marketPairs: 10, shareQ1: 0, shareQ3: 0, priceRate: 0, errorRate: 0, alphaPerPair: 0.001 });
    expect([f.evidence.priceChance, f.evidence.errorChance]).toEqual([0, 0]);
    expect(f.evidence).toMatchObject({ signals: ['price', 'errors'], identicalPrices: 3, comparedItems: 4, identicalShare: 0.75, errorTotal: 7, article: '40(4)' });
    expect(f.explanation).toContain('综合单价完全相同 3 项，占 75.00%（阈值 0.00%，全市场 10 对投标人两两比对的 Q3 + 3·IQR；按市场无关投标人对的单价相同率 0.00% 计，偶然出现的概率 0（须 < 0.0010 = 0.01/10）');
    expect(f.explanation).toContain('相同错误共 7 处：工程量同错（与多数投标人的工程量不同而彼此相同） 1 处、合价计算错误相同 1 处、共同漏项 1 处、共同多项 1 处、相同的非常规排序 3 处');
    expect(f.explanation).toContain('第四十条第（四）项');
    // T has lines; U has two bidders but no lines: excluded
    expect(out.coverage).toEqual({ applied: 1, flagged: 1, notApplicable: 0, excluded: 1 });
    expect(out.tenderFacts?.get('T')).toMatchObject({ bidders: 5, listItems: 5, fixedItems: 1 });
  });

  it('too few market pairs: the 80 % rule for prices (75 % is below), minSharedErrors for errors → medium', () => {
    const f = run(d, { minCommonItems: 1, minMarketPairs: 30 }).flags;
    expect(f.map((x) => [x.evidence.signals, x.score, x.severity, (x.evidence.thresholds as { source: string }).source])).toEqual([[['errors'], 0.6, 'medium', 'rule']]);
  });

  it('ruleShare flags whatever the market; minCommonItems guards small lists', () => {
    const f = run(d, { minCommonItems: 1, minMarketPairs: 30, ruleShare: 0.75 }).flags[0] as Flag;
    expect([f.score, f.severity]).toEqual([0.95, 'high']);
    expect(run(d).flags).toEqual([]); // default minCommonItems 20 > 4 compared items
  });

  it('a second tie: C–D share 1 of 4 lifts Q3 but is itself outside the fence, so the unrelated rate stays 0', () => {
    const tie = lines.map((l) => (l.bidderUscc === 'D' && l.itemCode === 'I1' ? { ...l, unitPrice: 11, amount: 55 } : l));
    const out = run({ ...d, boqLines: tie }, { minCommonItems: 1, minMarketPairs: 5 });
    const f = out.flags.find((x) => (x.evidence.pair as string[]).join() === 'A,B') as Flag;
    const th = f.evidence.thresholds as Record<string, number>;
    // type-8 Q3 of [0 ×8, 0.25, 0.75]: h = (10 + 1/3)·0.75 + 1/3 = 8.0833 → x₈ + 0.0833·(x₉ − x₈) = 0.25 / 12
    expect(th.shareQ3).toBeCloseTo(0.25 / 12, 12);
    expect(th.share).toBeCloseTo(0.25 / 3, 12); // Q3 + 3·(Q3 − Q1), Q1 = 0
    expect(th.priceRate).toBe(0); // C–D (0.25 > fence) is not an unrelated pair; the other 8 share nothing
    expect(out.flags.map((x) => (x.evidence.pair as string[]).join())).toEqual(['A,B']); // C–D: 1 identical < minIdenticalLines 3
  });

  it('does not depend on row order', () => {
    const rev: Dataset = { ...d, boqLines: [...lines].reverse() };
    expect(JSON.stringify(run(rev, { minCommonItems: 1, minMarketPairs: 5 }).flags)).toBe(JSON.stringify(run(d, { minCommonItems: 1, minMarketPairs: 5 }).flags));
  });

  it('not applicable without BOQ lines', () => {
    expect(run(dataset([tender('T')], [bid('T', 'A', 1), bid('T', 'B', 2)])).coverage).toEqual({ applied: 0, flagged: 0, notApplicable: 1, excluded: 0 });
  });
});
