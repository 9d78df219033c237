import type { AttendanceRow } from '../types.js';
import { siteDetector } from './site.js';
import { att, bid, contract, dataset, days, run, tender } from './testing.js';

const P1 = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const P2 = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
const MAY = days('2024-05-01', '2024-05-20');

function crew(site: string, employer: string, n: number, dates: string[]): AttendanceRow[] {
  return Array.from({ length: n }, (_, i) => dates.map((d) => att(site, `${site}-w${i}`, 'worker', d, { employerUscc: employer }))).flat();
}

/**
 * S1: PM P1 on 12 of 20 May days (60 %) — and P1 also clocks in at S2 on 2024-05-06 (double booking);
 * S2: PM P2 every day; S3: a supervision site (out of scope); S4: contract only, bid PM P1, overlapping S1's
 * contract (two contracts); S5: contract only, bid names no PM (excluded); S6: nothing; S7: 5 days of one
 * worker, bid names nobody (excluded).
 */
function city() {
  return dataset({
    tenders: ['S1', 'S2', 'S4', 'S5', 'S6', 'S7'].map((c) => tender(c)).concat(tender('S3', { workType: 'supervision' })),
    bids: [
      bid('S1', 'W1', { isWinner: true, projectManagerHash: P1 }),
      bid('S2', 'W2', { isWinner: true, projectManagerHash: P2 }),
      bid('S3', 'W3', { isWinner: true, projectManagerHash: P1 }),
      bid('S4', 'W4', { isWinner: true, projectManagerHash: P1 }),
      bid('S5', 'W5', { isWinner: true }),
      bid('S7', 'W7', { isWinner: true }),
    ],
    contracts: [
      contract('S1', 'W1', { contractDate: '2024-04-20', plannedCompletion: '2025-06-30' }),
      contract('S4', 'W4', { contractDate: '2024-08-01', plannedCompletion: '2025-01-31' }),
      contract('S5', 'W5', { contractDate: '2024-08-01', plannedCompletion: '2025-01-31' }),
    ],
    attendance: [
      ...MAY.map((d, i) => att('S1', P1, 'project_manager', d, { employerUscc: 'W1', present: i < 12 })),
      ...crew('S1', 'W1', 2, MAY),
      ...MAY.map((d) => att('S2', P2, 'project_manager', d, { employerUscc: 'W2' })),
      att('S2', P1, 'worker', '2024-05-06', { employerUscc: 'W2' }),
      ...crew('S2', 'W2', 2, MAY),
      ...MAY.map((d) => att('S3', P1, 'project_manager', d, { employerUscc: 'W3' })),
      ...crew('S7', 'W7', 1, MAY.slice(0, 5)),
    ],
  });
}

describe('SITE detector', () => {
  const out = run(siteDetector, city());

  it('flags S1’s PM presence, P1’s double booking (S1+S2) and P1’s two contracts (S1+S4)', () => {
    expect(out.flags.map((f) => [f.evidence['rule'], f.subjectType, f.subjectType === 'person' ? f.evidence['tenders'] : f.subjectId])).toEqual([
      ['pm_presence', 'tender', 'S1'],
      ['pm_double_booked', 'person', ['S1', 'S2']],
      ['pm_two_contracts', 'person', ['S1', 'S4']],
    ]);
    const presence = out.flags[0]!;
    expect(presence).toMatchObject({ detector: 'SITE', version: '1.0.0', tenderCode: 'S1', bidderUscc: 'W1', severity: 'medium' });
    expect(out.flags[2]!.score).toBe(1); // 2024-08-01 … 2025-01-31 = 183 days ≥ 180
  });

  it('the supervision site S3 is out of scope: P1’s check-ins there are not a double booking', () => {
    const dbl = out.flags.find((f) => f.evidence['rule'] === 'pm_double_booked')!;
    expect(dbl.evidence['sameDays']).toBe(1);
  });

  it('coverage: applied S1 S2 S4, flagged S1 S2 S4, excluded S5 S7, not applicable S3 S6', () => {
    expect(out.coverage).toEqual({ applied: 3, flagged: 3, notApplicable: 2, excluded: 2 });
  });

  it('never prints a full person hash in an explanation', () => {
    for (const f of out.flags) for (const h of [P1, P2]) expect(f.explanation).not.toContain(h);
  });

  it('reports per-site metrics', () => {
    expect(out.tenderMetrics?.get('S1')).toEqual({ site_pm_presence_min: 0.6, site_other_employer_share: 0 });
    expect(out.tenderMetrics?.get('S7')).toEqual({ site_pm_presence_min: null, site_other_employer_share: 0 });
  });

  it('takes supervision in when the settings say so, and drops rules through overrides', () => {
    const wide = run(siteDetector, city(), { workTypes: ['construction', 'supervision'] });
    const dbl = wide.flags.find((f) => f.evidence['rule'] === 'pm_double_booked')!;
    expect(dbl.evidence['tenders']).toEqual(['S1', 'S2', 'S3']);
    const off = run(siteDetector, city(), { overrides: [{ category: 'building', disabledRules: ['pm_presence', 'pm_double_booked', 'pm_two_contracts'] }] });
    expect(off.flags).toEqual([]);
  });

  it('is deterministic', () => {
    expect(run(siteDetector, city())).toEqual(out);
  });
});
