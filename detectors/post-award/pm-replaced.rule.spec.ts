import { pmReplaced } from './pm-replaced.rule.js';
import { bid, contract, perfFacts } from './testing.js';

describe('pm_replaced', () => {
  it('flags a recorded PM change, medium, score 0.5', () => {
    const out = pmReplaced(perfFacts(contract('T1', 'W', { projectManagerChanged: true }), { bid: bid('T1', 'W', { projectManagerHash: 'aa' }) }));
    expect(out.status).toBe('flagged');
    if (out.status !== 'flagged') return;
    expect(out.flag).toMatchObject({ severity: 'medium', score: 0.5, evidence: { rule: 'pm_replaced', bidProjectManagerNamed: true } });
    expect(out.flag.explanation).toMatch(/^合同履行中更换了项目经理/);
  });

  it('is clear when unchanged and excluded when unknown', () => {
    expect(pmReplaced(perfFacts(contract('T1', 'W', { projectManagerChanged: false }))).status).toBe('clear');
    expect(pmReplaced(perfFacts(contract('T1', 'W', { projectManagerChanged: null })))).toEqual({ status: 'excluded', reason: 'pm_change_unknown' });
  });
});
