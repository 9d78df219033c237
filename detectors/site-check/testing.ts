/** Builders for the SITE specs (not used by the detector): the PERF builders plus SiteFacts. */
import { tender } from '../post-award/testing.js';
import type { AttendanceRow, BidRow, ContractRow, TenderRow } from '../types.js';
import type { SiteFacts } from './rule.js';
import { siteSettingsSchema } from './settings.js';
import { summarizeSite } from './site-summary.js';

export { att, bid, contract, dataset, days, run, tender } from '../post-award/testing.js';

/** SiteFacts for one per-site SITE rule, summarising `rows` as the detector does. */
export function siteFacts(
  rows: AttendanceRow[],
  opts: { bid?: BidRow; contract?: ContractRow; settings?: Record<string, unknown>; asOf?: string; bidders?: string[]; tender?: TenderRow } = {},
): SiteFacts {
  const s = siteSettingsSchema.parse(opts.settings ?? {});
  const code = rows[0]?.tenderCode ?? 'S1';
  return {
    tenderCode: code,
    tender: opts.tender ?? tender(code),
    contract: opts.contract,
    winningBid: opts.bid,
    winnerUscc: opts.contract?.winnerUscc ?? opts.bid?.bidderUscc ?? null,
    settings: s,
    summary: summarizeSite(code, rows, opts.bid?.projectManagerHash ?? null, s.siteDay),
    asOf: opts.asOf ?? '2025-06-30',
    bidders: new Set(opts.bidders ?? []),
  };
}
