import { viewOf } from '../dataset-view.js';
import { buildCoBidGraph, type CoBidGraph } from './cobid-graph.js';
import { fromMeetings } from './fixtures.js';
import { professionalLosers, recurrentWinnerPairs, rotationPairs } from './pair-patterns.js';

const S = { minEncounters: 5, minRotation: 0.7, recurrentMinCoBids: 3, recurrentWinShare: 0.8 };
const times = (n: number, firms: string[]) => Array.from({ length: n }, () => firms);
const names = (g: CoBidGraph, xs: number[]) => xs.map((i) => g.firms[i]);

describe('rotation (R057)', () => {
  const g = buildCoBidGraph(
    viewOf(
      fromMeetings([
        ...times(3, ['*U', 'V']), // U 3 : V 3 over 6 → ratio 1
        ...times(3, ['*V', 'U']),
        ...times(3, ['*X', 'Y']), // X 3 : Y 2 over 5 → 0.667 < 0.7
        ...times(2, ['*Y', 'X']),
        ...times(2, ['*P', 'Q']), // 2 : 2 over 4 < 5 encounters
        ...times(2, ['*Q', 'P']),
      ]),
    ),
    () => 50,
  );
  it('flags only U–V', () => {
    const r = rotationPairs(g, S);
    expect(r.map((p) => names(g, [p.a, p.b]))).toEqual([['U', 'V']]);
    expect(r[0]).toMatchObject({ wab: 3, wba: 3, coBids: 6, ratio: 1 });
  });
});

describe('recurrent winner / never-winner (R053)', () => {
  const g = buildCoBidGraph(
    viewOf(
      fromMeetings([
        ...times(4, ['*R', 'L']), // L never wins anything: flagged
        ...times(3, ['*N', 'M']), // M loses 3× to N but wins elsewhere: not flagged
        ['*M', 'Z'],
        ...times(2, ['*K', 'J']), // only 2 co-bids
      ]),
    ),
    () => 50,
  );
  it('flags R over L only', () => {
    const r = recurrentWinnerPairs(g, S);
    expect(r.map((p) => names(g, [p.winner, p.loser]))).toEqual([['R', 'L']]);
    expect(r[0]).toMatchObject({ coBids: 4, winnerWins: 4, share: 1 });
  });
});

describe('professional loser (R025, hand-computed fences)', () => {
  /** A graph with only the counts the fence reads. */
  function fake(ratios: Array<[wins: number, valid: number]>): CoBidGraph {
    return {
      firms: ratios.map((_, i) => `F${String(i).padStart(2, '0')}`),
      wins: Int32Array.from(ratios.map((r) => r[0])),
      validBids: Int32Array.from(ratios.map((r) => r[1])),
    } as unknown as CoBidGraph;
  }

  it('flags the firm below Q1 − 1.5·IQR with bids ≥ P75', () => {
    // ratios: 0 (0/12), 0.4 × 10, 0.5 × 20, 0.6 × 9 → type-7 Q1 = 0.4, Q3 = 0.5, fence 0.4 − 0.15 = 0.25;
    // valid bids: 10 × 39, 12 → P75 = 10. Only the 0/12 firm qualifies.
    const g = fake([[0, 12], ...Array(10).fill([4, 10]), ...Array(20).fill([5, 10]), ...Array(9).fill([6, 10])]);
    const r = professionalLosers(g, 1.5, 3);
    expect(r.fence).toBeCloseTo(0.25, 12);
    expect(r.minBids).toBe(10);
    expect(r.losers.map((l) => g.firms[l.firm])).toEqual(['F00']);
  });

  it('skips when IQR = 0 (every firm at the same ratio would be flagged) or fewer than 30 firms', () => {
    expect(professionalLosers(fake([[0, 12], ...Array(39).fill([5, 10])]), 1.5, 3).losers).toEqual([]);
    expect(professionalLosers(fake([[0, 12], ...Array(10).fill([4, 10]), ...Array(10).fill([5, 10])]), 1.5, 3).fence).toBeNull();
  });

  it('keeps firms with fewer than minBids valid bids out of the fences', () => {
    const g = fake([[0, 2], ...Array(10).fill([4, 10]), ...Array(20).fill([5, 10]), ...Array(9).fill([6, 10])]);
    expect(professionalLosers(g, 1.5, 3).losers).toEqual([]);
  });
});
