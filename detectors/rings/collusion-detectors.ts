/**
 * The collusion family in its run order, for the registry (detectors/registry.ts) and the benchmarks:
 * A40 first (its links feed COBID and AVGSHAPE), SCREENS, COBID (reads A40), AVGSHAPE (reads A40 and COBID).
 * All run after the price detectors (IDENT and REGDIFF flags corroborate A40 and feed collusion_score).
 */
import type { Detector } from '../detector.js';
import type { Scorer } from '../scorer.js';
import { a40Detector } from '../article-40/a40.js';
import { avgshapeDetector } from '../screens/avgshape.js';
import { screensDetector } from '../screens/distribution-screens.js';
import { collusionScorer } from '../scores/collusion-score.js';
import { ringScorer } from '../scores/ring-score.js';
import { cobidDetector } from './cobid.js';

export const COLLUSION_DETECTORS: Detector<any>[] = [a40Detector, screensDetector, cobidDetector, avgshapeDetector];

export const COLLUSION_SCORERS: Scorer[] = [collusionScorer, ringScorer];
