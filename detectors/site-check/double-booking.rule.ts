/**
 * SITE pm_double_booked — 同一项目经理同日在两个工地打卡（违规挂证信号）.
 *
 * Who: every person who is a project manager somewhere — the PM named in a winning bid (标书所列) or a person with
 * role project_manager in any attendance row (考勤登记) — among tenders in scope (work type, rule not disabled).
 * Formula: for each such person, sameDays = the dates on which they are present = true on two or more different
 * sites. Flag the person when sameDays ≥ doubleBookingMinDays (default 1). Presence on two sites on *different*
 * days is not a flag (that is what pm_two_contracts and pm_presence look at). Pairs of 标段 of the same project
 * (same project name) are skipped when sameProjectExempt (相邻分段发包 may share a PM).
 * Source: 《注册建造师管理规定》(建设部令第153号) 第二十一条 and 《注册建造师执业管理办法（试行）》(建市〔2008〕48号) 第九条:
 * a 注册建造师 may not be 施工项目负责人 of two or more projects at once; 建质〔2011〕111号 (the PM 带班 on site).
 * High: a person cannot 带班 on two sites on one day; a PM certificate lent to several firms (挂证) looks like this.
 * Score 0.8 + 0.2·min(1, sameDays / 20). One flag per person; `evidence.overlaps` lists each pair of sites and dates.
 * Linear: one pass over the attendance, indexed person → date → sites.
 */
import { shortHash } from '../post-award/format.js';
import type { AttendanceRow, Flag } from '../types.js';
import { personFlag } from './rule.js';

export interface DoubleBookingInput {
  attendance: readonly AttendanceRow[];
  /** PM persons: 'bid' when named as PM in a winning bid, else 'site' (role project_manager in attendance). */
  pms: ReadonlyMap<string, 'bid' | 'site'>;
  /** Tenders the rule may look at. */
  inScope: (tenderCode: string) => boolean;
  /** Project name of a tender (for the same-project exemption). */
  projectOf: (tenderCode: string) => string | undefined;
  minDays: number;
  sameProjectExempt: boolean;
}

export interface DoubleBookingResult {
  flags: Flag[];
  /** Tenders that appear in a flag. */
  flaggedTenders: Set<string>;
}

export function pmDoubleBooked(input: DoubleBookingInput): DoubleBookingResult {
  // person → date → site(s); a string until a second site shows up, to keep the common case cheap
  const seen = new Map<string, Map<string, string | string[]>>();
  for (const r of input.attendance) {
    if (!r.present || !input.pms.has(r.personHash) || !input.inScope(r.tenderCode)) continue;
    let days = seen.get(r.personHash);
    if (!days) seen.set(r.personHash, (days = new Map()));
    const cur = days.get(r.workDate);
    if (cur === undefined) days.set(r.workDate, r.tenderCode);
    else if (typeof cur === 'string') {
      if (cur !== r.tenderCode) days.set(r.workDate, [cur, r.tenderCode]);
    } else if (!cur.includes(r.tenderCode)) cur.push(r.tenderCode);
  }

  const flags: Flag[] = [];
  const flaggedTenders = new Set<string>();
  for (const person of [...seen.keys()].sort()) {
    const pairs = new Map<string, string[]>();
    const sameDates = new Set<string>();
    const dates = [...seen.get(person)!].filter(([, v]) => Array.isArray(v)).sort(([a], [b]) => (a < b ? -1 : 1));
    for (const [date, v] of dates) {
      const sites = [...(v as string[])].sort();
      for (let i = 0; i < sites.length; i++) {
        for (let j = i + 1; j < sites.length; j++) {
          const a = sites[i]!;
          const b = sites[j]!;
          const pa = input.projectOf(a);
          if (input.sameProjectExempt && pa !== undefined && pa === input.projectOf(b)) continue;
          const key = `${a}\u0000${b}`;
          const list = pairs.get(key);
          if (list) list.push(date);
          else pairs.set(key, [date]);
          sameDates.add(date);
        }
      }
    }
    if (sameDates.size < input.minDays) continue;
    const overlaps = [...pairs].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, ds]) => ({ tenders: key.split('\u0000'), days: ds.length, dates: ds }));
    const tenders = [...new Set(overlaps.flatMap((o) => o.tenders))].sort();
    for (const t of tenders) flaggedTenders.add(t);
    const first = [...sameDates].sort()[0]!;
    const who = input.pms.get(person) === 'bid' ? '项目经理（标书所列）' : '项目经理（考勤登记）';
    flags.push(
      personFlag(
        person,
        'pm_double_booked',
        tenders,
        0.8 + 0.2 * Math.min(1, sameDates.size / 20),
        `${who}${shortHash(person)} 于 ${first} 等 ${sameDates.size} 天同时在 ${tenders.join('、')} ${tenders.length} 个工地打卡` +
          `（《注册建造师管理规定》第二十一条：不得同时担任两个及以上建设工程施工项目负责人；建质〔2011〕111号 带班制度），违规挂证信号` +
          ` (the same PM checked in on ${tenders.length} sites on the same day, ${sameDates.size} day(s))`,
        { named: input.pms.get(person), sameDays: sameDates.size, minDays: input.minDays, overlaps },
      ),
    );
  }
  return { flags, flaggedTenders };
}
