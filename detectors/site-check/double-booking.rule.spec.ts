import type { AttendanceRow } from '../types.js';
import { pmDoubleBooked, type DoubleBookingInput } from './double-booking.rule.js';
import { att } from './testing.js';

const P = 'p0123456789abcdef';

function check(attendance: AttendanceRow[], over: Partial<DoubleBookingInput> = {}) {
  return pmDoubleBooked({
    attendance,
    pms: new Map([[P, 'bid']]),
    inScope: () => true,
    projectOf: (code) => `project ${code}`,
    minDays: 1,
    sameProjectExempt: true,
    ...over,
  });
}

describe('pm_double_booked', () => {
  it('PM on two sites on different days: no flag', () => {
    expect(check([att('A', P, 'project_manager', '2024-05-06'), att('B', P, 'project_manager', '2024-05-07')]).flags).toEqual([]);
  });

  it('PM present on two sites the same day: one high flag on the person, score 0.8 + 0.2·1/20 = 0.81', () => {
    const { flags, flaggedTenders } = check([
      att('B', P, 'project_manager', '2024-05-06'),
      att('A', P, 'project_manager', '2024-05-06'),
      att('A', P, 'project_manager', '2024-05-07'),
    ]);
    expect(flags).toHaveLength(1);
    const f = flags[0]!;
    expect(f).toMatchObject({ detector: 'SITE', subjectType: 'person', subjectId: P, tenderCode: 'A', bidderUscc: null, severity: 'high' });
    expect(f.score).toBeCloseTo(0.81, 12);
    expect(f.evidence).toEqual({
      rule: 'pm_double_booked',
      personHash: P,
      tenders: ['A', 'B'],
      named: 'bid',
      sameDays: 1,
      minDays: 1,
      overlaps: [{ tenders: ['A', 'B'], days: 1, dates: ['2024-05-06'] }],
    });
    expect(f.explanation).toMatch(/^项目经理（标书所列）p0123456… 于 2024-05-06 等 1 天同时在 A、B 2 个工地打卡/);
    expect(f.explanation).not.toContain(P);
    expect([...flaggedTenders]).toEqual(['A', 'B']);
  });

  it('counts the person in any role on the second site (PM on A, worker on B)', () => {
    expect(check([att('A', P, 'project_manager', '2024-05-06'), att('B', P, 'worker', '2024-05-06')]).flags).toHaveLength(1);
  });

  it('absent on one of them: no flag', () => {
    expect(check([att('A', P, 'project_manager', '2024-05-06'), att('B', P, 'project_manager', '2024-05-06', { present: false })]).flags).toEqual([]);
  });

  it('three sites on one day give three pairs; minDays 2 needs two such days', () => {
    const rows = ['A', 'B', 'C'].map((t) => att(t, P, 'project_manager', '2024-05-06'));
    const f = check(rows).flags[0]!;
    expect((f.evidence['overlaps'] as { tenders: string[] }[]).map((o) => o.tenders.join('+'))).toEqual(['A+B', 'A+C', 'B+C']);
    expect(check(rows, { minDays: 2 }).flags).toEqual([]);
  });

  it('skips two 标段 of the same project, and persons who are not PMs', () => {
    const rows = [att('A', P, 'project_manager', '2024-05-06'), att('B', P, 'project_manager', '2024-05-06')];
    expect(check(rows, { projectOf: () => 'one project' }).flags).toEqual([]);
    expect(check(rows, { projectOf: () => 'one project', sameProjectExempt: false }).flags).toHaveLength(1);
    expect(check(rows, { pms: new Map() }).flags).toEqual([]);
  });
});
