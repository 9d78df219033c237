/**
 * PERF fast_completion — 竣工过快.
 *
 * For work types in fastCompletionWorkTypes (default 施工, 工程总承包) and contracts with contractPrice ≥
 * fastCompletionMinPrice (default 4,000,000 元, the 施工 threshold of 发改委令第16号《必须招标的工程项目规定》), with
 * days = actualCompletion − contractDate and planned = plannedCompletion − contractDate (calendar days):
 *   (a) days < fastCompletionDays (default 60)                       — Prozorro sas-3-7 (works "completed" < 60 days);
 *   (b) planned > 0 and days < fastCompletionPlannedShare · planned  — far faster than planned (default < 50 %).
 * Flag when (a) or (b). A tendered works contract of this size finished within two months, or in half the planned
 * time, suggests the works were done before the tender (先建后招) or the completion is on paper.
 * Score: 0.4 + 0.6 · the larger shortfall (1 − days/limit, 1 − share/limitShare). Medium.
 * Excluded: other work types; below the size; not completed; unknown tender; dates missing or completion before
 * signing (a data error, reported rather than flagged).
 */
import { clamp01, dayNumber, pct, round, yuan } from './format.js';
import { clear, contractFlag, excluded, type ContractFacts, type RuleOutcome } from './rule.js';

export function fastCompletion(f: ContractFacts): RuleOutcome {
  const s = f.settings;
  const c = f.contract;
  if (!f.tender) return excluded('unknown_tender');
  if (!s.fastCompletionWorkTypes.includes(f.tender.workType)) return excluded('work_type');
  if (!(c.contractPrice >= s.fastCompletionMinPrice)) return excluded('below_min_price');
  if (c.actualCompletion === null) return excluded('not_completed');
  const signed = dayNumber(c.contractDate);
  const done = dayNumber(c.actualCompletion);
  if (signed === null || done === null) return excluded('bad_dates');
  const days = done - signed;
  if (days < 0) return excluded('completion_before_contract');
  const plannedEnd = dayNumber(c.plannedCompletion);
  const planned = plannedEnd === null ? null : plannedEnd - signed;
  const share = planned !== null && planned > 0 ? days / planned : null;
  const tooFast = days < s.fastCompletionDays;
  const farFaster = share !== null && share < s.fastCompletionPlannedShare;
  if (!tooFast && !farFaster) return clear;
  const shortfall = Math.max(
    tooFast ? 1 - days / s.fastCompletionDays : 0,
    farFaster && share !== null ? 1 - share / s.fastCompletionPlannedShare : 0,
  );
  const parts: string[] = [];
  if (tooFast) parts.push(`合同签订 ${c.contractDate} 至实际竣工 ${c.actualCompletion} 仅 ${days} 天，少于 ${s.fastCompletionDays} 天（参照 Prozorro 风险规则 sas-3-7）`);
  if (farFaster && share !== null) parts.push(`实际工期 ${days} 天仅为计划工期 ${planned} 天的 ${pct(share)}，低于 ${pct(s.fastCompletionPlannedShare, 0)}`);
  return contractFlag(
    f,
    'fast_completion',
    'medium',
    clamp01(0.4 + 0.6 * shortfall),
    `竣工过快：${parts.join('；')}；合同价 ${yuan(c.contractPrice)}（不低于 ${yuan(s.fastCompletionMinPrice)}）` +
      ` (works completed ${days} days after signing${share !== null ? `, ${pct(share)} of the planned duration` : ''})`,
    {
      contractDate: c.contractDate,
      actualCompletion: c.actualCompletion,
      plannedCompletion: c.plannedCompletion,
      days,
      plannedDays: planned,
      plannedShare: share === null ? null : round(share),
      thresholds: { days: s.fastCompletionDays, plannedShare: s.fastCompletionPlannedShare, minPrice: s.fastCompletionMinPrice },
      workType: f.tender.workType,
      contractPrice: c.contractPrice,
    },
  );
}
