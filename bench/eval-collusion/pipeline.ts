/**
 * Runs the collusion detectors and scorers the way runDetectors does (viewOf, resolveSettings per detector, run in
 * order with earlier outputs in ctx.previous, then the scorers) without depending on the registry, which the lead
 * fills. Times each step.
 */
import { viewOf, type DatasetView } from '../../detectors/dataset-view.js';
import type { Detector, DetectorOutput } from '../../detectors/detector.js';
import { COLLUSION_DETECTORS, COLLUSION_SCORERS } from '../../detectors/rings/collusion-detectors.js';
import { MergedMetrics } from '../../detectors/merged-metrics.js';
import { resolveSettings } from '../../detectors/settings.js';
import type { Dataset } from '../../detectors/types.js';

export interface PipelineResult {
  view: DatasetView;
  outputs: Map<string, DetectorOutput>;
  tenderMetrics: MergedMetrics;
  firmMetrics: MergedMetrics;
  ms: Record<string, number>;
}

export function runCollusion(dataset: Dataset, raw: Record<string, unknown> = {}, detectors: Detector<any>[] = COLLUSION_DETECTORS): PipelineResult {
  const ms: Record<string, number> = {};
  let t0 = performance.now();
  const view = viewOf(dataset);
  ms.viewOf = performance.now() - t0;
  const outputs = new Map<string, DetectorOutput>();
  const tenderMetrics = new MergedMetrics();
  const firmMetrics = new MergedMetrics();
  for (const d of detectors) {
    t0 = performance.now();
    const { settings } = resolveSettings(d.code, d.settingsSchema, raw[d.code]);
    const out = d.run(view, settings, { asOf: '2100-01-01', previous: outputs });
    outputs.set(d.code, out);
    tenderMetrics.add(out.tenderMetrics);
    firmMetrics.add(out.firmMetrics);
    ms[d.code] = performance.now() - t0;
  }
  for (const s of COLLUSION_SCORERS) {
    t0 = performance.now();
    const r = s.score(view, outputs);
    tenderMetrics.add(r.tenderMetrics);
    firmMetrics.add(r.firmMetrics);
    ms[s.name] = performance.now() - t0;
  }
  return { view, outputs, tenderMetrics, firmMetrics, ms };
}
