import type { DetectorOutput } from '../detector.js';

/**
 * Coverage counts in tender units. Every tender lands in exactly one of applied / notApplicable / excluded;
 * flagged ⊆ applied. `excluded` = ruled out by a setting or an exclusion rule, `notApplicable` = the data cannot
 * support the indicator (too few bids, no control price, no winner …).
 */
export class CoverageCounter {
  applied = 0;
  notApplicable = 0;
  excluded = 0;
  private readonly flaggedTenders = new Set<string>();

  markFlagged(tenderCode: string): void {
    this.flaggedTenders.add(tenderCode);
  }

  result(): DetectorOutput['coverage'] {
    return { applied: this.applied, flagged: this.flaggedTenders.size, notApplicable: this.notApplicable, excluded: this.excluded };
  }
}
