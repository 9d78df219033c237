/**
 * One propagation per run: collusion_score and ring_score both read it, so it is computed once per (view, outputs).
 * The tender's own evidence is SCREENS' screen_score (0 where there is none).
 */
import type { DatasetView } from '../dataset-view.js';
import type { DetectorOutput } from '../detector.js';
import { propagate, type Propagated } from './bidder-propagation.js';
import { DEFAULT_SCORE_SETTINGS, type ScoreSettings } from './score-settings.js';

const cache = new WeakMap<ReadonlyMap<string, DetectorOutput>, { view: DatasetView; settings: ScoreSettings; result: Propagated }>();

export function propagationOf(view: DatasetView, outputs: ReadonlyMap<string, DetectorOutput>, settings: ScoreSettings = DEFAULT_SCORE_SETTINGS): Propagated {
  const hit = cache.get(outputs);
  if (hit && hit.view === view && hit.settings === settings) return hit.result;
  const own = new Map<string, number>();
  for (const [code, m] of outputs.get('SCREENS')?.tenderMetrics ?? []) {
    const s = m.screen_score;
    if (s !== null && s !== undefined) own.set(code, s);
  }
  const result = propagate(view, own, { alpha: settings.alpha, rounds: settings.rounds });
  cache.set(outputs, { view, settings, result });
  return result;
}
