/**
 * R024 — Price close to winning bid (次低价与中标价过于接近).
 *
 * Definition: the percentage difference between the winning bid and the second-lowest valid bid is a low outlier.
 * Formula: gap = (secondLowestValidBidAmount − winningBidAmount) / winningBidAmount per process (see gap.ts);
 * lower fence = Q1 − 1.5·IQR over all gaps in the file (statrs type-8 quartiles, quartiles.ts), or `[R024]
 * threshold`. The process is flagged with its gap if gap ≤ lower fence; its winner and second-lowest tenderer
 * are flagged in the Tenderer group with 0.0.
 * Skipped entirely (no flags) unless Q1 > 0 and the lower fence > 0 — otherwise 75 % of processes would be
 * flagged when most gaps are 0. With a configured threshold only "threshold > 0" is required.
 * Exclusions: the global ones; the price-comparison settings; non-final awards (pending, invalid); winning bid
 * above the second-lowest (award criteria not price only); several active awards; bids by several tenderers;
 * awards to several suppliers; amounts not in the main currency; missing tenderer/supplier ids.
 *
 * Source: cardinal-rs docs/cli/indicators/R/024.md; behaviour checked against src/indicators/r024.rs and util.rs
 * and the shared fixture R024.jsonl (whose Tenderer flags are newer than the docs' demonstration output).
 */
import type { CardinalIndicator } from './context.js';
import { lowerFence, lowerQuartile, upperQuartile } from './quartiles.js';
import type { CardinalSettings } from './types.js';

export function createR024(settings: CardinalSettings): CardinalIndicator {
  const threshold = settings.R024?.threshold;
  return {
    finalize(context) {
      let fence: number;
      let q1: number;
      if (threshold === undefined) {
        const gaps = [...context.gaps.values()].map((g) => g.ratio);
        q1 = lowerQuartile(gaps);
        const q3 = upperQuartile(gaps);
        context.setMeta('R024', 'q1', q1);
        context.setMeta('R024', 'q3', q3);
        fence = lowerFence(q1, q3);
      } else {
        fence = threshold;
        q1 = 1; // no quartile guard with a configured threshold
      }
      context.setMeta('R024', 'lower_fence', fence);
      if (!(q1 > 0 && fence > 0)) return;
      for (const [ocid, gap] of context.gaps) {
        if (gap.ratio <= fence) {
          context.setResult('OCID', ocid, 'R024', gap.ratio);
          context.setResult('Tenderer', gap.winner, 'R024', 0.0);
          context.setResult('Tenderer', gap.lowestNonWinner, 'R024', 0.0);
        }
      }
    },
  };
}
