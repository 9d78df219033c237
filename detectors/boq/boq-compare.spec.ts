import type { BoqLineRow } from '../types.js';
import { boqSideBySide } from './boq-compare.js';

const line = (bidderUscc: string, lineNo: number, itemCode: string, quantity: number, unitPrice: number, amount = Math.round(quantity * unitPrice * 100) / 100): BoqLineRow => ({
  tenderCode: 'T', bidderUscc, lineNo, itemCode, itemName: `项目${itemCode}`, unit: 'm3', quantity, unitPrice, amount,
});

/**
 * The fixture of boqsim.spec.ts: five bidders; I2 is fixed (20 by all); A and B share the quantity 7 on I3 (the
 * majority 6), the slip 41 on I4 (1 × 40), the missing I5, the extra I6 and the order I1 I3 I2.
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

describe('boqSideBySide: the lines BOQSIM counted, marked', () => {
  it('A–B: one row per item in A’s order, then the item both miss; the marks are the pair’s counts', () => {
    const v = boqSideBySide(lines, 'A', 'B')!;
    expect(v.pair).toEqual(['A', 'B']);
    expect(v.counts).toMatchObject({ common: 5, compared: 4, identical: 3, share: 0.75, errorTotal: 7 });
    expect(v.rows.map((r) => [r.itemCode, r.marks])).toEqual([
      ['I1', ['identicalPrice', 'order']],
      ['I3', ['identicalPrice', 'quantity', 'order']],
      ['I2', ['order', 'fixed']],
      ['I4', ['identicalPrice', 'arithmetic']],
      ['I6', ['extra']],
      ['I5', ['missing']],
    ]);
    // identical prices 3, shared errors 1 + 1 + 1 + 1 + 3 = 7, one fixed item
    expect(v.marked).toEqual({ identicalPrice: 3, quantity: 1, arithmetic: 1, missing: 1, extra: 1, order: 3, fixed: 1 });
    const i4 = v.rows.find((r) => r.itemCode === 'I4')!;
    expect([i4.a, i4.b]).toEqual([{ lineNo: 4, quantity: 1, unitPrice: 40, amount: 41 }, { lineNo: 4, quantity: 1, unitPrice: 40, amount: 41 }]);
    const i5 = v.rows.find((r) => r.itemCode === 'I5')!;
    expect([i5.a, i5.b, i5.itemName]).toEqual([null, null, '项目I5']);
  });

  it('the order asked for sets the sides; the pair stays in USCC order', () => {
    const v = boqSideBySide(lines, 'B', 'A')!;
    expect([v.a, v.b, v.pair]).toEqual(['B', 'A', ['A', 'B']]);
    expect(v.rows[0]!.a!.unitPrice).toBe(10);
  });

  it('A–C: I2 fixed, nothing identical; C’s own I5 follows A’s lines; I6 only A’s', () => {
    const v = boqSideBySide(lines, 'A', 'C')!;
    expect(v.counts).toMatchObject({ identical: 0, errorTotal: 0 });
    expect(v.rows.map((r) => [r.itemCode, !!r.a, !!r.b, r.marks])).toEqual([
      ['I1', true, true, []], ['I3', true, true, []], ['I2', true, true, ['fixed']], ['I4', true, true, []], ['I6', true, false, []], ['I5', false, true, []],
    ]);
  });

  it('null for a bidder without lines or the same bidder twice', () => {
    expect(boqSideBySide(lines, 'A', 'Z')).toBeNull();
    expect(boqSideBySide(lines, 'A', 'A')).toBeNull();
  });
});
