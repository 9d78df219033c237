/**
 * SITE — 市场与施工现场联动核查 (bid team vs who is actually on site). One detector; per-site sub-rules
 * (pm_presence, team_mismatch, subcontracting) judge each site's 实名制 attendance against its winning bid, and
 * person sub-rules (pm_double_booked, pm_two_contracts) look across sites and contracts. Methodology in SITE.md.
 *
 * Coverage in tender units, over tenders of the work types in scope: applied = a sub-rule examined the tender (a
 * site with attendance, or a contract whose bid names a PM); excluded = it has attendance or a contract but every
 * sub-rule had to skip it (too few days, no winner, no PM named, unknown tender); notApplicable = no attendance and
 * no contract, or a work type out of scope. Person flags count every tender they name as flagged.
 * Cost: two passes over the attendance (per site, then person → date); 1,000,000 rows take about a second.
 */
import type { Detector, DetectorOutput } from '../detector.js';
import { round } from '../post-award/format.js';
import { winningBid } from '../post-award/winner.js';
import type { Flag, TenderRow } from '../types.js';
import { pmDoubleBooked } from './double-booking.rule.js';
import { pmPresence, presenceBasis, presenceMonths } from './pm-presence.rule.js';
import { pmTwoContracts, type ActiveContract } from './pm-two-contracts.rule.js';
import { SITE_CODE, SITE_VERSION, type RuleOutcome, type SiteFacts } from './rule.js';
import { siteSettingsSchema, type SiteRule, type SiteSettings } from './settings.js';
import { summarizeSite } from './site-summary.js';
import { subcontracting, workforce } from './subcontracting.rule.js';
import { teamMismatch } from './team-mismatch.rule.js';

const SITE_RULE_FUNCS: [SiteRule, (f: SiteFacts) => RuleOutcome][] = [
  ['pm_presence', pmPresence],
  ['team_mismatch', teamMismatch],
  ['subcontracting', subcontracting],
];

