/**
 * The buyer / agency family (issue 12 §1), run after the price detectors (BLOWBID reads ALB's flags).
 */
import type { Detector } from '../detector.js';
import { bconcDetector } from './bconc.js';
import { blowbidDetector } from './blowbid.js';
import { br038Detector } from './br038.js';
import { bsingleDetector } from './bsingle.js';

export const BUYER_DETECTORS: readonly Detector<any>[] = [bconcDetector, br038Detector, bsingleDetector, blowbidDetector];

export { bconcDetector, blowbidDetector, br038Detector, bsingleDetector };
