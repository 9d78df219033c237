import type { DetectorOutput } from '../detector.js';
import type { Flag } from '../types.js';
import { perfDetector } from './perf.js';
import { bid, contract, dataset, run, tender } from './testing.js';

/**
 * T1: contract +3 % over the bid, 4 change orders, settled +20 % over the bid — and the winner is ALB-flagged;
 * T2: clean; T3: no contract; T4: a contract with nothing to examine (no winning bid, every field empty).
 */
function city() {
  return dataset({
    tenders: [tender('T1'), tender('T2'), tender('T3'), tender('T4')],
    bids: [
      bid('T1', 'W1', { price: 8_000_000, isWinner: true }),
      bid('T1', 'L1', { price: 9_000_000 }),
      bid('T2', 'W2', { price: 9_000_000, isWinner: true }),
    ],
    contracts: [
      contract('T1', 'W1', { contractPrice: 8_240_000, changeOrderCount: 4, changeOrderTotal: 400_000, settlementPrice: 9_600_000, projectManagerChanged: false }),
      contract('T2', 'W2', { contractPrice: 9_000_000, changeOrderCount: 1, changeOrderTotal: 100_000, settlementPrice: 9_100_000, projectManagerChanged: false }),
      { ...contract('T4', 'W4'), contractPrice: 0 },
    ],
  });
}

const albOutput = (flags: Partial<Flag>[]): DetectorOutput => ({
  flags: flags.map((f) => ({ detector: 'ALB', version: '1', subjectType: 'bid', subjectId: `${f.tenderCode}/${f.bidderUscc}`, tenderCode: null, bidderUscc: null, score: 1, severity: 'high', explanation: '', evidence: {}, ...f }) as Flag),
  coverage: { applied: 0, flagged: 0, notApplicable: 0, excluded: 0 },
});

describe('PERF detector', () => {
  it('flags T1 on three rules via the ALB path; coverage 2 applied / 1 flagged / 1 n.a. / 1 excluded', () => {
    const previous = new Map([['ALB', albOutput([{ tenderCode: 'T1', bidderUscc: 'W1', evidence: { triggers: ['T4'], discount: 0.2, peer: { upperFence: 0.15 } } }])]]);
    const out = run(perfDetector, city(), {}, { previous });
    expect(out.flags.map((f) => [f.subjectId, f.evidence['rule']])).toEqual([
      ['T1', 'change_orders_count'],
      ['T1', 'low_bid_high_settlement'],
      ['T1', 'contract_price_mismatch'],
    ]);
    const lbhs = out.flags.find((f) => f.evidence['rule'] === 'low_bid_high_settlement')!;
    expect(lbhs.evidence['lowBid']).toMatchObject({ path: 'ALB', triggers: ['T4'] });
    expect(lbhs.evidence['excess']).toBe(0.2); // 9,600,000 / 8,000,000 − 1
    for (const f of out.flags) expect(f).toMatchObject({ detector: 'PERF', version: '1.0.0', subjectType: 'contract', tenderCode: 'T1', bidderUscc: 'W1' });
    expect(out.coverage).toEqual({ applied: 2, flagged: 1, notApplicable: 1, excluded: 1 });
    expect(out.tenderMetrics?.get('T1')).toEqual({
      perf_change_order_share: 0.0485, // 400,000 / 8,240,000
      perf_change_order_count: 4,
      perf_settlement_excess: 0.2,
      perf_contract_price_diff: 0.03,
      perf_completion_days: null,
    });
  });

  it('with ALB run but not flagging the winner, low_bid_high_settlement stays silent', () => {
    const out = run(perfDetector, city(), {}, { previous: new Map([['ALB', albOutput([])]]) });
    expect(out.flags.map((f) => f.evidence['rule'])).toEqual(['change_orders_count', 'contract_price_mismatch']);
  });

  it('without ALB, falls back to the peer fence (here too few winners: the rule is excluded, not guessed)', () => {
    const out = run(perfDetector, city());
    expect(out.flags.some((f) => f.evidence['rule'] === 'low_bid_high_settlement')).toBe(false);
  });

  it('without ALB, a winner above the peer fence of winners’ 下浮率 is low (evidence path peer_fence)', () => {
    // eight winners, 下浮率 0.05 … 0.11 and 0.30: upper fence 0.155 (peer-fence.spec.ts); T7 (0.30) settles +20 %
    const ds = [0.05, 0.06, 0.07, 0.08, 0.09, 0.1, 0.11, 0.3];
    const market = dataset({
      tenders: ds.map((_, i) => tender(`T${i}`)),
      bids: ds.map((d, i) => bid(`T${i}`, `W${i}`, { isWinner: true, price: 10_000_000 * (1 - d), discount: d })),
      contracts: [contract('T7', 'W7', { contractPrice: 7_000_000, settlementPrice: 8_400_000 })],
    });
    const out = run(perfDetector, market, { peerMinGroup: 8 });
    expect(out.flags).toHaveLength(1);
    expect(out.flags[0]!.evidence).toMatchObject({ rule: 'low_bid_high_settlement', excess: 0.2, lowBid: { path: 'peer_fence', discount: 0.3, peer: { n: 8, upperFence: 0.155 } } });
    expect(out.coverage).toEqual({ applied: 1, flagged: 1, notApplicable: 7, excluded: 0 });
  });

  it('opt-in lowBidQuantile: a deep winner inside the fence (0.11 ≥ P75 = 0.1025) settling +20 % is flagged', () => {
    const ds = [0.05, 0.06, 0.07, 0.08, 0.09, 0.1, 0.11, 0.3];
    const market = dataset({
      tenders: ds.map((_, i) => tender(`T${i}`)),
      bids: ds.map((d, i) => bid(`T${i}`, `W${i}`, { isWinner: true, price: 10_000_000 * (1 - d), discount: d })),
      contracts: [contract('T6', 'W6', { contractPrice: 8_900_000, settlementPrice: 10_680_000 })],
    });
    expect(run(perfDetector, market, { peerMinGroup: 8 }).flags).toEqual([]);
    const out = run(perfDetector, market, { peerMinGroup: 8, lowBidQuantile: 0.75 });
    expect(out.flags[0]!.evidence).toMatchObject({ rule: 'low_bid_high_settlement', excess: 0.2, lowBid: { path: 'peer_quantile', quantile: 0.75, value: 0.1025, primary: { path: 'peer_fence' } } });
    expect(out.flags[0]!.explanation).toContain('不低于同类中标下浮率 P75 = 10.3%（n=8）');
  });

  it('honours disabled rules through an override for the tender’s evaluation method', () => {
    const raw = { overrides: [{ evaluationMethod: 'comprehensive', disabledRules: ['change_orders_count', 'contract_price_mismatch'] }] };
    const out = run(perfDetector, city(), raw, { previous: new Map([['ALB', albOutput([])]]) });
    expect(out.flags).toEqual([]);
  });

  it('refuses unknown settings keys', () => {
    expect(() => run(perfDetector, city(), { changeOrderShares: 0.2 })).toThrow(/invalid detector settings/);
  });

  it('is deterministic', () => {
    expect(run(perfDetector, city())).toEqual(run(perfDetector, city()));
  });
});
