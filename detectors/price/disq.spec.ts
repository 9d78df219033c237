import { disqDetector } from './disq.js';
import { allButWinnerDisqualified, lowestBidDisqualified, singleBidder } from './disq-rules.js';
import { bid, dataset, runOne, tender } from './spec-helpers.js';

const M = 1_000_000;

describe('DISQ tender rules', () => {
  // W (valid, winner) 5M; A invalid 4M; B invalid 6M.
  const bids = [bid('T1', 'W', 5 * M, { isWinner: true }), bid('T1', 'A', 4 * M, { valid: false, invalidReason: '低于成本' }), bid('T1', 'B', 6 * M, { valid: false })];

  it('R035: one valid bidder, the winner, and ≥ threshold others disqualified', () => {
    expect(allButWinnerDisqualified(bids, 1)).toEqual({ winner: 'W', disqualified: ['A', 'B'] });
    expect(allButWinnerDisqualified(bids, 2)).not.toBeNull();
    expect(allButWinnerDisqualified(bids, 3)).toBeNull();
    expect(allButWinnerDisqualified(bids, 0)).not.toBeNull(); // below 1 counts as 1
    // the valid bidder did not win: no
    expect(allButWinnerDisqualified([bid('T', 'W', 1, { isWinner: false }), bid('T', 'A', 1, { valid: false })], 1)).toBeNull();
    // a winner alone, nobody disqualified: no
    expect(allButWinnerDisqualified([bid('T', 'W', 1, { isWinner: true })], 1)).toBeNull();
  });

  it('R036: lowest submitted bid disqualified, strictly below every valid bid, with a winner', () => {
    expect(lowestBidDisqualified(bids)).toMatchObject({ lowest: { bidderUscc: 'A' }, lowestValid: 5 * M });
    // tie with a valid bid at the lowest price: not the lowest price that was rejected
    expect(lowestBidDisqualified([bid('T', 'W', 4 * M, { isWinner: true }), bid('T', 'A', 4 * M, { valid: false })])).toBeNull();
    // no winner recorded
    expect(lowestBidDisqualified([bid('T', 'W', 5 * M), bid('T', 'A', 4 * M, { valid: false })])).toBeNull();
    // no valid bid
    expect(lowestBidDisqualified([bid('T', 'A', 4 * M, { valid: false, isWinner: true })])).toBeNull();
  });

  it('R018: one bidder in a listed tender method', () => {
    expect(singleBidder([bid('T', 'A', 1)], 'open', ['open', 'invited'])).toBe('A');
    expect(singleBidder([bid('T', 'A', 1), bid('T', 'A', 2)], 'open', ['open'])).toBe('A');
    expect(singleBidder([bid('T', 'A', 1)], 'invited', ['open'])).toBeNull();
    expect(singleBidder([bid('T', 'A', 1), bid('T', 'B', 2)], 'open', ['open'])).toBeNull();
  });

  it('flags the tender once per sub-rule, says which, and counts coverage in tenders', () => {
    const single = { tender: tender('T2', { tenderMethod: 'invited' }), bids: [bid('T2', 'S', 3 * M, { isWinner: true })] };
    const empty = { tender: tender('T3'), bids: [] };
    const out = runOne(disqDetector, dataset([{ tender: tender('T1'), bids }, single, empty]));
    expect(out.flags.map((f) => [f.subjectType, f.subjectId, f.evidence['rule'], f.bidderUscc])).toEqual([
      ['tender', 'T1', 'R035', 'W'],
      ['tender', 'T1', 'R036', 'A'],
      ['tender', 'T2', 'R018', 'S'],
    ]);
    expect(out.flags[0]!.score).toBeCloseTo(0.8, 12); // 0.6 + 0.1 × 2 disqualified
    expect(out.flags[1]!.explanation).toContain('最低报价 4,000,000.00 元（A）被否决，低于最低有效报价 5,000,000.00 元，否决理由：低于成本');
    expect(out.coverage).toEqual({ applied: 2, flagged: 2, notApplicable: 1, excluded: 0 });
    // R018 only for open tenders
    const open = runOne(disqDetector, dataset([single]), { r018TenderMethods: ['open'] });
    expect(open.flags).toEqual([]);
    // per evaluation method: no R036 where the award is not on price (综合评估法 here)
    const noR036 = runOne(disqDetector, dataset([{ tender: tender('T1'), bids }]), { overrides: [{ evaluationMethod: 'comprehensive', r036: false }] });
    expect(noR036.flags.map((f) => f.evidence['rule'])).toEqual(['R035']);
    const lpm = runOne(disqDetector, dataset([{ tender: tender('T1', { evaluationMethod: 'lowest_evaluated_price' }), bids }]), {
      overrides: [{ evaluationMethod: 'comprehensive', r036: false }],
    });
    expect(lpm.flags.map((f) => f.evidence['rule'])).toEqual(['R035', 'R036']);
  });
});

