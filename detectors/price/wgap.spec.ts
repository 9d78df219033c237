import { wgapDetector } from './wgap.js';
import { winnerGap } from './winner-gap.js';
import { bid, dataset, runOne, tender } from './spec-helpers.js';
import type { EvaluationMethod } from '../types.js';

const M = 1_000_000;

/** A tender won by W at `win`, runner-up L at `lose`, and a third bidder far above. */
function gapTender(code: string, win: number, lose: number, evaluationMethod: EvaluationMethod = 'comprehensive') {
  const t = tender(code, { controlPrice: 2 * M, evaluationMethod });
  return { tender: t, bids: [bid(code, 'W', win, { isWinner: true }), bid(code, 'L', lose), bid(code, 'Z', 1.9 * M)] };
}

describe('winnerGap', () => {
  it('is (B₂ − B_w)/B_w over valid bids, with cardinal’s exclusions', () => {
    expect(winnerGap(gapTender('A', 1 * M, 1.01 * M).bids)).toMatchObject({ kind: 'gap', gap: expect.closeTo(0.01, 12) });
    expect(winnerGap(gapTender('T', 1 * M, 1 * M).bids)).toMatchObject({ kind: 'gap', gap: 0 }); // tie: 0, kept
    expect(winnerGap([bid('X', 'W', 1 * M), bid('X', 'L', 2 * M)])).toEqual({ kind: 'not_applicable', reason: 'no_winner' });
    expect(winnerGap([bid('X', 'W', 1 * M, { isWinner: true })])).toEqual({ kind: 'not_applicable', reason: 'no_other_valid_bid' });
    expect(winnerGap([bid('X', 'W', 1 * M, { isWinner: true }), bid('X', 'L', 0.9 * M, { valid: false })])).toEqual({
      kind: 'not_applicable',
      reason: 'no_other_valid_bid',
    });
    expect(winnerGap([bid('X', 'W', 1 * M, { isWinner: true, valid: false }), bid('X', 'L', 2 * M)])).toEqual({ kind: 'excluded', reason: 'winner_bid_not_valid' });
    expect(winnerGap([bid('X', 'W', 1.1 * M, { isWinner: true }), bid('X', 'L', 1 * M)])).toEqual({ kind: 'excluded', reason: 'winner_not_lowest' });
    expect(winnerGap([bid('X', 'W', 1 * M, { isWinner: true }), bid('X', 'L', 2 * M, { isWinner: true })])).toEqual({ kind: 'excluded', reason: 'several_winners' });
  });
});

describe('WGAP R024 (cardinal R024.md demonstration)', () => {
  // Gaps 0.01, 0.2, 0.2, 0.2, 0.2. Type 8, n = 5: Q1 at h = 1.667 → 0.01 + ⅔ × 0.19 = 0.13667; Q3 at h = 4.333 → 0.2.
  // Lower fence 0.13667 − 1.5 × 0.06333 = 0.041667: F flagged. Upper 0.2 + 0.095 = 0.295: no R058.
  const parts = [gapTender('F', 1 * M, 1.01 * M), ...['1', '2', '3', '4'].map((c) => gapTender(c, 1 * M, 1.2 * M))];
  const out = runOne(wgapDetector, dataset(parts), { minPopulation: 1 });

  it('flags the winner and the runner-up of F, with the fence and the population', () => {
    expect(out.flags.map((f) => [f.subjectId, f.evidence['rule'], f.evidence['role']])).toEqual([
      ['F/L', 'R024', 'second'],
      ['F/W', 'R024', 'winner'],
    ]);
    const e = out.flags[1]!.evidence as Record<string, any>;
    expect(e['gap']).toBeCloseTo(0.01, 12);
    expect(e['fence']).toBeCloseTo(0.0416667, 6);
    expect(e['population']).toMatchObject({ key: 'global:*', n: 5 });
    expect(e['population'].q1).toBeCloseTo(0.1366667, 6);
    // score 0.5 + 0.5 × (1 − 0.01 / 0.041667) = 0.88
    expect(out.flags[1]!.score).toBeCloseTo(0.5 + 0.5 * (1 - 0.01 / (0.41 / 3 - 0.095)), 9);
    expect(out.flags[1]!.explanation).toContain('中标价 1,000,000.00 元，次低有效报价 1,010,000.00 元，差距 d =（次低价 − 中标价）/ 中标价 = 1.00%，不高于差距分布下围栏 4.17%');
    expect(out.coverage).toEqual({ applied: 5, flagged: 1, notApplicable: 0, excluded: 0 });
  });

  it('needs minPopulation gaps for a fence (default 30); a fixed threshold works without one', () => {
    const def = runOne(wgapDetector, dataset(parts));
    expect(def.flags).toEqual([]);
    expect(def.coverage).toEqual({ applied: 0, flagged: 0, notApplicable: 5, excluded: 0 });
    const fixed = runOne(wgapDetector, dataset(parts), { lowThreshold: 0.02 });
    expect(fixed.flags.map((f) => f.subjectId)).toEqual(['F/L', 'F/W']);
    expect(fixed.flags[0]!.explanation).toContain('不高于设定阈值 2.00%');
    expect(fixed.coverage.applied).toBe(5);
  });
});

