import { fastCompletion } from './fast-completion.rule.js';
import { contract, perfFacts, tender } from './testing.js';

// 2024-03-01 → 2024-04-15 = 31 + 14 = 45 days; → 2024-09-17 = 31+30+31+30+31+31 + 16 = 200 days.
const base = { contractPrice: 5_000_000, contractDate: '2024-03-01', plannedCompletion: '2024-09-17' };

describe('fast_completion', () => {
  it('flags 45 days (< 60) and 45/200 = 22.5 % of plan (< 50 %): score 0.4 + 0.6·max(0.25, 0.55) = 0.73', () => {
    const out = fastCompletion(perfFacts(contract('T1', 'W', { ...base, actualCompletion: '2024-04-15' })));
    expect(out.status).toBe('flagged');
    if (out.status !== 'flagged') return;
    expect(out.flag.evidence).toMatchObject({ rule: 'fast_completion', days: 45, plannedDays: 200, plannedShare: 0.225 });
    expect(out.flag.score).toBeCloseTo(0.73, 12);
    expect(out.flag.explanation).toContain('仅 45 天，少于 60 天');
    expect(out.flag.explanation).toContain('22.5%');
  });

  it('flags 99 days = 49.5 % of plan on the ratio alone (score 0.4 + 0.6·0.01), not 100 days = 50 %', () => {
    const fast = fastCompletion(perfFacts(contract('T1', 'W', { ...base, actualCompletion: '2024-06-08' })));
    expect(fast.status === 'flagged' && fast.flag.score).toBeCloseTo(0.406, 12);
    expect(fastCompletion(perfFacts(contract('T1', 'W', { ...base, actualCompletion: '2024-06-09' }))).status).toBe('clear');
  });

  it('without a planned date only the 60-day rule applies', () => {
    const c = contract('T1', 'W', { ...base, plannedCompletion: null, actualCompletion: '2024-04-29' }); // 59 days
    const out = fastCompletion(perfFacts(c));
    expect(out.status === 'flagged' && out.flag.evidence['plannedShare']).toBeNull();
    expect(fastCompletion(perfFacts({ ...c, actualCompletion: '2024-04-30' })).status).toBe('clear'); // 60 days
  });

  it('excludes other work types, small contracts, open contracts and completion before signing', () => {
    const c = contract('T1', 'W', { ...base, actualCompletion: '2024-04-15' });
    expect(fastCompletion(perfFacts(c, { tender: tender('T1', { workType: 'supervision' }) }))).toEqual({ status: 'excluded', reason: 'work_type' });
    expect(fastCompletion(perfFacts({ ...c, contractPrice: 3_999_999 }))).toEqual({ status: 'excluded', reason: 'below_min_price' });
    expect(fastCompletion(perfFacts({ ...c, actualCompletion: null }))).toEqual({ status: 'excluded', reason: 'not_completed' });
    expect(fastCompletion(perfFacts({ ...c, actualCompletion: '2024-02-01' }))).toEqual({ status: 'excluded', reason: 'completion_before_contract' });
    expect(fastCompletion(perfFacts(c, { tender: undefined }))).toEqual({ status: 'excluded', reason: 'unknown_tender' });
  });

  it('applies to epc', () => {
    const c = contract('T1', 'W', { ...base, actualCompletion: '2024-04-15' });
    expect(fastCompletion(perfFacts(c, { tender: tender('T1', { workType: 'epc' }) })).status).toBe('flagged');
  });
});
