/**
 * 实名制考勤 for sites active in the attendance window: one row per person per working day.
 * Ordinarily the bid's PM and 技术负责人 run the site (PM present ≥ 88 % of each month's working days),
 * with a safety officer and a sample of workers, all employed by the winner.
 */
import type { Answers } from './answers.js';
import { round4 } from './answers.js';
import type { BidDraft, SeedContext } from './bids.js';
import { type Day, iso, monthKey, workdays } from './calendar.js';
import type { ContractDraft } from './contracts.js';
import type { CsvSink } from './csv-sink.js';
import { newPersonId } from './firms.js';
import { makeIdCard } from './ids.js';
import type { Tender } from './market.js';
import { WORKER_REGIONS } from './names.js';
import type { SiteSpec } from './planted/types.js';

export const ATTENDANCE_COLUMNS = ['tender_code', 'person_id', 'role', 'employer_uscc', 'work_date', 'present'] as const;

type Role = 'project_manager' | 'technical_lead' | 'safety_officer' | 'worker';

interface SitePerson {
  id: string;
  role: Role;
  employer: string;
  /** days clocked in */
  present: Set<Day>;
}

/** Working days of the contract inside the window (empty if it does not overlap). */
export function siteDays(ctx: SeedContext, c: ContractDraft): Day[] {
  const from = Math.max(ctx.window.from, c.contractDay);
  const to = Math.min(ctx.window.to, c.actualDay ?? c.plannedDay);
  return from <= to ? workdays(from, to) : [];
}

function byMonth(days: readonly Day[]): Day[][] {
  const out = new Map<string, Day[]>();
  for (const d of days) {
    const k = monthKey(d);
    const m = out.get(k);
    if (m) m.push(d);
    else out.set(k, [d]);
  }
  return [...out.values()];
}

/** Present on all but `absent` randomly chosen days of the month. */
function presentDays(ctx: SeedContext, month: readonly Day[], absent: number): Day[] {
  return ctx.rng.shuffle([...month]).slice(absent);
}

/** Writes a site's attendance; returns the number of rows. */
export function writeSite(
  ctx: SeedContext,
  sink: CsvSink,
  answers: Answers,
  t: Tender,
  winner: BidDraft,
  losers: readonly BidDraft[],
  days: readonly Day[],
  spec?: SiteSpec,
): number {
  const { rng, reg } = ctx;
  const firm = winner.firm;
  const months = byMonth(days);
  const mismatch = spec?.pattern === 'key_role_mismatch' ? (spec.roles ?? []) : [];
  const person = (id: string, role: Role, employer = firm.uscc): SitePerson => ({ id, role, employer, present: new Set() });

  const pm = person(mismatch.includes('project_manager') ? newPersonId(rng, reg, firm.home, 1970, 1992) : winner.pmId, 'project_manager');
  const tl = person(mismatch.includes('technical_lead') ? newPersonId(rng, reg, firm.home, 1970, 1995) : winner.tlId, 'technical_lead');
  const safety = person(newPersonId(rng, reg, firm.home, 1970, 1996), 'safety_officer');
  const workers: SitePerson[] = [];
  const nWorkers = rng.int(8, 20);
  for (let i = 0; i < nWorkers; i++) {
    workers.push(person(reg.persons.claim(() => makeIdCard(rng, rng.pick(WORKER_REGIONS), 1965, 2003)), 'worker'));
  }

  if (spec?.pattern === 'workforce_other_employer') {
    // 转包/违法分包: most of the crew is on another contractor's books — often a losing bidder's
    const candidates = losers.filter((b) => b.firm.kind === 'construction');
    const other = candidates.length > 0 ? rng.pick(candidates).firm : rng.pick(ctx.market.pools.get(`construction:${t.category}`)!.firms.filter((f) => f !== firm));
    const nOther = Math.ceil(nWorkers * rng.float(0.8, 0.95));
    for (let i = 0; i < nOther; i++) workers[i]!.employer = other.uscc;
    answers.site.push({ tenderCode: t.code, pattern: 'workforce_other_employer', employerUscc: other.uscc, share: round4(nOther / nWorkers) });
  }

  // PM presence: ordinary ≥ 88 %; planted months 45–75 % (one month, or two in a row)
  const lowMonths = new Map<number, number>();
  if (spec?.pattern === 'pm_presence') {
    const full = months.map((m, i) => [m.length, i] as const).filter(([n]) => n >= 15).map(([, i]) => i);
    const start = rng.pick(full.length > 1 ? full.slice(0, -1) : full);
    lowMonths.set(start, rng.float(0.45, 0.75));
    if (rng.chance(0.5) && full.includes(start + 1)) lowMonths.set(start + 1, rng.float(0.45, 0.75));
  }
  const presence: { month: string; presence: number }[] = [];
  months.forEach((month, mi) => {
    const low = lowMonths.get(mi);
    const pmAbsent = low !== undefined ? month.length - Math.floor(low * month.length) : rng.int(0, Math.floor(0.12 * month.length));
    for (const d of presentDays(ctx, month, pmAbsent)) pm.present.add(d);
    if (low !== undefined) presence.push({ month: monthKey(month[0]!), presence: round4((month.length - pmAbsent) / month.length) });
    for (const p of [tl, safety, ...workers]) {
      for (const d of presentDays(ctx, month, rng.int(0, Math.floor(0.15 * month.length)))) p.present.add(d);
    }
  });
  if (presence.length > 0) answers.site.push({ tenderCode: t.code, pattern: 'pm_presence', role: 'project_manager', months: presence });
  if (mismatch.length > 0) answers.site.push({ tenderCode: t.code, pattern: 'key_role_mismatch', roles: mismatch });

  const pair = spec?.pattern === 'pair_site' ? spec.pair : undefined;
  if (pair && t.index === pair.first) pair.firstPresent = pm.present;
  if (pair && t.index === pair.second && pair.firstPresent) {
    const sameDays = [...pm.present].filter((d) => pair.firstPresent!.has(d)).length;
    answers.site.push({ tenderCode: pair.firstCode!, pattern: 'pm_two_sites_same_day', role: 'project_manager', otherTenderCode: t.code, sameDays });
  }

  const people = [pm, tl, safety, ...workers];
  for (const d of days) {
    const date = iso(d);
    for (const p of people) sink.add([t.code, p.id, p.role, p.employer, date, p.present.has(d) ? 'true' : 'false']);
  }
  return days.length * people.length;
}
