import { lowBidHighSettlement } from './low-bid-high-settlement.rule.js';
import type { LowBidStatus } from './low-bid-status.js';
import { bid, contract, perfFacts } from './testing.js';

const winning = bid('T1', 'W', { price: 8_000_000, isWinner: true });
const albLow: LowBidStatus = { path: 'ALB', low: true, triggers: ['T1', 'T4'], discount: 0.2, upperFence: 0.15 };

describe('low_bid_high_settlement', () => {
  it('flags an ALB winner settled at 9,200,000 on a 8,000,000 bid: +15 % > 10 %, high, score 0.6 + 0.4·0.5 = 0.8', () => {
    const out = lowBidHighSettlement(perfFacts(contract('T1', 'W', { contractPrice: 8_000_000, settlementPrice: 9_200_000 }), { bid: winning, low: albLow }));
    expect(out.status).toBe('flagged');
    if (out.status !== 'flagged') return;
    expect(out.flag.severity).toBe('high');
    expect(out.flag.score).toBeCloseTo(0.8, 12);
    expect(out.flag.evidence).toMatchObject({
      rule: 'low_bid_high_settlement',
      winningPrice: 8_000_000,
      settlementPrice: 9_200_000,
      excess: 0.15,
      threshold: 0.1,
      lowBid: { path: 'ALB', flagged: true, triggers: ['T1', 'T4'], discount: 0.2, upperFence: 0.15 },
    });
    expect(out.flag.explanation).toContain('异常低价检测 ALB 已标记：T1、T4');
    expect(out.flag.explanation).toContain('15.0%');
  });

  it('measures the excess on the winning bid, not on a higher contract price', () => {
    // contract 9,000,000 (a separate mismatch); settlement 9,600,000 is +20 % on the bid, +6.7 % on the contract
    const out = lowBidHighSettlement(perfFacts(contract('T1', 'W', { contractPrice: 9_000_000, settlementPrice: 9_600_000 }), { bid: winning, low: albLow }));
    expect(out.status === 'flagged' && out.flag.evidence['excess']).toBe(0.2);
    expect(out.status === 'flagged' && out.flag.score).toBe(1);
  });

  it('does not flag +10 % exactly, nor a winner that is not low', () => {
    const at10 = contract('T1', 'W', { settlementPrice: 8_800_000 });
    expect(lowBidHighSettlement(perfFacts(at10, { bid: winning, low: albLow })).status).toBe('clear');
    const high = contract('T1', 'W', { settlementPrice: 12_000_000 });
    expect(lowBidHighSettlement(perfFacts(high, { bid: winning })).status).toBe('clear');
  });

  it('uses the peer-fence path and says so in the evidence', () => {
    const low: LowBidStatus = {
      path: 'peer_fence',
      low: true,
      discount: 0.3,
      fence: { level: 0, levelName: 'year×category×workType×evaluationMethod', key: '2024|building|construction|comprehensive', n: 8, q1: 0.0675, q3: 0.1025, upperFence: 0.155, k: 1.5 },
    };
    const out = lowBidHighSettlement(perfFacts(contract('T1', 'W', { settlementPrice: 9_200_000 }), { bid: winning, low }));
    expect(out.status === 'flagged' && out.flag.evidence['lowBid']).toMatchObject({ path: 'peer_fence', discount: 0.3, peer: { n: 8, upperFence: 0.155 } });
    expect(out.status === 'flagged' && out.flag.explanation).toContain('中标下浮率 30.0%，高于同类中标下浮率上围栏 15.5%（n=8）');
  });

  it('excludes an unsettled contract, a missing winning bid and an undetermined low status', () => {
    expect(lowBidHighSettlement(perfFacts(contract('T1', 'W'), { bid: winning, low: albLow }))).toEqual({ status: 'excluded', reason: 'not_settled' });
    expect(lowBidHighSettlement(perfFacts(contract('T1', 'W', { settlementPrice: 1 }), { low: albLow }))).toEqual({ status: 'excluded', reason: 'no_winning_bid' });
    const unknown: LowBidStatus = { path: 'peer_fence', low: null, reason: 'peer_too_small', largestGroup: 3 };
    expect(lowBidHighSettlement(perfFacts(contract('T1', 'W', { settlementPrice: 1 }), { bid: winning, low: unknown }))).toEqual({
      status: 'excluded',
      reason: 'low_bid_peer_too_small',
    });
  });
});
