import { partyRow, partySection, partySentence } from './party-findings.js';
import type { PartyAgg } from './aggregates.js';

const agg = (over: Partial<PartyAgg>): PartyAgg => ({
  uscc: '11320583MB0000001X', name: '昆山市水务局', tenders: 8, awarded: 6, singleBid: 2, winnerMedian: 0.081234567891,
  lowAwards: 3, flaggedTenders: 4, flags: 7, highFlags: 1, detectors: { A40: 1, ALB: 4, IDENT: 2 }, ownCodes: [], ownExplanation: null, ...over,
});

describe('findings by 招标人 / 代理机构', () => {
  it('shares are of the party’s own tenders and awards; detectors most first', () => {
    const r = partyRow(agg({}));
    expect(r).toMatchObject({ single_bid_share: 0.25, abnormal_award_share: 0.5, flagged_share: 0.5, winner_discount_median: 0.08123457 });
    expect(r.detectors).toBe('ALB 4；IDENT 2；A40 1');
    expect(partyRow(agg({ tenders: 0, awarded: 0, singleBid: 0, lowAwards: 0, flaggedTenders: 0 }))).toMatchObject({ single_bid_share: null, abnormal_award_share: null });
  });

  it('the summary names a party its own indicators flagged and the one with most findings; nothing when no tender names one', () => {
    const s = partySection('buyer', 12, [agg({}), agg({ uscc: 'B2', name: null, ownCodes: ['BCONC', 'BSINGLE'], flags: 0, flaggedTenders: 0 })]);
    expect(s).toMatchObject({ kind: 'buyer', label: '招标人', total: 12, shown: 2 });
    const line = partySentence(s)!;
    expect(line.zh).toBe('12 个招标人中，1 个被本级指标标记（如 B2（B2）：BCONC；BSINGLE）；标记最多的是 昆山市水务局（11320583MB0000001X）：8 个标段中 4 个有标记，共 7 条（高 1 条）。标记是核查线索，不是定性结论。');
    expect(line.en).toContain('Of 12 buyers, 1 flagged');
    expect(partySentence(partySection('agency', 0, []))).toBeNull();
  });
});