export const siteDetector: Detector<SiteSettings> = {
  code: SITE_CODE,
  version: SITE_VERSION,
  title: '市场与施工现场联动核查：项目经理到岗、班子一致、人员挂证、转包分包 (bid team vs site)',
  family: 'site',
  settingsSchema: siteSettingsSchema,
  maxFlagShare: 0.25,
  run(view, settings, ctx): DetectorOutput {
    const flags: Flag[] = [];
    const applied = new Set<string>();
    const excluded = new Set<string>();
    const flagged = new Set<string>();
    const tenderFacts = new Map<string, Record<string, unknown>>();
    const tenderMetrics = new Map<string, Record<string, number | null>>();
    const settingsOf = (t: TenderRow): SiteSettings => settings.for(t);
    const scope = new Map<string, boolean>(); // memo: double booking asks once per attendance row
    const inScope = (code: string, rule?: SiteRule): boolean => {
      const key = `${rule ?? ''}|${code}`;
      let v = scope.get(key);
      if (v === undefined) {
        const t = view.tender.get(code);
        const s = t ? settingsOf(t) : undefined;
        v = !!t && !!s && s.workTypes.includes(t.workType) && (rule === undefined || !s.disabledRules.includes(rule));
        scope.set(key, v);
      }
      return v;
    };

    // The winners' PMs (for double booking and two contracts), from tenders in scope.
    const pms = new Map<string, 'bid' | 'site'>();
    const active: ActiveContract[] = [];
    for (const t of view.tenders) {
      if (!inScope(t.code)) continue;
      const contract = view.contractOf.get(t.code);
      const pm = winningBid(view.bidsOf.get(t.code), contract?.winnerUscc)?.projectManagerHash;
      if (!pm) continue;
      pms.set(pm, 'bid');
      if (contract && inScope(t.code, 'pm_two_contracts')) active.push({ contract, pm, project: t.projectName });
    }

    // Per-site rules.
    for (const code of [...view.attendanceOf.keys()].sort()) {
      const tender = view.tender.get(code);
      if (!tender) {
        excluded.add(code);
        continue;
      }
      if (!inScope(code)) continue;
      const s = settingsOf(tender);
      const contract = view.contractOf.get(code);
      const bid = winningBid(view.bidsOf.get(code), contract?.winnerUscc);
      const summary = summarizeSite(code, view.attendanceOf.get(code)!, bid?.projectManagerHash ?? null, s.siteDay);
      for (const p of summary.keyRoles.get('project_manager')!.keys()) if (!pms.has(p)) pms.set(p, 'site');
      const facts: SiteFacts = {
        tenderCode: code,
        tender,
        contract,
        winningBid: bid,
        winnerUscc: contract?.winnerUscc ?? bid?.bidderUscc ?? null,
        settings: s,
        summary,
        asOf: ctx.asOf,
        bidders: new Set((view.bidsOf.get(code) ?? []).map((b) => b.bidderUscc)),
      };
      let examined = false;
      for (const [rule, fn] of SITE_RULE_FUNCS) {
        if (s.disabledRules.includes(rule)) continue;
        const out = fn(facts);
        if (out.status === 'excluded') continue;
        examined = true;
        if (out.status === 'flagged') {
          flags.push(out.flag);
          flagged.add(code);
        }
      }
      (examined ? applied : excluded).add(code);
      tenderMetrics.set(code, metrics(facts));
      tenderFacts.set(code, presenceFacts(facts));
    }

    // Person rules, across sites and contracts (numeric settings from the base: a person spans categories).
    const base = settings.base;
    const double = pmDoubleBooked({
      attendance: view.dataset.attendance,
      pms,
      inScope: (code) => inScope(code, 'pm_double_booked'),
      projectOf: (code) => view.tender.get(code)?.projectName,
      minDays: base.doubleBookingMinDays,
      sameProjectExempt: base.sameProjectExempt,
    });
    const two = pmTwoContracts({ contracts: active, asOf: ctx.asOf, minOverlapDays: base.twoContractsMinOverlapDays, sameProjectExempt: base.sameProjectExempt });
    for (const f of double.flags) flags.push(f);
    for (const f of two.flags) flags.push(f);
    for (const code of two.examined) applied.add(code);
    for (const code of [...double.flaggedTenders, ...two.flaggedTenders]) {
      applied.add(code);
      flagged.add(code);
    }

    // Contracts pm_two_contracts should have examined but could not (the bid named no PM, broken dates), or whose
    // tender is unknown. A contract whose tender disabled the rule is simply not applicable.
    for (const code of view.contractOf.keys()) {
      if (applied.has(code)) continue;
      if (!view.tender.has(code) || inScope(code, 'pm_two_contracts')) excluded.add(code);
    }
    for (const code of applied) excluded.delete(code);
    const universe = new Set<string>([...view.tender.keys(), ...view.attendanceOf.keys(), ...view.contractOf.keys()]);
    const notApplicable = universe.size - applied.size - excluded.size;
    return { flags, coverage: { applied: applied.size, flagged: flagged.size, notApplicable, excluded: excluded.size }, tenderMetrics, tenderFacts };
  },
};

/**
 * The project manager's presence per month exactly as pm_presence judged it (whose presence, the threshold and
 * the minimum site days in force for this tender): the attendance timeline shows these, not a recomputation.
 */
function presenceFacts(f: SiteFacts): Record<string, unknown> {
  return {
    basis: presenceBasis(f),
    threshold: f.settings.presenceThreshold,
    minSiteDays: f.settings.minSiteDays,
    months: presenceMonths(f).map((m) => ({ ...m, judged: m.presence !== null })),
  };
}

/** Per-site numbers for the exports. */
function metrics(f: SiteFacts): Record<string, number | null> {
  const judged = presenceMonths(f).filter((m) => m.presence !== null);
  const min = judged.length ? judged.reduce((lo, m) => Math.min(lo, m.presence as number), Infinity) : null;
  const share = f.winnerUscc ? workforce(f, f.winnerUscc).share : null;
  return {
    site_pm_presence_min: min === null ? null : round(min),
    site_other_employer_share: share === null ? null : round(share),
  };
}
