import type { Detector, DetectorOutput } from './detector.js';
import type { DatasetView } from './dataset-view.js';
import { PRICE_DETECTORS } from './price/index.js';
import { COLLUSION_DETECTORS, COLLUSION_SCORERS } from './rings/collusion-detectors.js';
import { lowBidScorer } from './scores/low-bid-score.js';
import { perfDetector } from './post-award/perf.js';
import { siteDetector } from './site-check/site.js';

/**
 * Combines detector outputs into the per-tender and per-firm scores the exports carry (low_bid_score,
 * collusion_score, ring_score), after every detector has run.
 */
export interface Scorer {
  name: string;
  score(
    view: DatasetView,
    outputs: ReadonlyMap<string, DetectorOutput>,
  ): { tenderMetrics?: Map<string, Record<string, number | null>>; firmMetrics?: Map<string, Record<string, number | null>> };
}

/** Every detector, in the order they run: later ones may read earlier outputs (ctx.previous). */
export const DETECTORS: Detector<any>[] = [...PRICE_DETECTORS, ...COLLUSION_DETECTORS, perfDetector, siteDetector];

export const SCORERS: Scorer[] = [lowBidScorer, ...COLLUSION_SCORERS];
