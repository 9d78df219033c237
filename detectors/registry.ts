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

const [a40, screens, cobid, avgshape] = COLLUSION_DETECTORS as [Detector<any>, Detector<any>, Detector<any>, Detector<any>];

/**
 * Every detector, in the order they run: later ones may read earlier outputs (ctx.previous). The relation,
 * timing and BOQ detectors run before COBID and AVGSHAPE because their hard findings (A34, high BOQSIM) are links
 * of the graph beside A40's (rings/statutory-links.ts).
 */
export const DETECTORS: Detector<any>[] = [
  ...PRICE_DETECTORS,
  a40,
  screens,
  ...RELATION_DETECTORS,
  timingDetector,
  boqsimDetector,
  cobid,
  avgshape,
  ...BUYER_DETECTORS,
  perfDetector,
  siteDetector,
];

export const SCORERS: Scorer[] = [lowBidScorer, ...COLLUSION_SCORERS];

export type { Scorer } from './scorer.js';
