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

describe('IDENT judges a tie against its market', () => {
  // 40 tenders of whole-million bids, tenders' bids about 5 % apart
  const roundMarket = (tieAt: 'lowest' | 'middle' | null, floorTies = false) =>
    dataset(
      Array.from({ length: 40 }, (_, i) => {
        const prices = [18, 19, 20, 21, 22].map((k) => k * M);
        if (tieAt === 'middle' && i === 0) prices[3] = prices[2]!;
        if (floorTies && i % 4 === 0) prices[1] = prices[0]!; // ties at the lowest price in a quarter of tenders
        if (tieAt === 'lowest' && i === 0) prices[1] = prices[0]!;
        return tenderWithBids(`R${i}`, prices, { controlPrice: 25 * M });
      }),
    );

  it('whole-million bids: a tie is what such a market makes by itself (not flagged), its chance recorded', () => {
    const out = runOne(identDetector, roundMarket('middle'));
    expect(out.flags).toEqual([]);
    expect(out.tenderMetrics?.get('R0')?.tie_chance).toBeGreaterThan(0.01);
  });

  it('a tie to the fen in that market is still flagged', () => {
    const ds = roundMarket(null);
    const t0 = ds.bids.filter((b) => b.tenderCode === 'R0');
    t0[1]!.price = 18_123_456.78;
    t0[2]!.price = 18_123_456.78;
    const out = runOne(identDetector, ds);
    expect(out.flags.map((f) => f.subjectId)).toEqual(['R0/B2', 'R0/B3']);
    expect((out.flags[0]!.evidence.chance as { value: number }).value).toBeLessThan(1e-6);
  });

  it('ties at the lowest price in a floor market are design (auto); `evidence` judges them by chance instead', () => {
    const ds = roundMarket(null, true);
    for (const b of ds.bids) if (b.tenderCode === 'R0' && b.bidderUscc === 'B2') b.price = 18_000_000;
    expect(runOne(identDetector, ds).flags).toEqual([]);
    // judged by chance, a lowest-price tie of whole millions is still ordinary here
    expect(runOne(identDetector, ds, { floorTies: 'evidence', maxChance: 0.99 }).flags.length).toBeGreaterThan(0);
  });
});
