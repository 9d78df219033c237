/**
 * The firm-relations family (issue 12 §2), in run order: A34 (hard, 第三十四条) before R044 (soft), which leaves
 * pairs A34 linked to A34.
 */
import type { Detector } from '../detector.js';
import { a34Detector } from './a34.js';
import { r044Detector } from './r044.js';

export const RELATION_DETECTORS: readonly Detector<any>[] = [a34Detector, r044Detector];

export { a34Detector, r044Detector };
