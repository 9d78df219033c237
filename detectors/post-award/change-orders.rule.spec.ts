import { changeOrdersCount, changeOrdersShare } from './change-orders.rule.js';
import { contract, perfFacts } from './testing.js';

describe('change_orders_share', () => {
  it('flags 1,500,000 on 10,000,000 (15 % > 10 %), score 0.4 + 0.6·(0.05/0.10) = 0.7', () => {
    const out = changeOrdersShare(perfFacts(contract('T1', 'W', { contractPrice: 10_000_000, changeOrderTotal: 1_500_000, changeOrderCount: 2 })));
    expect(out.status).toBe('flagged');
    if (out.status !== 'flagged') return;
    expect(out.flag.score).toBeCloseTo(0.7, 12);
    expect(out.flag.severity).toBe('medium');
    expect(out.flag.evidence).toMatchObject({ rule: 'change_orders_share', share: 0.15, threshold: 0.1, changeOrderCount: 2 });
    expect(out.flag.explanation).toContain('15.0%');
    expect(out.flag.explanation).toContain('1,500,000.00 元');
    expect(out.flag).toMatchObject({ detector: 'PERF', subjectType: 'contract', subjectId: 'T1', tenderCode: 'T1', bidderUscc: 'W' });
  });

  it('does not flag exactly 10 % (strict >), nor a net reduction of −20 %', () => {
    expect(changeOrdersShare(perfFacts(contract('T1', 'W', { contractPrice: 10_000_000, changeOrderTotal: 1_000_000 }))).status).toBe('clear');
    expect(changeOrdersShare(perfFacts(contract('T1', 'W', { contractPrice: 10_000_000, changeOrderTotal: -2_000_000 }))).status).toBe('clear');
  });

  it('caps the score at 1 from twice the threshold (25 % → 1)', () => {
    const out = changeOrdersShare(perfFacts(contract('T1', 'W', { contractPrice: 4_000_000, changeOrderTotal: 1_000_000 })));
    expect(out.status === 'flagged' && out.flag.score).toBe(1);
  });

  it('excludes a contract without a change-order total or without a price', () => {
    expect(changeOrdersShare(perfFacts(contract('T1', 'W', { changeOrderTotal: null })))).toEqual({ status: 'excluded', reason: 'no_change_order_total' });
    expect(changeOrdersShare(perfFacts(contract('T1', 'W', { contractPrice: 0, changeOrderTotal: 5 })))).toEqual({ status: 'excluded', reason: 'no_contract_price' });
  });

  it('uses the configured share (5 %: 600,000 on 10,000,000 = 6 % flags)', () => {
    const f = perfFacts(contract('T1', 'W', { contractPrice: 10_000_000, changeOrderTotal: 600_000 }), { settings: { changeOrderShare: 0.05 } });
    expect(changeOrdersShare(f).status).toBe('flagged');
  });
});

describe('change_orders_count', () => {
  it('flags 3 change orders (≥ 3) with score 0.4 and 6 with score 1', () => {
    const three = changeOrdersCount(perfFacts(contract('T1', 'W', { changeOrderCount: 3 })));
    expect(three.status === 'flagged' && three.flag.score).toBeCloseTo(0.4, 12);
    const six = changeOrdersCount(perfFacts(contract('T1', 'W', { changeOrderCount: 6 })));
    expect(six.status === 'flagged' && six.flag.score).toBe(1);
    if (six.status === 'flagged') expect(six.flag.explanation).toMatch(/^变更签证 6 次，达到 3 次/);
  });

  it('does not flag 2, and excludes an unknown count', () => {
    expect(changeOrdersCount(perfFacts(contract('T1', 'W', { changeOrderCount: 2 }))).status).toBe('clear');
    expect(changeOrdersCount(perfFacts(contract('T1', 'W', { changeOrderCount: null }))).status).toBe('excluded');
  });
});
