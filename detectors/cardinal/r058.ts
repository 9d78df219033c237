/**
 * R058 — Heavily discounted bid (中标价大幅低于次低价).
 *
 * Definition: the percentage difference between the winning bid and the second-lowest valid bid is a high outlier.
 * Formula: gap = (secondLowestValidBidAmount − winningBidAmount) / winningBidAmount per process (see gap.ts,
 * shared with R024); upper fence = Q3 + 1.5·IQR over all gaps in the file (statrs type-8 quartiles), or
 * `[R058] threshold`. The process is flagged with its gap if gap ≥ upper fence; its winner is flagged in the
 * Tenderer group with 0.0. Skipped entirely unless the upper fence > 0 (gaps are never negative, so a fence of 0
 * would flag every process whenever 75 % of gaps are 0).
 * Exclusions: exactly those of R024 (global exclusions, price-comparison settings, non-final awards, winning bid
 * not the lowest, several active awards, multi-tenderer bids, multi-supplier awards, other currencies, missing ids).
 *
 * Source: cardinal-rs docs/cli/indicators/R/058.md; behaviour checked against src/indicators/r058.rs and the
 * shared fixture R058.jsonl.
 */
import type { CardinalIndicator } from './context.js';
import { lowerQuartile, upperFence, upperQuartile } from './quartiles.js';
import type { CardinalSettings } from './types.js';

export function createR058(settings: CardinalSettings): CardinalIndicator {
  const threshold = settings.R058?.threshold;
  return {
    finalize(context) {
      let fence: number;
      if (threshold === undefined) {
        const gaps = [...context.gaps.values()].map((g) => g.ratio);
        const q1 = lowerQuartile(gaps);
        const q3 = upperQuartile(gaps);
        context.setMeta('R058', 'q1', q1);
        context.setMeta('R058', 'q3', q3);
        fence = upperFence(q1, q3);
      } else {
        fence = threshold;
      }
      context.setMeta('R058', 'upper_fence', fence);
      if (!(fence > 0)) return;
      for (const [ocid, gap] of context.gaps) {
        if (gap.ratio >= fence) {
          context.setResult('OCID', ocid, 'R058', gap.ratio);
          context.setResult('Tenderer', gap.winner, 'R058', 0.0);
        }
      }
    },
  };
}
