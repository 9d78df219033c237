/** What a planted-case builder hands back to the tender loop. */
import type { Answers } from '../answers.js';
import type { BidDraft } from '../bids.js';
import type { EvaluationResult } from '../evaluation.js';

export interface Built {
  bids: BidDraft[];
  /** the bid that must win (score methods give it the top technical score) */
  forced?: BidDraft;
  /** K for 合理低价法 when the case depends on it */
  fixedK?: number;
  /** after evaluation: false → the loop rebuilds the tender with fresh draws */
  accept?: (ev: EvaluationResult<BidDraft>) => boolean;
  /** once accepted: write the planted case into the answers */
  record?: (answers: Answers, ev: EvaluationResult<BidDraft>) => void;
}

/** Signals other than the ones listed. */
export function others<T>(found: ReadonlySet<T>, allowed: readonly T[]): T[] {
  return [...found].filter((s) => !allowed.includes(s));
}