describe('DISQ R038 (per firm)', () => {
  // Tenders Q1–Q4, each with bidders A–F; A wins and bids lowest. D is disqualified in Q1, E in Q2, F in all four.
  // G bids once (Q1, disqualified): below minimumSubmittedBids. H bids twice in Q1 (both disqualified): only one
  // tender, below minimumContractingProcesses.
  const parts = ['Q1', 'Q2', 'Q3', 'Q4'].map((code, k) => {
    const bids = ['A', 'B', 'C', 'D', 'E', 'F'].map((u, i) =>
      bid(code, u, (5 + i) * M, { isWinner: u === 'A', valid: !((u === 'D' && k === 0) || (u === 'E' && k === 1) || u === 'F') }),
    );
    if (k === 0) bids.push(bid(code, 'G', 9 * M, { valid: false }), bid(code, 'H', 9.5 * M, { valid: false }), bid(code, 'H', 9.6 * M, { valid: false }));
    return { tender: tender(code), bids };
  });

  it('flags firms whose disqualified share reaches Q3 + 1.5·IQR (type 8)', () => {
    // Ratios A–F: 0, 0, 0, 0.25, 0.25, 1. n = 6: Q1 at h = 1.917 → 0; Q3 at h = 5.083 → 0.25 + 0.0833 × 0.75 = 0.3125.
    // Upper fence 0.3125 + 1.5 × 0.3125 = 0.78125: F (1.0) flagged, score 0.5 + 0.4 × 1 = 0.9.
    const out = runOne(disqDetector, dataset(parts));
    const firm = out.flags.filter((f) => f.subjectType === 'firm');
    expect(firm.map((f) => f.subjectId)).toEqual(['F']);
    expect(firm[0]!.evidence).toMatchObject({ rule: 'R038', submitted: 4, disqualified: 4, tenders: 4, ratio: 1, population: { n: 6 } });
    expect(firm[0]!.evidence['fence']).toBeCloseTo(0.78125, 12);
    expect(firm[0]!.score).toBeCloseTo(0.9, 12);
    expect(firm[0]!.explanation).toContain('该投标人 4 次投标中 4 次被否决（100.00%），不低于同类比较上围栏 78.12%');
    expect(firm[0]).toMatchObject({ tenderCode: null, bidderUscc: 'F' });
  });

  it('uses a fixed threshold and the minimum counts when set', () => {
    const fixed = runOne(disqDetector, dataset(parts), { r038Threshold: 0.25 });
    expect(fixed.flags.filter((f) => f.subjectType === 'firm').map((f) => f.subjectId)).toEqual(['D', 'E', 'F']);
    const loose = runOne(disqDetector, dataset(parts), { r038Threshold: 0.25, minimumSubmittedBids: 1, minimumContractingProcesses: 1 });
    expect(loose.flags.filter((f) => f.subjectType === 'firm').map((f) => f.subjectId)).toEqual(['D', 'E', 'F', 'G', 'H']);
  });

  it('skips the group when the fence is 0 (most firms never disqualified)', () => {
    // Firms A–H in two tenders; only H is disqualified once: ratios 0 ×7, 0.5. n = 8: Q3 at h = 6.583 → x₆ = x₇ = 0,
    // so Q3 = IQR = 0 and the fence is 0: the group is skipped. A fixed threshold of 0.5 flags H.
    const clean = ['Q1', 'Q2'].map((code) => ({
      tender: tender(code),
      bids: ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'].map((u, i) => bid(code, u, (5 + i) * M, { valid: !(u === 'H' && code === 'Q2'), isWinner: u === 'A' })),
    }));
    const firmIds = (raw: unknown) => runOne(disqDetector, dataset(clean), raw).flags.filter((f) => f.subjectType === 'firm').map((f) => f.subjectId);
    expect(firmIds({})).toEqual([]);
    expect(firmIds({ r038Threshold: 0.5 })).toEqual(['H']);
  });
});
