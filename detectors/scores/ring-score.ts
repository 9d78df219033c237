/**
 * ring_score — per firm, in [0, 1]: how strongly the collusion detectors tie the firm to a ring (围标团伙关联度).
 *
 *   linked     = max( score of the COBID rings holding the firm,
 *                     the firm's best-core graph evidence (COBID firmMetrics cobid_score),
 *                     its strongest statutory link: A40, A34 (第三十四条) or high BOQSIM (第四十条(四)) flag score )
 *   exposure   = 0.7 × f³ (settings `exposureWeight`), f = the firm's exposure percentile: the evidence of every tender it bid in, summed
 *                (bidder-propagation.ts) — a firm that keeps turning up in tenders whose bids look coordinated
 *   ring_score = 1 − (1 − linked)(1 − shaping)(1 − loser)(1 − exposure)
 *
 * shaping = the strongest AVGSHAPE flag naming the firm in its group (≤ 0.7); loser = the professional-loser flag
 * score (0.3). Noisy-OR: independent pieces of evidence add up, none alone reaches 1, a hard fingerprint link
 * (0.9) dominates. No weight is fitted to labels (rings/scores.md). Every firm that bid gets a score, so the firms
 * export is complete.
 */
import type { DatasetView } from '../dataset-view.js';
import type { DetectorOutput } from '../detector.js';
import type { Scorer } from '../scorer.js';
import { noisyOr } from '../rings/ring-assembly.js';
import { propagationOf } from './propagation-cache.js';
import { DEFAULT_SCORE_SETTINGS, type ScoreSettings } from './score-settings.js';

export interface FirmRingEvidence {
  ring: number;
  graph: number;
  article40: number;
  /** max(ring, graph, article40): what ties the firm to named partners. */
  linked: number;
  shaping: number;
  loser: number;
  /** The exposure percentile f and its part 0.7·f³. */
  exposurePercentile: number;
  exposure: number;
  score: number;
}

export function firmRingScores(
  view: DatasetView,
  outputs: ReadonlyMap<string, DetectorOutput>,
  settings: ScoreSettings = DEFAULT_SCORE_SETTINGS,
): Map<string, FirmRingEvidence> {
  const out = new Map<string, FirmRingEvidence>();
  const get = (u: string) => {
    let e = out.get(u);
    if (!e) out.set(u, (e = { ring: 0, graph: 0, article40: 0, linked: 0, shaping: 0, loser: 0, exposurePercentile: 0, exposure: 0, score: 0 }));
    return e;
  };
  for (const u of view.tendersOfFirm.keys()) get(u);
  const cobid = outputs.get('COBID');
  for (const r of cobid?.rings ?? []) for (const m of r.members) get(m).ring = Math.max(get(m).ring, r.score);
  for (const [u, m] of cobid?.firmMetrics ?? []) get(u).graph = Math.max(get(u).graph, m.cobid_score ?? 0);
  for (const f of cobid?.flags ?? []) if (f.evidence.rule === 'professional_loser' && f.bidderUscc) get(f.bidderUscc).loser = Math.max(get(f.bidderUscc).loser, f.score);
  // a firm's strongest statutory link: A40's flags, A34 (第三十四条) and high BOQSIM (第四十条(四))
  for (const code of ['A40', 'A34', 'BOQSIM']) {
    for (const f of outputs.get(code)?.flags ?? []) {
      if (code === 'BOQSIM' && f.severity !== 'high') continue;
      for (const u of (f.evidence.pair as string[] | undefined) ?? []) get(u).article40 = Math.max(get(u).article40, f.score);
    }
  }
  for (const f of outputs.get('AVGSHAPE')?.flags ?? []) {
    for (const u of (f.evidence.group as string[] | undefined) ?? []) get(u).shaping = Math.max(get(u).shaping, f.score);
  }
  const prop = propagationOf(view, outputs, settings);
  for (const [u, e] of out) {
    e.linked = Math.max(e.ring, e.graph, e.article40);
    e.exposurePercentile = prop.firm.get(u) ?? 0;
    e.exposure = settings.exposureWeight * e.exposurePercentile ** 3;
    e.score = noisyOr([e.linked, e.shaping, e.loser, e.exposure]);
  }
  return out;
}

export const ringScorer: Scorer = {
  name: 'ring_score',
  score(view, outputs, settings) {
    const firmMetrics = new Map<string, Record<string, number | null>>();
    for (const [u, e] of firmRingScores(view, outputs, settings)) firmMetrics.set(u, { ring_score: e.score, exposure: e.exposurePercentile });
    return { firmMetrics };
  },
};
