/**
 * SITE subcontracting — 现场工人多数不属于中标人（转包 / 违法分包信号）.
 *
 * Formula: over present worker-days (role worker, present, a person counted once a day),
 *   share = worker-days whose employer of record ≠ the winner / all worker-days.
 * `workforceBasis` = `period` (default): share over the whole attendance, judged when it holds ≥ minWorkerDays
 * worker-days; `month`: any month with ≥ minSiteDays site days and ≥ minWorkerDays worker-days. Flag when
 * share > otherEmployerShare (default 0.50). The whole period is the default because lawful 专业分包 (curtain wall,
 * steel) staffs some months almost entirely with another firm; a month basis would flag those phases.
 * The evidence lists the other employers and whether each one bid in this same tender (a losing bidder running the
 * works is the 陪标 + 转包 pattern).
 * Source: 《建筑法》第二十八条 (禁止转包、肢解后以分包名义转包) and 第二十九条; 建市规〔2019〕1号《建筑工程施工发包与承包违法
 * 行为认定查处管理办法》(转包 / 违法分包 situations; text to verify); 建市〔2019〕18号 (实名制, employer of record).
 * Caveat: lawful 劳务分包 puts workers on a 劳务企业's books — the inspector checks the 分包合同 on file.
 * Medium; score 0.4 + 0.6·(share − threshold)/(1 − threshold).
 * Excluded: no known winner; too few worker-days.
 */
import { clamp01, pct, round } from '../post-award/format.js';
import { clear, excluded, siteFlag, type RuleOutcome, type SiteFacts } from './rule.js';

export interface WorkforceMonth {
  month: string;
  siteDays: number;
  workerDays: number;
  otherDays: number;
  share: number | null;
}

/** Worker-days on the winner's and on other firms' books: per month, in total, and per other employer. */
export function workforce(f: SiteFacts, winner: string) {
  const months: WorkforceMonth[] = [];
  const others = new Map<string, number>();
  let total = 0;
  let other = 0;
  for (const month of [...f.summary.workerDays.keys()].sort()) {
    let mTotal = 0;
    let mOther = 0;
    for (const [employer, days] of f.summary.workerDays.get(month)!) {
      mTotal += days;
      if (employer !== winner) {
        mOther += days;
        others.set(employer, (others.get(employer) ?? 0) + days);
      }
    }
    total += mTotal;
    other += mOther;
    const siteDays = f.summary.siteDays.get(month)?.size ?? 0;
    months.push({ month, siteDays, workerDays: mTotal, otherDays: mOther, share: mTotal > 0 ? mOther / mTotal : null });
  }
  return { months, others, total, other, share: total > 0 ? other / total : null };
}

export function subcontracting(f: SiteFacts): RuleOutcome {
  const winner = f.winnerUscc;
  if (!winner) return excluded('no_winner');
  const s = f.settings;
  const w = workforce(f, winner);
  let judgedShare: number;
  let judgedOn: string;
  let judgedDays: number;
  let otherDays: number;
  if (s.workforceBasis === 'period') {
    if (w.total < s.minWorkerDays) return excluded('too_few_worker_days');
    judgedShare = w.share as number;
    judgedOn = '全期';
    judgedDays = w.total;
    otherDays = w.other;
  } else {
    const judged = w.months.filter((m) => m.siteDays >= s.minSiteDays && m.workerDays >= s.minWorkerDays);
    if (judged.length === 0) return excluded('too_few_worker_days');
    const top = judged.reduce((a, b) => ((b.share as number) > (a.share as number) ? b : a));
    judgedShare = top.share as number;
    judgedOn = `${top.month} 月`;
    judgedDays = top.workerDays;
    otherDays = top.otherDays;
  }
  const limit = s.otherEmployerShare;
  if (!(judgedShare > limit)) return clear;

  const employers = [...w.others]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .map(([uscc, days]) => ({ uscc, workerDays: days, share: round(days / w.total), bidInTender: f.bidders.has(uscc) }));
  const main = employers[0];
  const mainNote = main ? `；最多的是 ${main.uscc}（${main.workerDays} 人日${main.bidInTender ? '，本标段投标人' : ''}）` : '';
  return {
    status: 'flagged',
    flag: siteFlag(
      f,
      'subcontracting',
      'medium',
      clamp01(0.4 + (0.6 * (judgedShare - limit)) / (1 - limit)),
      `${judgedOn}工人出勤 ${judgedDays} 人日中 ${otherDays} 人日（${pct(judgedShare)}）登记在中标人以外的单位名下，` +
        `超过 ${pct(limit, 0)}${mainNote}（转包、违法分包信号：《建筑法》第二十八条、第二十九条；请核查分包合同）` +
        ` (${pct(judgedShare)} of the site workforce is employed by firms other than the winner)`,
      {
        basis: s.workforceBasis,
        threshold: limit,
        minWorkerDays: s.minWorkerDays,
        winnerUscc: winner,
        workerDays: w.total,
        otherDays: w.other,
        share: w.share === null ? null : round(w.share),
        judgedShare: round(judgedShare),
        employers,
        months: w.months.map((m) => ({ ...m, share: m.share === null ? null : round(m.share) })),
      },
    ),
  };
}
