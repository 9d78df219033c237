import type { AttendanceRow } from '../types.js';
import { subcontracting } from './subcontracting.rule.js';
import { att, bid, contract, days, siteFacts } from './testing.js';

const winner = bid('S1', 'W', { isWinner: true });
const TEN = days('2024-05-01', '2024-05-10');

/** `n` workers of `employer`, present on every date. */
function crew(employer: string, n: number, dates: string[], tag = employer): AttendanceRow[] {
  const out: AttendanceRow[] = [];
  for (let i = 0; i < n; i++) for (const d of dates) out.push(att('S1', `${tag}-${i}`, 'worker', d, { employerUscc: employer }));
  return out;
}

describe('subcontracting', () => {
  it('flags 70 of 100 worker-days on X’s books (> 50 %): score 0.4 + 0.6·0.2/0.5 = 0.64', () => {
    const f = siteFacts([...crew('W', 3, TEN), ...crew('X', 7, TEN)], { bid: winner, contract: contract('S1', 'W'), bidders: ['W', 'X'] });
    const out = subcontracting(f);
    expect(out.status).toBe('flagged');
    if (out.status !== 'flagged') return;
    expect(out.flag.score).toBeCloseTo(0.64, 12);
    expect(out.flag.evidence).toMatchObject({
      rule: 'subcontracting',
      basis: 'period',
      workerDays: 100,
      otherDays: 70,
      share: 0.7,
      employers: [{ uscc: 'X', workerDays: 70, share: 0.7, bidInTender: true }],
      months: [{ month: '2024-05', siteDays: 10, workerDays: 100, otherDays: 70, share: 0.7 }],
    });
    expect(out.flag.explanation).toMatch(/^全期工人出勤 100 人日中 70 人日（70\.0%）登记在中标人以外的单位名下，超过 50%；最多的是 X（70 人日，本标段投标人）/);
  });

  it('does not flag exactly 50 %; ignores absent rows and counts a person once a day', () => {
    const rows = [...crew('W', 5, TEN), ...crew('X', 5, TEN), ...crew('X', 5, TEN, 'absent').map((r) => ({ ...r, present: false }))];
    expect(subcontracting(siteFacts([...rows, ...crew('X', 5, TEN)], { bid: winner })).status).toBe('clear');
  });

  it('excludes a site with fewer than 20 worker-days, or no known winner', () => {
    expect(subcontracting(siteFacts(crew('X', 1, TEN), { bid: winner }))).toEqual({ status: 'excluded', reason: 'too_few_worker_days' });
    expect(subcontracting(siteFacts(crew('X', 5, TEN)))).toEqual({ status: 'excluded', reason: 'no_winner' });
  });

  it('month basis: May all W (60), June all X (60) — the period is 50 % (clear), June alone is 100 % (flag, score 1)', () => {
    const may = days('2024-05-01', '2024-05-12');
    const june = days('2024-06-01', '2024-06-12');
    const rows = [...crew('W', 5, may), ...crew('X', 5, june)];
    expect(subcontracting(siteFacts(rows, { bid: winner })).status).toBe('clear');
    const out = subcontracting(siteFacts(rows, { bid: winner, settings: { workforceBasis: 'month' } }));
    expect(out.status === 'flagged' && out.flag.score).toBe(1);
    expect(out.status === 'flagged' && out.flag.explanation).toMatch(/^2024-06 月工人出勤 60 人日中 60 人日（100\.0%）/);
  });
});
