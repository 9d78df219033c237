import type { Detector } from './detector.js';
import type { Scorer } from './scorer.js';
import { PRICE_DETECTORS } from './price/index.js';
import { COLLUSION_DETECTORS, COLLUSION_SCORERS } from './rings/collusion-detectors.js';
import { lowBidScorer } from './scores/low-bid-score.js';
import { perfDetector } from './post-award/perf.js';
import { siteDetector } from './site-check/site.js';
import { RELATION_DETECTORS } from './relations/index.js';
import { timingDetector } from './timing/timing.js';
import { boqsimDetector } from './boq/boqsim.js';
import { BUYER_DETECTORS } from './buyer/index.js';

/** Every detector, in the order they run: later ones may read earlier outputs (ctx.previous). */
export const DETECTORS: Detector<any>[] = [...PRICE_DETECTORS, ...COLLUSION_DETECTORS, ...RELATION_DETECTORS, timingDetector, boqsimDetector, ...BUYER_DETECTORS, perfDetector, siteDetector];

export const SCORERS: Scorer[] = [lowBidScorer, ...COLLUSION_SCORERS];

export type { Scorer } from './scorer.js';
