import type { AttendanceRow } from '../types.js';
import { teamMismatch } from './team-mismatch.rule.js';
import { att, bid, days, siteFacts } from './testing.js';

const PM = 'pm00000011112222';
const TL = 'tl00000011112222';
const winner = bid('S1', 'W', { isWinner: true, projectManagerHash: PM, technicalLeadHash: TL });
const MAY = days('2024-05-01', '2024-05-31');

function rows(pm: string, tl: string, pmDates = MAY): AttendanceRow[] {
  return [...pmDates.map((d) => att('S1', pm, 'project_manager', d)), ...MAY.map((d) => att('S1', tl, 'technical_lead', d))];
}

describe('team_mismatch', () => {
  it('is clear when the site’s PM and 技术负责人 are the bid’s', () => {
    expect(teamMismatch(siteFacts(rows(PM, TL), { bid: winner })).status).toBe('clear');
  });

  it('flags another person registered as PM (score 0.7) and names only a hash prefix', () => {
    const out = teamMismatch(siteFacts([...rows(PM, TL), att('S1', 'otherpm999999999', 'project_manager', '2024-05-10', { present: false })], { bid: winner }));
    expect(out.status).toBe('flagged');
    if (out.status !== 'flagged') return;
    expect(out.flag.score).toBe(0.7);
    expect(out.flag.evidence['mismatches']).toEqual([
      { role: 'project_manager', personHash: 'otherpm999999999', first: '2024-05-10', last: '2024-05-10', days: 1, presentDays: 0 },
    ]);
    expect(out.flag.explanation).toContain('考勤登记的项目经理 1 人（otherpm9…，2024-05-10 起登记 1 天）不是标书所列项目经理');
    expect(out.flag.explanation).not.toContain('otherpm999999999');
  });

  it('a different 技术负责人 only: score 0.5', () => {
    const out = teamMismatch(siteFacts(rows(PM, 'tl-other'), { bid: winner }));
    expect(out.status === 'flagged' && out.flag.score).toBe(0.5);
  });

  it('flags the bid’s PM first clocking in after the 30-day window (2024-05-01 … 2024-05-30)', () => {
    const late = rows(PM, TL, ['2024-06-03']);
    const out = teamMismatch(siteFacts(late, { bid: winner }));
    expect(out.status === 'flagged' && out.flag.evidence['window']).toEqual({
      from: '2024-05-01', to: '2024-05-30', judged: true, bidPmFirstPresent: '2024-06-03', absent: true, days: 30,
    });
    expect(out.status === 'flagged' && out.flag.explanation).toContain('首次打卡为 2024-06-03');
    // on day 30 it is still in time
    expect(teamMismatch(siteFacts(rows(PM, TL, ['2024-05-30']), { bid: winner })).status).toBe('clear');
  });

  it('does not judge the window before it has ended (asOf 2024-05-20)', () => {
    const none = MAY.slice(0, 20).map((d) => att('S1', TL, 'technical_lead', d));
    expect(teamMismatch(siteFacts(none, { bid: winner, asOf: '2024-05-20' })).status).toBe('clear');
    expect(teamMismatch(siteFacts(none, { bid: winner, asOf: '2024-05-30' })).status).toBe('flagged');
  });

  it('attendance with no PM rows at all: the bid’s PM never appears', () => {
    const out = teamMismatch(siteFacts(MAY.map((d) => att('S1', TL, 'technical_lead', d)), { bid: winner }));
    expect(out.status === 'flagged' && out.flag.explanation).toContain('考勤中从未出现');
  });

  it('a bid naming no PM checks the 技术负责人 only; naming nobody is excluded; no winning bid is excluded', () => {
    const tlOnly = bid('S1', 'W', { isWinner: true, technicalLeadHash: TL });
    expect(teamMismatch(siteFacts(rows('anyone', TL), { bid: tlOnly })).status).toBe('clear');
    expect(teamMismatch(siteFacts(rows('anyone', TL), { bid: bid('S1', 'W', { isWinner: true }) }))).toEqual({ status: 'excluded', reason: 'bid_names_no_key_staff' });
    expect(teamMismatch(siteFacts(rows(PM, TL)))).toEqual({ status: 'excluded', reason: 'no_winning_bid' });
  });
});
