/**
 * How much a flag should move a score: its surprise against how often its detector fires in the peer group
 * (标记的"意外程度"：相对于同类标段的触发率).
 *
 * A detector that fires on most tenders of a market says little about any one of them — in a market that bids in
 * whole thousands, identical prices are ordinary. So each flag enters collusion_score with a weight that follows its
 * information content against the detector's base rate r in the tender's peer segment (category × evaluation
 * method), shrunk towards r₀ by a prior worth `PRIOR_TENDERS` tenders (so a small market, or a test with three
 * tenders, keeps full weights, and a large one speaks for itself):
 *
 *   r = (tenders flagged + r₀·m) / (tenders with ≥ 2 bids + m),  m = 100
 *   w = min(1, ln(1/r) / ln(1/r₀)),  r₀ = 1 %
 *
 * A detector firing on 1 % of tenders or fewer keeps its full weight; on 10 % it keeps half; on 79 % (IDENT on a
 * round-number market) 0.05. r₀ is fixed in advance as the rate at which a flag is rare enough to stand on its own
 * (the maxFlagShare warnings of the price detectors sit at 5 %, which this maps to 0.65); it is not fitted to labels.
 */
import type { DatasetView } from '../dataset-view.js';
import type { DetectorOutput } from '../detector.js';
import type { TenderRow } from '../types.js';

export const REFERENCE_RATE = 0.01;
/** Pseudo-tenders of the prior (at the reference rate). */
export const PRIOR_TENDERS = 100;

export interface BaseRates {
  /** Weight in [0, 1] of a flag of `detector` on tender `t`. */
  weight(detector: string, t: Pick<TenderRow, 'category' | 'evaluationMethod'>): number;
  /** The smoothed base rate itself (for evidence and explanations). */
  rate(detector: string, t: Pick<TenderRow, 'category' | 'evaluationMethod'>): number;
}

export function surpriseWeight(rate: number, reference = REFERENCE_RATE): number {
  if (rate <= reference) return 1;
  return Math.max(0, Math.min(1, Math.log(1 / rate) / Math.log(1 / reference)));
}

const segmentOf = (t: Pick<TenderRow, 'category' | 'evaluationMethod'>) => `${t.category}|${t.evaluationMethod}`;

export function baseRates(view: DatasetView, outputs: ReadonlyMap<string, DetectorOutput>, detectors: readonly string[]): BaseRates {
  const eligible = new Map<string, number>();
  for (const t of view.tenders) {
    if ((view.bidsOf.get(t.code)?.length ?? 0) < 2) continue;
    eligible.set(segmentOf(t), (eligible.get(segmentOf(t)) ?? 0) + 1);
  }
  const flagged = new Map<string, Map<string, number>>();
  for (const code of detectors) {
    const seen = new Set<string>();
    for (const f of outputs.get(code)?.flags ?? []) {
      const tc = f.tenderCode ?? (f.subjectType === 'tender' ? f.subjectId : null);
      if (tc && view.tender.has(tc)) seen.add(tc);
    }
    const bySeg = new Map<string, number>();
    for (const tc of seen) {
      const k = segmentOf(view.tender.get(tc) as TenderRow);
      bySeg.set(k, (bySeg.get(k) ?? 0) + 1);
    }
    flagged.set(code, bySeg);
  }
  const rate = (code: string, t: Pick<TenderRow, 'category' | 'evaluationMethod'>) => {
    const k = segmentOf(t);
    return ((flagged.get(code)?.get(k) ?? 0) + REFERENCE_RATE * PRIOR_TENDERS) / ((eligible.get(k) ?? 0) + PRIOR_TENDERS);
  };
  // asked six times per tender: memoised by detector, category and method without building a key string
  const weights = new Map<string, Map<string, Map<string, number>>>();
  const weight = (code: string, t: Pick<TenderRow, 'category' | 'evaluationMethod'>) => {
    let byCategory = weights.get(code);
    if (!byCategory) weights.set(code, (byCategory = new Map()));
    let byMethod = byCategory.get(t.category);
    if (!byMethod) byCategory.set(t.category, (byMethod = new Map()));
    let w = byMethod.get(t.evaluationMethod);
    if (w === undefined) byMethod.set(t.evaluationMethod, (w = surpriseWeight(rate(code, t))));
    return w;
  };
  return { rate, weight };
}
