/**
 * The market's own spacing of bid uploads and bid-file creations (市场上传间隔分布): for every tender, the firms'
 * timestamps sorted ascending and the gaps between consecutive *different* firms, pooled over all tenders of the
 * data set. TIMING's "close" threshold is a low quantile of that pool, so "within seconds" means "closer than
 * q of the market's neighbouring uploads", whatever the platform's deadline habits are.
 *
 *   firm time   a firm's earliest timestamp in the tender (a firm with several bids is one uploader)
 *   gaps        g_k = t₍k+1₎ − t₍k₎ in seconds over the firm times of one tender, k = 1 … n−1
 *   threshold   τ = Q_q(all gaps), type-7 quantile (lib/stats); null when fewer than `minGaps` gaps (with fewer
 *               than 2/q gaps the q-quantile is little more than the sample minimum), and null when τ = 0 (as
 *               cardinal skips a fence that is not > 0: the timestamps are too coarse to separate bidders)
 */
import type { DatasetView } from '../dataset-view.js';
import { quantileSorted } from '../lib/stats.js';
import type { BidRow } from '../types.js';

export type TimeField = 'uploadTime' | 'fileCreatedAt';

export interface GapThreshold {
  field: TimeField;
  /** Seconds; null when the market has too few gaps. */
  seconds: number | null;
  quantile: number;
  /** Number of gaps pooled. */
  gaps: number;
  /** Why there is no threshold: too few gaps, or τ = 0 (more than q of the gaps are 0: timestamps too coarse). */
  reason?: 'few_gaps' | 'degenerate';
}

/** Firm → earliest timestamp (ms) of the field in one tender's bids, sorted by time then USCC. */
export function firmTimes(bids: readonly BidRow[], field: TimeField): Array<{ firm: string; ms: number }> {
  const first = new Map<string, number>();
  for (const b of bids) {
    const v = b[field];
    if (v === null || v === undefined || !Number.isFinite(v)) continue;
    const cur = first.get(b.bidderUscc);
    if (cur === undefined || v < cur) first.set(b.bidderUscc, v);
  }
  return [...first].map(([firm, ms]) => ({ firm, ms })).sort((a, b) => a.ms - b.ms || (a.firm < b.firm ? -1 : a.firm > b.firm ? 1 : 0));
}

export function marketGapThreshold(view: DatasetView, field: TimeField, q: number, minGaps: number): GapThreshold {
  const gaps: number[] = [];
  for (const t of view.tenders) {
    const times = firmTimes(view.bidsOf.get(t.code) ?? [], field);
    for (let k = 1; k < times.length; k++) gaps.push(((times[k] as { ms: number }).ms - (times[k - 1] as { ms: number }).ms) / 1000);
  }
  if (gaps.length < minGaps) return { field, seconds: null, quantile: q, gaps: gaps.length, reason: 'few_gaps' };
  const sorted = Float64Array.from(gaps).sort();
  const tau = Math.round(quantileSorted(sorted, q) * 1000) / 1000; // to the millisecond, the timestamps' own unit
  // more than q of neighbouring uploads share a timestamp: the clock is too coarse (a day, a minute) to tell
  if (!(tau > 0)) return { field, seconds: null, quantile: q, gaps: gaps.length, reason: 'degenerate' };
  return { field, seconds: tau, quantile: q, gaps: gaps.length };
}

/**
 * Runs of consecutive firm times with every gap ≤ τ (bursts), each with ≥ 2 firms. With τ = 0 only identical
 * timestamps form a burst.
 */
export function bursts(times: ReadonlyArray<{ firm: string; ms: number }>, tauSeconds: number): Array<Array<{ firm: string; ms: number }>> {
  const out: Array<Array<{ firm: string; ms: number }>> = [];
  let cur: Array<{ firm: string; ms: number }> = [];
  for (const x of times) {
    const last = cur[cur.length - 1];
    if (last && (x.ms - last.ms) / 1000 <= tauSeconds) cur.push(x);
    else {
      if (cur.length >= 2) out.push(cur);
      cur = [x];
    }
  }
  if (cur.length >= 2) out.push(cur);
  return out;
}
