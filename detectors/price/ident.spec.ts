import { identDetector, identicalPriceGroups } from './ident.js';
import { bid, dataset, runOne, tender, tenderWithBids } from './spec-helpers.js';

const M = 1_000_000;

describe('identicalPriceGroups', () => {
  it('groups different bidders at the same price to the fen; a bidder repeating itself is no match', () => {
    const bids = [bid('T', 'A', 1_234_567.8), bid('T', 'B', 1_234_567.8), bid('T', 'C', 1_234_567.81), bid('T', 'D', 2 * M), bid('T', 'D', 2 * M)];
    expect(identicalPriceGroups(bids, true).map((g) => g.map((b) => b.bidderUscc))).toEqual([['A', 'B']]);
  });

  it('treats 0.1 + 0.2 and 0.3 as one price (fen), and can leave invalid bids out', () => {
    const bids = [bid('T', 'A', 0.1 + 0.2), bid('T', 'B', 0.3, { valid: false })];
    expect(identicalPriceGroups(bids, true)).toHaveLength(1);
    expect(identicalPriceGroups(bids, false)).toHaveLength(0);
  });
});

describe('IDENT detector', () => {
  it('flags every bid of a tie group with the other bidders named, high severity', () => {
    const t = tenderWithBids('T1', [8_765_432.1, 8_765_432.1, 9 * M]);
    const out = runOne(identDetector, dataset([t]));
    expect(out.flags.map((f) => [f.subjectId, f.severity, f.score])).toEqual([
      ['T1/B1', 'high', 0.9],
      ['T1/B2', 'high', 0.9],
    ]);
    expect(out.flags[0]!.explanation).toContain('投标报价 8,765,432.10 元与 公司B2（B2） 的报价完全相同（同价 2 家）');
    expect(out.flags[0]!.evidence).toMatchObject({ rule: 'R028', groupSize: 2, matches: [{ bidderUscc: 'B2' }], atControlPrice: false });
    expect(out.coverage).toEqual({ applied: 1, flagged: 1, notApplicable: 0, excluded: 0 });
  });

  it('all bids equal: one group of n; at the control price the tie is medium', () => {
    const t = tenderWithBids('T2', [10 * M, 10 * M, 10 * M], { controlPrice: 10 * M });
    const out = runOne(identDetector, dataset([t]));
    expect(out.flags).toHaveLength(3);
    expect(out.flags[0]).toMatchObject({ severity: 'medium', score: 0.6, evidence: { groupSize: 3, atControlPrice: true } });
    expect(out.flags[0]!.explanation).toContain('同价 3 家，等于最高投标限价');
  });

  it('counts invalid bids by default (includeInvalid) and not when switched off', () => {
    const t = tenderWithBids('T3', [5 * M, 5 * M, 6 * M], {}, (i) => (i === 1 ? { valid: false } : {}));
    expect(runOne(identDetector, dataset([t])).flags).toHaveLength(2);
    expect(runOne(identDetector, dataset([t]), { includeInvalid: false }).flags).toHaveLength(0);
  });

  it('needs two bidders; 1-bid and empty tenders are not applicable; overrides can exclude', () => {
    const one = tenderWithBids('T4', [5 * M]);
    const none = { tender: tender('T5'), bids: [] };
    const off = tenderWithBids('T6', [5 * M, 5 * M], { category: 'municipal' });
    const out = runOne(identDetector, dataset([one, none, off]), { overrides: [{ category: 'municipal', enabled: false }] });
    expect(out.flags).toEqual([]);
    expect(out.coverage).toEqual({ applied: 0, flagged: 0, notApplicable: 2, excluded: 1 });
  });
});
