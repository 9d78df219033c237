import type { ContractRow } from '../types.js';
import { pmTwoContracts, type ActiveContract } from './pm-two-contracts.rule.js';
import { contract } from './testing.js';

const P = 'p0123456789abcdef';

function check(contracts: ContractRow[], over: { project?: (c: ContractRow) => string; asOf?: string; minOverlapDays?: number } = {}) {
  const list: ActiveContract[] = contracts.map((c) => ({ contract: c, pm: P, project: over.project?.(c) ?? `project ${c.tenderCode}` }));
  return pmTwoContracts({ contracts: list, asOf: over.asOf ?? '2024-09-30', minOverlapDays: over.minOverlapDays ?? 1, sameProjectExempt: true });
}

describe('pm_two_contracts', () => {
  it('A 2024-01-01 → 2024-06-30 (actual), B 2024-06-01 → 2024-12-31 (planned): 29 days overlap, score 0.8 + 0.2·29/180', () => {
    const out = check([
      contract('A', 'W1', { contractDate: '2024-01-01', actualCompletion: '2024-06-30' }),
      contract('B', 'W2', { contractDate: '2024-06-01', plannedCompletion: '2024-12-31' }),
    ]);
    expect(out.flags).toHaveLength(1);
    const f = out.flags[0]!;
    expect(f).toMatchObject({ subjectType: 'person', subjectId: P, tenderCode: 'A', severity: 'high' });
    expect(f.score).toBeCloseTo(0.8 + (0.2 * 29) / 180, 12);
    expect(f.evidence).toMatchObject({
      rule: 'pm_two_contracts',
      tenders: ['A', 'B'],
      contracts: [
        { tenderCode: 'A', winnerUscc: 'W1', from: '2024-01-01', to: '2024-06-30', toBasis: 'actual' },
        { tenderCode: 'B', winnerUscc: 'W2', from: '2024-06-01', to: '2024-12-31', toBasis: 'planned' },
      ],
      overlaps: [{ tenders: ['A', 'B'], from: '2024-06-01', to: '2024-06-30', days: 29 }],
    });
    expect(f.explanation).toContain('最长重叠 29 天');
    expect(f.explanation).not.toContain(P);
    expect([...out.examined].sort()).toEqual(['A', 'B']);
  });

  it('touching intervals (A ends the day B starts) do not overlap', () => {
    const out = check([
      contract('A', 'W1', { contractDate: '2024-01-01', actualCompletion: '2024-06-01' }),
      contract('B', 'W2', { contractDate: '2024-06-01', plannedCompletion: '2024-12-31' }),
    ]);
    expect(out.flags).toEqual([]);
  });

  it('a contract with no completion date runs to asOf; one signed after asOf is not active', () => {
    const open = contract('A', 'W1', { contractDate: '2024-01-01' });
    const b = contract('B', 'W2', { contractDate: '2024-09-01', plannedCompletion: '2025-03-01' });
    const out = check([open, b]); // overlap 2024-09-01 … asOf 2024-09-30 = 29 days
    expect(out.flags[0]!.evidence['overlaps']).toEqual([{ tenders: ['A', 'B'], from: '2024-09-01', to: '2024-09-30', days: 29 }]);
    expect(check([open, { ...b, contractDate: '2024-10-01' }]).flags).toEqual([]);
  });

  it('skips two 标段 of the same project and contracts with broken dates', () => {
    const a = contract('A', 'W1', { contractDate: '2024-01-01', plannedCompletion: '2024-12-31' });
    const b = contract('B', 'W1', { contractDate: '2024-03-01', plannedCompletion: '2024-12-31' });
    expect(check([a, b], { project: () => 'same' }).flags).toEqual([]);
    const broken = check([a, { ...b, plannedCompletion: '2023-01-01' }]);
    expect(broken.flags).toEqual([]);
    expect([...broken.examined]).toEqual(['A']);
  });
});
