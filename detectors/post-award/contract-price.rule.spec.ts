import { contractPriceMismatch } from './contract-price.rule.js';
import { bid, contract, perfFacts } from './testing.js';

const winning = bid('T1', 'W', { price: 10_000_000, isWinner: true });

describe('contract_price_mismatch', () => {
  it('flags 10,300,000 against a 10,000,000 bid: +3 %, score 0.4 + 0.6·0.3 = 0.58', () => {
    const out = contractPriceMismatch(perfFacts(contract('T1', 'W', { contractPrice: 10_300_000 }), { bid: winning }));
    expect(out.status).toBe('flagged');
    if (out.status !== 'flagged') return;
    expect(out.flag.evidence).toMatchObject({ rule: 'contract_price_mismatch', diff: 0.03, tolerance: 0.001, winningPrice: 10_000_000 });
    expect(out.flag.score).toBeCloseTo(0.58, 12);
    expect(out.flag.explanation).toContain('+3.00%');
    expect(out.flag.explanation).toContain('第五十七条');
  });

  it('flags a lower contract price too (−10 % → score 1)', () => {
    const out = contractPriceMismatch(perfFacts(contract('T1', 'W', { contractPrice: 9_000_000 }), { bid: winning }));
    expect(out.status === 'flagged' && out.flag.score).toBe(1);
  });

  it('tolerates 0.05 % (5,000 on 10,000,000) and equality', () => {
    expect(contractPriceMismatch(perfFacts(contract('T1', 'W', { contractPrice: 10_005_000 }), { bid: winning })).status).toBe('clear');
    expect(contractPriceMismatch(perfFacts(contract('T1', 'W', { contractPrice: 10_000_000 }), { bid: winning })).status).toBe('clear');
  });

  it('excludes a contract whose winner has no bid in the data', () => {
    expect(contractPriceMismatch(perfFacts(contract('T1', 'W', { contractPrice: 1 })))).toEqual({ status: 'excluded', reason: 'no_winning_bid' });
  });
});