describe('WGAP R058', () => {
  // Gaps 0.1 ×4 and 0.5: Q1 = 0.1, Q3 at h = 4.333 → 0.1 + ⅓ × 0.4 = 0.23333; upper 0.23333 + 0.2 = 0.43333.
  // Lower fence 0.1 − 0.2 < 0: R024 skipped (cardinal's guard).
  const parts = [...['1', '2', '3', '4'].map((c) => gapTender(c, 1 * M, 1.1 * M)), gapTender('H', 1 * M, 1.5 * M)];
  const out = runOne(wgapDetector, dataset(parts), { minPopulation: 1 });

  it('flags only the winner of the heavily discounted tender', () => {
    expect(out.flags.map((f) => [f.subjectId, f.evidence['rule']])).toEqual([['H/W', 'R058']]);
    expect(out.flags[0]!.evidence['fence']).toBeCloseTo(0.4333333, 6);
    expect(out.flags[0]!.score).toBeCloseTo(0.5 + 0.5 * ((0.5 - 1.3 / 3) / (1.3 / 3)), 9);
    expect(out.flags[0]!.explanation).toContain('不低于差距分布上围栏 43.33%');
  });

  it('counts excluded tenders (winner not lowest, several winners, disabled) and not-applicable ones', () => {
    const extra = [
      { tender: tender('NW'), bids: [bid('NW', 'A', 1 * M), bid('NW', 'B', 2 * M)] },
      { tender: tender('WNL'), bids: [bid('WNL', 'A', 2 * M, { isWinner: true }), bid('WNL', 'B', 1 * M)] },
      { tender: tender('OFF', { evaluationMethod: 'separation' }), bids: [] },
    ];
    const o = runOne(wgapDetector, dataset([...parts, ...extra]), {
      minPopulation: 1,
      overrides: [{ evaluationMethod: 'separation', enabled: false }],
    });
    expect(o.coverage).toEqual({ applied: 5, flagged: 1, notApplicable: 1, excluded: 2 });
    expect(o.tenderMetrics!.get('H')!['winner_gap']).toBeCloseTo(0.5, 12);
    expect(o.tenderMetrics!.get('NW')!['winner_gap']).toBeNull();
  });
});

describe('WGAP groupBy', () => {
  // Comprehensive: gaps 0.01, 0.2 ×4 (R024 on the first, as above). Reasonable-low-price: 0.01 ×4, 0.2:
  // Q1 0.01, Q3 0.01 + ⅓ × 0.19 = 0.07333, upper 0.07333 + 0.095 = 0.16833 → R058 on the 0.2. Globally (0.01 ×5,
  // 0.2 ×5; n = 10: Q1 at h = 2.917 → 0.01, Q3 at h = 8.083 → 0.2) neither fires.
  const comp = [gapTender('C0', 1 * M, 1.01 * M), ...['1', '2', '3', '4'].map((c) => gapTender(`C${c}`, 1 * M, 1.2 * M))];
  const rlp = [...['0', '1', '2', '3'].map((c) => gapTender(`R${c}`, 1 * M, 1.01 * M, 'reasonable_low_price')), gapTender('R4', 1 * M, 1.2 * M, 'reasonable_low_price')];
  const data = dataset([...comp, ...rlp]);

  it('global fences see one mixed population', () => {
    expect(runOne(wgapDetector, data, { minPopulation: 1 }).flags).toEqual([]);
  });

  it('per evaluation method, each method has its own fences; too-small groups fall back to global', () => {
    const by = runOne(wgapDetector, data, { minPopulation: 5, groupBy: 'evaluation_method' });
    expect(by.flags.map((f) => [f.subjectId, f.evidence['rule'], (f.evidence['population'] as { key: string }).key])).toEqual([
      ['C0/L', 'R024', 'evaluation_method:comprehensive'],
      ['C0/W', 'R024', 'evaluation_method:comprehensive'],
      ['R4/W', 'R058', 'evaluation_method:reasonable_low_price'],
    ]);
    expect(runOne(wgapDetector, data, { minPopulation: 6, groupBy: 'evaluation_method' }).flags).toEqual([]);
  });
});
