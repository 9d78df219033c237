import { viewOf } from '../dataset-view.js';
import type { BidRow, TenderRow } from '../types.js';
import { fromAlb, fromPeerFence, withQuantile } from './low-bid-status.js';
import { peerFences } from './peer-fence.js';
import { bid, dataset, tender } from './testing.js';

// Eight 2024 building construction winners; 下浮率 0.05 … 0.11 and 0.30.
// Type-7 quartiles of n = 8: Q1 at h = 1.75 → 0.06 + 0.75·0.01 = 0.0675; Q3 at h = 5.25 → 0.10 + 0.25·0.01 = 0.1025;
// IQR = 0.035; upper fence = 0.1025 + 1.5·0.035 = 0.155.
const DISCOUNTS = [0.05, 0.06, 0.07, 0.08, 0.09, 0.1, 0.11, 0.3];

function market(methods: TenderRow['evaluationMethod'][] = DISCOUNTS.map(() => 'comprehensive')) {
  const tenders = DISCOUNTS.map((_, i) => tender(`T${i}`, { evaluationMethod: methods[i]! }));
  const bids: BidRow[] = DISCOUNTS.map((d, i) => bid(`T${i}`, `W${i}`, { isWinner: true, price: 10_000_000 * (1 - d), discount: d }));
  return { tenders, bids, view: viewOf(dataset({ tenders, bids })) };
}

describe('peer fence on winners’ 下浮率 (ALB not run)', () => {
  it('computes Q3 + 1.5·IQR = 0.155 at level 0 and calls 0.30 low, 0.11 not', () => {
    const { tenders, bids, view } = market();
    const find = peerFences(view);
    const low = fromPeerFence(find, tenders[7], bids[7], 1.5, 8);
    expect(low.low).toBe(true);
    if (low.path !== 'peer_fence' || low.low === null) throw new Error('expected a fence');
    expect(low.fence.level).toBe(0);
    expect(low.fence.q1).toBeCloseTo(0.0675, 12);
    expect(low.fence.q3).toBeCloseTo(0.1025, 12);
    expect(low.fence.upperFence).toBeCloseTo(0.155, 12);
    expect(fromPeerFence(find, tenders[6], bids[6], 1.5, 8).low).toBe(false);
  });

  it('widens to year × category × work type when evaluation methods split the group', () => {
    const { tenders, bids, view } = market(['comprehensive', 'reasonable_low_price', 'comprehensive', 'reasonable_low_price', 'comprehensive', 'reasonable_low_price', 'comprehensive', 'reasonable_low_price']);
    const low = fromPeerFence(peerFences(view), tenders[7], bids[7], 1.5, 8);
    expect(low.path === 'peer_fence' && low.low !== null && low.fence.levelName).toBe('year×category×workType');
  });

  it('widens to the 3-year window (winners of 2023 and 2025 join 2024)', () => {
    const tenders = DISCOUNTS.map((_, i) => tender(`T${i}`, { year: 2023 + (i % 3) }));
    const bids = DISCOUNTS.map((d, i) => bid(`T${i}`, `W${i}`, { isWinner: true, discount: d }));
    const low = fromPeerFence(peerFences(viewOf(dataset({ tenders, bids }))), tenders[7], bids[7], 1.5, 8);
    expect(low.path === 'peer_fence' && low.low !== null && low.fence.key).toBe('2023..2025|building|construction');
  });

  it('is undetermined when no level reaches the minimum group, or the winner has no 下浮率', () => {
    const { tenders, bids, view } = market();
    expect(fromPeerFence(peerFences(view), tenders[7], bids[7], 1.5, 9)).toEqual({ path: 'peer_fence', low: null, reason: 'peer_too_small', largestGroup: 8 });
    expect(fromPeerFence(peerFences(view), tenders[7], { ...bids[7]!, discount: null }, 1.5, 8)).toMatchObject({ low: null, reason: 'no_discount' });
    expect(fromPeerFence(peerFences(view), tenders[7], undefined, 1.5, 8)).toMatchObject({ low: null, reason: 'no_winning_bid' });
  });
});

describe('opt-in quantile criterion (lowBidQuantile)', () => {
  it('P75 of the eight winners is 0.1025 (h = 5.25): 0.11 counts as low, 0.10 does not; off by default', () => {
    const { tenders, bids, view } = market();
    const find = peerFences(view);
    const primary = fromPeerFence(find, tenders[6], bids[6], 1.5, 8); // 0.11 < fence 0.155: not low
    const low = withQuantile(primary, () => find, tenders[6], bids[6], 1.5, 8, 0.75);
    expect(low).toMatchObject({ path: 'peer_quantile', low: true, discount: 0.11, quantile: 0.75, primary: { path: 'peer_fence', low: false } });
    expect(low.path === 'peer_quantile' && low.value).toBeCloseTo(0.1025, 12);
    expect(withQuantile(fromPeerFence(find, tenders[5], bids[5], 1.5, 8), () => find, tenders[5], bids[5], 1.5, 8, 0.75).low).toBe(false);
    expect(withQuantile(primary, () => find, tenders[6], bids[6], 1.5, 8, null)).toBe(primary);
  });
});

describe('ALB path', () => {
  it('copies triggers, discount and upper fence from the ALB flag; no flag means not low', () => {
    const b = bid('T1', 'W', { discount: 0.22 });
    const flag = {
      detector: 'ALB', version: '1', subjectType: 'bid' as const, subjectId: 'T1/W', tenderCode: 'T1', bidderUscc: 'W',
      score: 1, severity: 'high' as const, explanation: '', evidence: { triggers: ['T3', 'T4'], discount: 0.58, peer: { upperFence: 0.3 } },
    };
    expect(fromAlb(flag, b)).toEqual({ path: 'ALB', low: true, triggers: ['T3', 'T4'], discount: 0.58, upperFence: 0.3 });
    expect(fromAlb(undefined, b)).toEqual({ path: 'ALB', low: false, triggers: [], discount: 0.22, upperFence: null });
  });
});
