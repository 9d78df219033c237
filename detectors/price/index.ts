/**
 * The price detectors, in the order they should be registered: ALB first (later
 * detectors such as PERF read its flags through ctx.previous), then the cardinal-style indicators.
 */
import type { Detector } from '../detector.js';
import { albDetector } from '../low-bid/alb.js';
import { disqDetector } from './disq.js';
import { identDetector } from './ident.js';
import { regdiffDetector } from './regdiff.js';
import { wgapDetector } from './wgap.js';

export const PRICE_DETECTORS: readonly Detector<any>[] = [albDetector, wgapDetector, identDetector, regdiffDetector, disqDetector];

export { albDetector, disqDetector, identDetector, regdiffDetector, wgapDetector };
