/**
 * One pass over a site's attendance rows, keeping only what the per-site rules need: the site's construction days
 * per month, the days the bid's PM (and anyone registered as PM) checked in, who holds the key roles, and the
 * present worker-days per month and employer. Linear in the rows; the summary is dropped after the site is judged.
 */
import type { AttendanceRow } from '../types.js';
import type { SiteSettings } from './settings.js';

export type KeyRole = 'project_manager' | 'technical_lead';

export interface KeyPerson {
  /** First and last dates with any row in this role. */
  first: string;
  last: string;
  /** Distinct dates with a row in this role (registered on the roster, present or not). */
  days: Set<string>;
  /** Distinct dates checked in (present) in this role. */
  presentDays: Set<string>;
}

export interface SiteSummary {
  tenderCode: string;
  /** Construction days per month ('YYYY-MM' → dates), by the `siteDay` setting. */
  siteDays: Map<string, Set<string>>;
  firstDay: string | null;
  lastDay: string | null;
  /** Dates the bid's PM checked in on this site, in any role (empty when the bid named no PM). */
  bidPmPresent: Set<string>;
  /** Dates on which anyone registered with role project_manager checked in. */
  rolePmPresent: Set<string>;
  /** Persons per key role: person hash → their dates. */
  keyRoles: Map<KeyRole, Map<string, KeyPerson>>;
  /** Present worker-days per month and employer USCC ('YYYY-MM' → employer → days); a person counts once a day. */
  workerDays: Map<string, Map<string, number>>;
}

export function summarizeSite(
  tenderCode: string,
  rows: readonly AttendanceRow[],
  bidPm: string | null,
  siteDay: SiteSettings['siteDay'],
): SiteSummary {
  const siteDays = new Map<string, Set<string>>();
  const bidPmPresent = new Set<string>();
  const rolePmPresent = new Set<string>();
  const keyRoles = new Map<KeyRole, Map<string, KeyPerson>>([
    ['project_manager', new Map()],
    ['technical_lead', new Map()],
  ]);
  const workerDays = new Map<string, Map<string, number>>();
  const workerSeen = new Set<string>();
  let firstDay: string | null = null;
  let lastDay: string | null = null;

  for (const r of rows) {
    const date = r.workDate;
    const month = date.slice(0, 7);
    if (r.present || siteDay === 'any_record') {
      let days = siteDays.get(month);
      if (!days) siteDays.set(month, (days = new Set()));
      days.add(date);
      if (firstDay === null || date < firstDay) firstDay = date;
      if (lastDay === null || date > lastDay) lastDay = date;
    }
    if (r.role === 'project_manager' || r.role === 'technical_lead') {
      const people = keyRoles.get(r.role)!;
      let p = people.get(r.personHash);
      if (!p) people.set(r.personHash, (p = { first: date, last: date, days: new Set(), presentDays: new Set() }));
      if (date < p.first) p.first = date;
      if (date > p.last) p.last = date;
      p.days.add(date);
      if (r.present) p.presentDays.add(date);
    }
    if (!r.present) continue;
    if (bidPm !== null && r.personHash === bidPm) bidPmPresent.add(date);
    if (r.role === 'project_manager') rolePmPresent.add(date);
    if (r.role === 'worker') {
      const key = `${r.personHash}|${date}`;
      if (workerSeen.has(key)) continue;
      workerSeen.add(key);
      let byEmployer = workerDays.get(month);
      if (!byEmployer) workerDays.set(month, (byEmployer = new Map()));
      byEmployer.set(r.employerUscc, (byEmployer.get(r.employerUscc) ?? 0) + 1);
    }
  }
  return { tenderCode, siteDays, firstDay, lastDay, bidPmPresent, rolePmPresent, keyRoles, workerDays };
}
