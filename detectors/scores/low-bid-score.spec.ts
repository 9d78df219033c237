import { viewOf } from '../dataset-view.js';
import type { DetectorOutput } from '../detector.js';
import { albDetector } from '../low-bid/alb.js';
import { disqDetector } from '../price/disq.js';
import { bid, dataset, runOne, tender, tenderWithBids } from '../price/spec-helpers.js';
import { wgapDetector } from '../price/wgap.js';
import type { Flag } from '../types.js';
import { lowBidScorer } from './low-bid-score.js';

const M = 1_000_000;

function flag(detector: string, tenderCode: string, score: number, evidence: Record<string, unknown>): Flag {
  return { detector, version: '1.0.0', subjectType: 'bid', subjectId: `${tenderCode}/X`, tenderCode, bidderUscc: 'X', score, severity: 'high', explanation: '', evidence };
}

function out(flags: Flag[], metrics?: Record<string, Record<string, number | null>>): DetectorOutput {
  return {
    flags,
    coverage: { applied: 0, flagged: 0, notApplicable: 0, excluded: 0 },
    tenderMetrics: metrics ? new Map(Object.entries(metrics)) : undefined,
  };
}

describe('lowBidScorer', () => {
  const data = dataset([
    tenderWithBids('W1', [4 * M, 9 * M], {}, (i) => ({ isWinner: i === 0 })), // winner flagged
    tenderWithBids('L1', [4 * M, 9 * M], {}, (i) => ({ isWinner: i === 1 })), // a losing bid flagged
    tenderWithBids('Z1', [8 * M, 9 * M]), // no flag, z = 2.5
    tenderWithBids('N1', [8 * M, 9 * M]), // nothing at all
    { tender: tender('E1'), bids: [bid('E1', 'A', 5 * M, { valid: false })] }, // no valid bid
  ]);
  const view = viewOf(data);
  const outputs = new Map<string, DetectorOutput>([
    ['ALB', out([flag('ALB', 'W1', 0.81, { isWinner: true }), flag('ALB', 'L1', 0.81, { isWinner: false })], { Z1: { alb_max_robust_z: 2.5 } })],
    ['WGAP', out([flag('WGAP', 'W1', 0.6, { rule: 'R058' }), flag('WGAP', 'N1', 0.9, { rule: 'R024' })])],
    ['DISQ', out([flag('DISQ', 'L1', 0.6, { rule: 'R036' })])],
  ]);
  const m = lowBidScorer.score(view, outputs).tenderMetrics!;

  it('combines ALB, WGAP R058 and DISQ R036 by noisy-OR', () => {
    // W1: 1 − (1 − 0.81)(1 − 0.6 × 0.6) = 1 − 0.19 × 0.64 = 0.8784
    expect(m.get('W1')!['low_bid_score']).toBeCloseTo(0.8784, 12);
    // L1: A = 0.81 × 0.8 = 0.648; 1 − 0.352 × (1 − 0.4 × 0.6) = 1 − 0.352 × 0.76 = 0.73248
    expect(m.get('L1')!['low_bid_score']).toBeCloseTo(0.73248, 12);
  });

  it('grades unflagged tenders by robust z, below every flag; R024 does not count; no valid bid → null', () => {
    // 0.45 × (2.5 − 1)/3 = 0.225
    expect(m.get('Z1')!['low_bid_score']).toBeCloseTo(0.225, 12);
    expect(m.get('N1')!['low_bid_score']).toBe(0);
    expect(m.get('E1')!['low_bid_score']).toBeNull();
    expect([...m.keys()].sort()).toEqual(['E1', 'L1', 'N1', 'W1', 'Z1']);
  });

  it('is null everywhere when ALB did not run', () => {
    const none = lowBidScorer.score(view, new Map()).tenderMetrics!;
    expect([...none.values()].every((r) => r['low_bid_score'] === null)).toBe(true);
  });

  it('runs on real detector outputs', () => {
    // C = 12M; 4.1M (winner) fires T1–T3 (score 0.810185…); runner-up 10M gives a gap of 1.439, no fence (1 tender).
    const t = tenderWithBids('A1', [4.1 * M, 10 * M, 10.2 * M, 10.3 * M, 10.5 * M], { controlPrice: 12 * M }, (i) => ({ isWinner: i === 0 }));
    const d = dataset([t]);
    const v = viewOf(d);
    const outs = new Map([
      ['ALB', runOne(albDetector, v)],
      ['WGAP', runOne(wgapDetector, v)],
      ['DISQ', runOne(disqDetector, v)],
    ]);
    expect(lowBidScorer.score(v, outs).tenderMetrics!.get('A1')!['low_bid_score']).toBeCloseTo(0.75 + 0.25 * (1.3 / 5.4), 10);
  });
});
