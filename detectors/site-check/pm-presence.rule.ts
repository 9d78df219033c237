/**
 * SITE pm_presence — 项目经理带班（到岗）率.
 *
 * Formula, per calendar month m of the site's attendance:
 *   siteDays_m = the site's construction days in m — the days the site has attendance (setting `siteDay`:
 *                `any_present`, the default, = someone checked in; `any_record` = any row, present or not);
 *   pmDays_m   = the days in m the PM checked in on this site (present = true);
 *   presence_m = pmDays_m / siteDays_m, judged only when siteDays_m ≥ minSiteDays (default 10).
 * Flag when some judged month has presence_m < presenceThreshold (default 0.80); **high** when two calendar-
 * consecutive judged months are both below (a skipped month breaks the run), else medium.
 * Whose presence: the PM named in the winning bid (项目经理（标书所列）). When the bid named no PM, or the contract
 * records a PM change, it is whoever the attendance system registers with role project_manager (项目经理（考勤登记）):
 * a day counts if any of them checked in — so a site with no PM rows at all has presence 0.
 * Source: 建质〔2011〕111号《建筑施工企业负责人及项目负责人施工现场带班暂行办法》— the 项目负责人 must 带班 on site for
 * at least 80 % of each month's construction time; 建市〔2019〕18号 (实名制) makes the clock-in the record.
 * Score: shortfall = (threshold − worst presence) / threshold; medium 0.4 + 0.6·shortfall, high 0.7 + 0.3·shortfall.
 * Excluded: no month with enough site days.
 */
import { nextMonth, pct, round } from '../post-award/format.js';
import { clear, excluded, siteFlag, type RuleOutcome, type SiteFacts } from './rule.js';

export interface PresenceMonth {
  month: string;
  siteDays: number;
  pmDays: number;
  /** null for a month with too few site days (not judged). */
  presence: number | null;
  below: boolean;
}

export type PresenceBasis = 'bid_pm' | 'site_pm';

/** Whose presence is measured (see the rule comment). */
export function presenceBasis(f: Pick<SiteFacts, 'winningBid' | 'contract'>): PresenceBasis {
  return f.winningBid?.projectManagerHash && f.contract?.projectManagerChanged !== true ? 'bid_pm' : 'site_pm';
}

/** Month-by-month presence, in month order. */
export function presenceMonths(f: SiteFacts, basis: PresenceBasis = presenceBasis(f)): PresenceMonth[] {
  const pm = basis === 'bid_pm' ? f.summary.bidPmPresent : f.summary.rolePmPresent;
  const pmByMonth = new Map<string, number>();
  for (const d of pm) {
    const m = d.slice(0, 7);
    pmByMonth.set(m, (pmByMonth.get(m) ?? 0) + 1);
  }
  const { presenceThreshold, minSiteDays } = f.settings;
  return [...f.summary.siteDays.keys()].sort().map((month) => {
    const siteDays = f.summary.siteDays.get(month)!.size;
    const pmDays = pmByMonth.get(month) ?? 0;
    const presence = siteDays >= minSiteDays ? pmDays / siteDays : null;
    return { month, siteDays, pmDays, presence, below: presence !== null && presence < presenceThreshold };
  });
}

export function pmPresence(f: SiteFacts): RuleOutcome {
  const basis = presenceBasis(f);
  const months = presenceMonths(f, basis);
  const judged = months.filter((m) => m.presence !== null);
  if (judged.length === 0) return excluded('too_few_site_days');
  const below = judged.filter((m) => m.below);
  if (below.length === 0) return clear;
  const threshold = f.settings.presenceThreshold;
  let run: [PresenceMonth, PresenceMonth] | null = null;
  for (let i = 0; i + 1 < judged.length && !run; i++) {
    const a = judged[i]!;
    const b = judged[i + 1]!;
    if (a.below && b.below && nextMonth(a.month) === b.month) run = [a, b];
  }
  const worst = below.reduce((w, m) => ((m.presence as number) < (w.presence as number) ? m : w));
  const shortfall = (threshold - (worst.presence as number)) / threshold;
  const who = basis === 'bid_pm' ? '项目经理（标书所列）' : '项目经理（考勤登记）';
  const noPmNote = basis === 'site_pm' && f.summary.rolePmPresent.size === 0 ? '；考勤中没有项目经理打卡记录' : '';
  const runNote = run ? `；${run[0].month}、${run[1].month} 连续两个月低于 ${pct(threshold, 0)}` : '';
  return {
    status: 'flagged',
    flag: siteFlag(
      f,
      'pm_presence',
      run ? 'high' : 'medium',
      run ? 0.7 + 0.3 * shortfall : 0.4 + 0.6 * shortfall,
      `${who}${worst.month} 月到岗 ${worst.pmDays} 天 / 施工 ${worst.siteDays} 天 = ${pct(worst.presence as number)}，` +
        `低于 ${pct(threshold, 0)}（建质〔2011〕111号《建筑施工企业负责人及项目负责人施工现场带班暂行办法》）；` +
        `共 ${below.length} 个月低于标准${runNote}${noPmNote}` +
        ` (PM on site below ${pct(threshold, 0)} in ${below.length} month(s)${run ? ', two consecutive' : ''})`,
      {
        basis,
        threshold,
        minSiteDays: f.settings.minSiteDays,
        siteDay: f.settings.siteDay,
        months: months.map((m) => ({ ...m, presence: m.presence === null ? null : round(m.presence) })),
        belowMonths: below.map((m) => m.month),
        consecutive: run ? run.map((m) => m.month) : null,
        contractPmChanged: f.contract?.projectManagerChanged ?? null,
      },
    ),
  };
}
