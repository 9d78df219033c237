import type { AttendanceRow } from '../types.js';
import { pmPresence, presenceMonths } from './pm-presence.rule.js';
import { att, bid, contract, days, siteFacts } from './testing.js';

const PM = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const winner = bid('S1', 'W', { isWinner: true, projectManagerHash: PM });

/** A worker clocks in on every day of `siteDays`; the PM on the first `pmDays` days of each month's list. */
function site(months: [string[], number][], pm = PM, pmRole: AttendanceRow['role'] = 'project_manager'): AttendanceRow[] {
  const rows: AttendanceRow[] = [];
  for (const [ds, pmDays] of months) {
    ds.forEach((d, i) => {
      rows.push(att('S1', 'worker-1', 'worker', d));
      rows.push(att('S1', pm, pmRole, d, { present: i < pmDays }));
    });
  }
  return rows;
}

const MAY = days('2024-05-01', '2024-05-20'); // 20 site days
const JUNE = days('2024-06-01', '2024-06-20');
const JULY = days('2024-07-01', '2024-07-20');
const AUG = days('2024-08-01', '2024-08-05'); // 5 site days: too few to judge

describe('pm_presence', () => {
  it('flags May: 12 / 20 = 60 % < 80 %, medium, score 0.4 + 0.6·(0.2/0.8) = 0.55', () => {
    const out = pmPresence(siteFacts(site([[MAY, 12]]), { bid: winner }));
    expect(out.status).toBe('flagged');
    if (out.status !== 'flagged') return;
    expect(out.flag.severity).toBe('medium');
    expect(out.flag.score).toBeCloseTo(0.55, 12);
    expect(out.flag.evidence).toMatchObject({
      rule: 'pm_presence',
      basis: 'bid_pm',
      months: [{ month: '2024-05', siteDays: 20, pmDays: 12, presence: 0.6, below: true }],
      consecutive: null,
    });
    expect(out.flag.explanation).toMatch(/^项目经理（标书所列）2024-05 月到岗 12 天 \/ 施工 20 天 = 60\.0%，低于 80%（建质〔2011〕111号/);
    expect(out.flag.explanation).not.toContain(PM);
    expect(out.flag).toMatchObject({ subjectType: 'tender', subjectId: 'S1', tenderCode: 'S1', bidderUscc: 'W' });
  });

  it('two consecutive low months (60 %, 75 %) → high, score 0.7 + 0.3·0.25 = 0.775', () => {
    const out = pmPresence(siteFacts(site([[MAY, 12], [JUNE, 15]]), { bid: winner }));
    expect(out.status === 'flagged' && out.flag.severity).toBe('high');
    expect(out.status === 'flagged' && out.flag.score).toBeCloseTo(0.775, 12);
    expect(out.status === 'flagged' && out.flag.evidence['consecutive']).toEqual(['2024-05', '2024-06']);
  });

  it('low months with a good month between stay medium; a skipped month breaks the run too', () => {
    const gap = pmPresence(siteFacts(site([[MAY, 12], [JUNE, 18], [JULY, 12]]), { bid: winner }));
    expect(gap.status === 'flagged' && gap.flag.severity).toBe('medium');
    const skipped = pmPresence(siteFacts(site([[JUNE, 12], [JULY.slice(0, 5), 0], [days('2024-08-01', '2024-08-20'), 12]]), { bid: winner }));
    expect(skipped.status === 'flagged' && skipped.flag.severity).toBe('medium');
  });

  it('exactly 80 % (16 / 20) is not below', () => {
    expect(pmPresence(siteFacts(site([[MAY, 16]]), { bid: winner })).status).toBe('clear');
  });

  it('does not judge a month with too few site days (August: 5 < 10), and excludes a site with only such months', () => {
    const f = siteFacts(site([[MAY, 18], [AUG, 0]]), { bid: winner });
    expect(presenceMonths(f).map((m) => [m.month, m.presence])).toEqual([['2024-05', 0.9], ['2024-08', null]]);
    expect(pmPresence(f).status).toBe('clear');
    expect(pmPresence(siteFacts(site([[AUG, 0]]), { bid: winner }))).toEqual({ status: 'excluded', reason: 'too_few_site_days' });
  });

  it('attendance with no PM rows: the bid’s PM is at 0 % (score 1)', () => {
    const rows = MAY.map((d) => att('S1', 'worker-1', 'worker', d));
    const out = pmPresence(siteFacts(rows, { bid: winner }));
    expect(out.status === 'flagged' && out.flag.score).toBe(1);
    expect(out.status === 'flagged' && out.flag.evidence['months']).toEqual([{ month: '2024-05', siteDays: 20, pmDays: 0, presence: 0, below: true }]);
  });

  it('a winner whose bid named no PM: measures whoever is registered as project_manager', () => {
    const noPm = bid('S1', 'W', { isWinner: true });
    const ok = pmPresence(siteFacts(site([[MAY, 17]], 'someone'), { bid: noPm })); // 85 %
    expect(ok.status).toBe('clear');
    const none = pmPresence(siteFacts(MAY.map((d) => att('S1', 'worker-1', 'worker', d)), { bid: noPm }));
    expect(none.status === 'flagged' && none.flag.evidence['basis']).toBe('site_pm');
    expect(none.status === 'flagged' && none.flag.explanation).toContain('考勤中没有项目经理打卡记录');
  });

  it('counts the bid’s PM in any role, and switches to the registered PM after a recorded PM change', () => {
    expect(pmPresence(siteFacts(site([[MAY, 17]], PM, 'technical_lead'), { bid: winner })).status).toBe('clear');
    // the contract says the PM was replaced: the new PM (registered as project_manager) is at 17/20
    const replaced = site([[MAY, 17]], 'new-pm');
    const f = siteFacts(replaced, { bid: winner, contract: contract('S1', 'W', { projectManagerChanged: true }) });
    expect(pmPresence(f).status).toBe('clear');
  });

  it('siteDay any_record counts days where only absent rows exist', () => {
    // 20 days: everyone present on 10, on the other 10 only absent rows. PM present 8 days.
    const rows: AttendanceRow[] = MAY.flatMap((d, i) => [
      att('S1', 'worker-1', 'worker', d, { present: i < 10 }),
      att('S1', PM, 'project_manager', d, { present: i < 8 }),
    ]);
    const present = pmPresence(siteFacts(rows, { bid: winner })); // 8 / 10 = 80 % → clear
    expect(present.status).toBe('clear');
    const record = pmPresence(siteFacts(rows, { bid: winner, settings: { siteDay: 'any_record' } })); // 8 / 20 = 40 %
    expect(record.status === 'flagged' && record.flag.evidence['months']).toEqual([{ month: '2024-05', siteDays: 20, pmDays: 8, presence: 0.4, below: true }]);
  });
});
