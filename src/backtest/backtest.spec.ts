import { backtest } from './backtest.js';

describe('backtest (hand-computed)', () => {
  const tenderMetrics = new Map<string, Record<string, number | null>>([
    ['A', { collusion_score: 0.9, cv: 0.01 }],
    ['B', { collusion_score: 0.2, cv: 0.02 }],
    ['C', { collusion_score: 0.6, cv: null }],
    ['D', { collusion_score: 0.1, cv: 0.2 }],
  ]);
  const labels = { tenders: new Map([['A', true], ['B', true], ['C', false], ['D', false]]) };
  const r = backtest({ tenderMetrics, firmMetrics: new Map(), flags: [{ detector: 'IDENT', tenderCode: 'C', bidderUscc: null, subjectType: 'bid', subjectId: 'C/x', score: 0.9, evidence: {} }], tendersOfFirm: new Map() }, labels);

  it('collusion_score: positives 0.9, 0.2 vs negatives 0.6, 0.1 → 3 of 4 pairs ordered, ROC 0.75', () => {
    expect(r.tenders?.rows.find((x) => x.signal === 'collusion_score')?.roc).toBe(0.75);
  });

  it('baseline −CV: null ranks lowest → A, B above D, C lowest → 1.0; a detector with no flag scores 0', () => {
    expect(r.tenders?.rows.find((x) => x.signal === 'baseline: −CV')?.roc).toBe(1);
    expect(r.tenders?.rows.find((x) => x.signal === 'detector IDENT')?.roc).toBe(0.25);
    expect(r.firms).toBeNull();
  });
});
