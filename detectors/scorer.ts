import type { DatasetView } from './dataset-view.js';
import type { DetectorOutput } from './detector.js';
import type { ScoreSettings } from './scores/score-settings.js';

/**
 * Combines detector outputs into the per-tender and per-firm scores the exports carry (low_bid_score,
 * collusion_score, ring_score), after every detector has run. Lives apart from the registry so that scorers and
 * the registry do not import each other.
 */
export interface Scorer {
  name: string;
  score(
    view: DatasetView,
    outputs: ReadonlyMap<string, DetectorOutput>,
    settings?: ScoreSettings,
  ): { tenderMetrics?: Map<string, Record<string, number | null>>; firmMetrics?: Map<string, Record<string, number | null>> };
}
