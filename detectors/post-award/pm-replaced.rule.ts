/**
 * PERF pm_replaced — 中标后更换项目经理.
 *
 * Formula: contract.projectManagerChanged === true. The site side (who actually clocks in as PM) is SITE's
 * team_mismatch; this rule reads only what the contract record says.
 * Source: 成都 成住建规〔2023〕13号 — the 项目管理班子 must match the 投标文件, and the 项目经理 "原则上不得更换";
 * 《招标投标法实施条例》第五十七条 (the contract must follow the bid, whose team was scored). Kunshan/Suzhou text on
 * 项目经理变更 was not found: see PERF.md.
 * Medium, fixed score 0.5: a change may be approved (illness, resignation); the inspector checks the approval.
 * Excluded: the field is empty (not known).
 */
import { clear, contractFlag, excluded, type ContractFacts, type RuleOutcome } from './rule.js';

export function pmReplaced(f: ContractFacts): RuleOutcome {
  const changed = f.contract.projectManagerChanged;
  if (changed === null) return excluded('pm_change_unknown');
  if (!changed) return clear;
  return contractFlag(
    f,
    'pm_replaced',
    'medium',
    0.5,
    `合同履行中更换了项目经理（参照成都 成住建规〔2023〕13号：项目经理原则上不得更换；投标文件所列项目管理班子应与现场一致），` +
      `请核查变更审批 (project manager replaced after award)`,
    { projectManagerChanged: true, bidProjectManagerNamed: f.winningBid ? f.winningBid.projectManagerHash !== null : null },
  );
}
