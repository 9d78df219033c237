import type { Ring, DetectorOutput } from './detector.js';
import { viewOf, type DatasetView } from './dataset-view.js';
import { MergedMetrics } from './merged-metrics.js';
import { DETECTORS, SCORERS } from './registry.js';
import { resolveSettings, settingsHash, SettingsError } from './settings.js';
import { scoreSettingsSchema, type ScoreSettings } from './scores/score-settings.js';

/** The settings-file key of the scorers' settings (collusion_score, ring_score). */
export const SCORES_KEY = 'SCORES';

function parseScoreSettings(raw: unknown): ScoreSettings {
  const r = scoreSettingsSchema.safeParse(raw ?? {});
  if (!r.success) {
    throw new SettingsError(r.error.issues.map((i) => `${[SCORES_KEY, ...i.path].join('.')}: ${i.message}`).join('; ') + '（评分设置无效 invalid score settings）');
  }
  return r.data;
}
import type { Coverage, Dataset, Flag } from './types.js';

export interface RunDetectorsOptions {
  /** "As of" date for time-relative rules, YYYY-MM-DD. */
  asOf: string;
  /** Run only these detector codes (default: all). */
  only?: string[];
}

export interface RunDetectorsResult {
  flags: Flag[];
  coverage: Coverage[];
  rings: Ring[];
  /** Every detector's and scorer's metrics per tender / firm, merged on read (merged-metrics.ts). */
  tenderMetrics: MergedMetrics;
  firmMetrics: MergedMetrics;
  settings: Record<string, unknown>;
  settingsHash: string;
  versions: Record<string, string>;
  /** Per tender, per detector code: the structured figures the detector recorded (DetectorOutput.tenderFacts). */
  tenderFacts: Map<string, Record<string, Record<string, unknown>>>;
  /** Wall time of each scorer, milliseconds. */
  scorerMs: Record<string, number>;
  /** Each detector's own output (the same objects as above, not copies), for evaluation and score breakdowns. */
  outputs: ReadonlyMap<string, DetectorOutput>;
  view: DatasetView;
}

/**
 * runDetectors(dataset, settings) → flags: the one entry from src/ into detectors/ (DESIGN.md).
 * `rawSettings` is the parsed settings file: `{ CODE: { ...settings, overrides: [...] } }`; unknown codes are refused.
 */
export function runDetectors(dataset: Dataset, rawSettings: Record<string, unknown> = {}, opts: RunDetectorsOptions): RunDetectorsResult {
  const known = new Set([...DETECTORS.map((d) => d.code), SCORES_KEY]);
  const unknown = Object.keys(rawSettings).filter((k) => !known.has(k));
  if (unknown.length) {
    throw new SettingsError(`设置文件中有未知的检测项：${unknown.join(', ')}（可用：${[...known].join(', ')}）(unknown detector codes)`);
  }
  const view = viewOf(dataset);
  const outputs = new Map<string, DetectorOutput>();
  const canonical: Record<string, unknown> = {};
  const versions: Record<string, string> = {};
  const coverage: Coverage[] = [];
  const flags: Flag[] = [];
  const rings: Ring[] = [];
  const tenderMetrics = new MergedMetrics();
  const firmMetrics = new MergedMetrics();
  const tenderFacts = new Map<string, Record<string, Record<string, unknown>>>();

  for (const d of DETECTORS) {
    if (opts.only && !opts.only.includes(d.code)) continue;
    const { settings, canonical: c } = resolveSettings(d.code, d.settingsSchema, rawSettings[d.code]);
    canonical[d.code] = c;
    versions[d.code] = d.version;
    const started = performance.now();
    const out = d.run(view, settings, { asOf: opts.asOf, previous: outputs });
    const ms = Math.round(performance.now() - started);
    outputs.set(d.code, out);
    // One at a time: a spread of a few hundred thousand flags overflows the call stack (issue 10).
    for (const f of out.flags) flags.push(f);
    for (const r of out.rings ?? []) rings.push(r);
    tenderMetrics.add(out.tenderMetrics);
    firmMetrics.add(out.firmMetrics);
    for (const [code, f] of out.tenderFacts ?? []) {
      const cur = tenderFacts.get(code);
      if (cur) cur[d.code] = f;
      else tenderFacts.set(code, { [d.code]: f });
    }
    const cov: Coverage = { detector: d.code, ...out.coverage, ms };
    const share = cov.applied > 0 ? cov.flagged / cov.applied : 0;
    if (cov.applied >= 20 && share > d.maxFlagShare) {
      cov.warning =
        `${d.code} 标记了 ${(share * 100).toFixed(1)}% 的适用标段（上限 ${(d.maxFlagShare * 100).toFixed(0)}%），` +
        `可能是设置问题，请复核 (flags more than the expected share: review the settings)`;
    }
    coverage.push(cov);
  }
  const scoreSettings = parseScoreSettings(rawSettings[SCORES_KEY]);
  canonical[SCORES_KEY] = scoreSettings;
  const scorerMs: Record<string, number> = {};
  for (const s of SCORERS) {
    const started = performance.now();
    const r = s.score(view, outputs, scoreSettings);
    scorerMs[s.name] = Math.round(performance.now() - started);
    tenderMetrics.add(r.tenderMetrics);
    firmMetrics.add(r.firmMetrics);
  }
  return { flags, coverage, rings, tenderMetrics, firmMetrics, settings: canonical, settingsHash: settingsHash(canonical), versions, outputs, view, scorerMs, tenderFacts };
}

export { DETECTORS, SCORERS } from './registry.js';
export type { Detector, DetectorOutput, Ring } from './detector.js';
export { SettingsError } from './settings.js';
