import type { BidRow, ContractRow, Flag, Severity, TenderRow } from '../types.js';
import type { LowBidStatus } from './low-bid-status.js';
import type { PerfRule, PerfSettings } from './settings.js';

export const PERF_CODE = 'PERF';
export const PERF_VERSION = '1.0.0';

/** What every PERF sub-rule sees about one contract. */
export interface ContractFacts {
  contract: ContractRow;
  /** Undefined when the contract's tender is not in the data set. */
  tender: TenderRow | undefined;
  /** The contract winner's bid (winner.ts); undefined when the data hold none. */
  winningBid: BidRow | undefined;
  /** `settings.for(tender)`, or the base settings for an unknown tender. */
  settings: PerfSettings;
  /** Whether the winner counts as a low bid (ALB flag or peer fence); computed only when a rule asks. */
  lowBid: () => LowBidStatus;
}

/** A sub-rule either flags, finds nothing, or cannot be applied to this contract (and says why). */
export type RuleOutcome = { status: 'flagged'; flag: Flag } | { status: 'clear' } | { status: 'excluded'; reason: string };

export const clear: RuleOutcome = { status: 'clear' };

export function excluded(reason: string): RuleOutcome {
  return { status: 'excluded', reason };
}

/** A PERF flag on the contract (subject = tender code), its winner as `bidderUscc`. */
export function contractFlag(
  f: ContractFacts,
  rule: PerfRule,
  severity: Severity,
  score: number,
  explanation: string,
  evidence: Record<string, unknown>,
): RuleOutcome {
  return {
    status: 'flagged',
    flag: {
      detector: PERF_CODE,
      version: PERF_VERSION,
      subjectType: 'contract',
      subjectId: f.contract.tenderCode,
      tenderCode: f.contract.tenderCode,
      bidderUscc: f.contract.winnerUscc,
      score,
      severity,
      explanation,
      evidence: { rule, ...evidence },
    },
  };
}
