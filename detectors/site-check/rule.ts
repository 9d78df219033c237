import type { BidRow, ContractRow, Flag, Severity, TenderRow } from '../types.js';
import type { SiteRule, SiteSettings } from './settings.js';
import type { SiteSummary } from './site-summary.js';

export { clear, excluded, type RuleOutcome } from '../post-award/rule.js';

export const SITE_CODE = 'SITE';
export const SITE_VERSION = '1.0.0';

/** What every per-site SITE sub-rule sees about one site (one tender with attendance). */
export interface SiteFacts {
  tenderCode: string;
  tender: TenderRow;
  contract: ContractRow | undefined;
  /** The winner's bid (post-award/winner.ts); undefined when the data hold none. */
  winningBid: BidRow | undefined;
  /** The contract's winner, else the winning bid's bidder; null when neither is known. */
  winnerUscc: string | null;
  /** `settings.for(tender)`. */
  settings: SiteSettings;
  summary: SiteSummary;
  /** The run's "as of" date (YYYY-MM-DD); never the clock. */
  asOf: string;
  /** Every firm that bid in this tender (to say whether a site's other employer was a competitor). */
  bidders: ReadonlySet<string>;
}

/** A SITE flag on the site (subject = tender code), the winner as `bidderUscc`. */
export function siteFlag(
  f: SiteFacts,
  rule: SiteRule,
  severity: Severity,
  score: number,
  explanation: string,
  evidence: Record<string, unknown>,
): Flag {
  return {
    detector: SITE_CODE,
    version: SITE_VERSION,
    subjectType: 'tender',
    subjectId: f.tenderCode,
    tenderCode: f.tenderCode,
    bidderUscc: f.winnerUscc,
    score,
    severity,
    explanation,
    evidence: { rule, ...evidence },
  };
}

/**
 * A SITE flag on a person (subject = the keyed person hash). `tenderCode` is the first of the tenders involved
 * (sorted), so a flag can be opened from a tender; all of them are in `evidence.tenders`.
 */
export function personFlag(
  personHash: string,
  rule: SiteRule,
  tenders: readonly string[],
  score: number,
  explanation: string,
  evidence: Record<string, unknown>,
): Flag {
  return {
    detector: SITE_CODE,
    version: SITE_VERSION,
    subjectType: 'person',
    subjectId: personHash,
    tenderCode: tenders[0] ?? null,
    bidderUscc: null,
    score,
    severity: 'high',
    explanation,
    evidence: { rule, personHash, tenders, ...evidence },
  };
}
