/**
 * low_bid_score — one number per tender in [0, 1] for `export tenders` (higher = more suspicious of an abnormally
 * low price), combined from the price detectors' outputs after they have run.
 *
 *   A = max over the tender's ALB flags of score × w,  w = 1 for the winner's bid (or when no winner is recorded),
 *       0.8 for a losing bid (an abnormally low bid that did not win matters less to the contract);
 *       with no ALB flag, A = 0.45 · min(1, max(0, (z − 1)/3)) from the largest robust z of the tender's
 *       discounts in its peer group (ALB's `alb_max_robust_z`), so unflagged tenders still rank, always below
 *       every flagged one (ALB flag scores are ≥ 0.5, T1–T3 ≥ 0.75);
 *   W = score of WGAP's R058 flag (winner far below the runner-up), else 0;
 *   D = score of DISQ's R036 flag (the lowest bid was rejected — often as too low), else 0;
 *
 *   low_bid_score = 1 − (1 − A)·(1 − 0.6·W)·(1 − 0.4·D)
 *
 * a noisy-OR: each signal can only raise the score, none alone reaches 1 unless ALB's does, and ALB (the rule the
 * bureau enforces) weighs most. Collusion signals (IDENT, REGDIFF, WGAP's R024) belong to collusion_score, not here.
 * null for a tender with no valid priced bid (nothing to judge), or when ALB did not run at all.
 */
import type { DatasetView } from '../dataset-view.js';
import type { DetectorOutput } from '../detector.js';
import type { Scorer } from '../scorer.js';
import { unit } from '../price/format.js';

const LOSING_BID_WEIGHT = 0.8;
const WGAP_WEIGHT = 0.6;
const DISQ_WEIGHT = 0.4;
const UNFLAGGED_CAP = 0.45;

function maxBy(m: Map<string, number>, k: string, v: number): void {
  const cur = m.get(k);
  if (cur === undefined || v > cur) m.set(k, v);
}

export function lowBidScores(view: DatasetView, outputs: ReadonlyMap<string, DetectorOutput>): Map<string, Record<string, number | null>> {
  const alb = outputs.get('ALB');
  const a = new Map<string, number>();
  const w = new Map<string, number>();
  const d = new Map<string, number>();
  for (const f of alb?.flags ?? []) {
    if (!f.tenderCode) continue;
    const hasWinner = (view.bidsOf.get(f.tenderCode) ?? []).some((b) => b.isWinner);
    const weight = f.evidence['isWinner'] === true || !hasWinner ? 1 : LOSING_BID_WEIGHT;
    maxBy(a, f.tenderCode, f.score * weight);
  }
  for (const f of outputs.get('WGAP')?.flags ?? []) if (f.tenderCode && f.evidence['rule'] === 'R058') maxBy(w, f.tenderCode, f.score);
  for (const f of outputs.get('DISQ')?.flags ?? []) if (f.tenderCode && f.evidence['rule'] === 'R036') maxBy(d, f.tenderCode, f.score);

  const out = new Map<string, Record<string, number | null>>();
  for (const t of view.tenders) {
    const judged = alb !== undefined && (view.bidsOf.get(t.code) ?? []).some((b) => b.valid && b.price > 0);
    if (!judged) {
      out.set(t.code, { low_bid_score: null });
      continue;
    }
    const z = alb.tenderMetrics?.get(t.code)?.['alb_max_robust_z'];
    const graded = typeof z === 'number' ? UNFLAGGED_CAP * unit((z - 1) / 3) : 0;
    const A = a.get(t.code) ?? graded;
    const score = 1 - (1 - A) * (1 - WGAP_WEIGHT * (w.get(t.code) ?? 0)) * (1 - DISQ_WEIGHT * (d.get(t.code) ?? 0));
    out.set(t.code, { low_bid_score: unit(score) });
  }
  return out;
}

export const lowBidScorer: Scorer = {
  name: 'low_bid_score',
  score: (view, outputs) => ({ tenderMetrics: lowBidScores(view, outputs) }),
};
