/**
 * collusion_score — per tender, in [0, 1]: how strongly the collusion signals point at this tender (围标串标风险).
 *
 *   collusion_score = 1 − Π (1 − cₖ) over
 *     article40 = the strongest A40 link in the tender (0.6 two soft, 0.9 hard, +0.1 with IDENT/REGDIFF);
 *     price     = 0.8 × the strongest IDENT / REGDIFF flag score on the tender (Art. 40(4) patterns);
 *     screens   = 0.7 × screen_score³ (SCREENS: mean collusive-direction peer percentile of the seven screens;
 *                 0.5 is a typical tender → 0.09, 0.95 → 0.60);
 *     shaping   = 0.7 × (1 − avgshape_p)³ (AVGSHAPE: smallest permutation p among the groups tested);
 *     ring      = max over bidders of ring_score × (1 if another member of one of its rings bid too, else ¼).
 *
 * The cube keeps ordinary values of the continuous screens near 0 while leaving the order intact. Weights are
 * chosen so that a hard fingerprint link outranks any statistical screen; none is fitted to labels
 * (rings/scores.md). Every tender gets a score (0 = no signal, e.g. too few bids and no links).
 */
import type { DatasetView } from '../dataset-view.js';
import type { DetectorOutput } from '../detector.js';
import type { Scorer } from '../registry.js';
import { noisyOr } from '../rings/ring-assembly.js';
import { firmRingScores } from './ring-score.js';

/**
 * singleMember: a ring member bidding without its partners is weak evidence about *this* tender (a ring may
 * allocate markets, but mostly it is ordinary business): a quarter of the weight of members meeting.
 */
export const COLLUSION_WEIGHTS = { price: 0.8, screens: 0.7, shaping: 0.7, sharedRing: 1, singleMember: 0.25 } as const;

export interface TenderCollusionEvidence {
  article40: number;
  price: number;
  screens: number;
  shaping: number;
  ring: number;
  score: number;
}

export function tenderCollusionScores(view: DatasetView, outputs: ReadonlyMap<string, DetectorOutput>): Map<string, TenderCollusionEvidence> {
  const maxFlag = (codes: string[]) => {
    const m = new Map<string, number>();
    for (const code of codes) {
      for (const f of outputs.get(code)?.flags ?? []) {
        const t = f.tenderCode ?? (f.subjectType === 'tender' ? f.subjectId : null);
        if (t) m.set(t, Math.max(m.get(t) ?? 0, f.score));
      }
    }
    return m;
  };
  const a40 = maxFlag(['A40']);
  const price = maxFlag(['IDENT', 'REGDIFF']);
  const screens = outputs.get('SCREENS')?.tenderMetrics;
  const shaping = outputs.get('AVGSHAPE')?.tenderMetrics;
  const firm = firmRingScores(view, outputs);
  const ringsOf = new Map<string, string[]>();
  for (const r of outputs.get('COBID')?.rings ?? []) {
    for (const m of r.members) {
      const l = ringsOf.get(m);
      if (l) l.push(r.key);
      else ringsOf.set(m, [r.key]);
    }
  }

  const out = new Map<string, TenderCollusionEvidence>();
  for (const t of view.tenders) {
    const bidders = [...new Set((view.bidsOf.get(t.code) ?? []).map((b) => b.bidderUscc))];
    const ringCount = new Map<string, number>();
    for (const u of bidders) for (const k of ringsOf.get(u) ?? []) ringCount.set(k, (ringCount.get(k) ?? 0) + 1);
    let ring = 0;
    for (const u of bidders) {
      const shared = (ringsOf.get(u) ?? []).some((k) => (ringCount.get(k) ?? 0) >= 2);
      ring = Math.max(ring, (firm.get(u)?.score ?? 0) * (shared ? COLLUSION_WEIGHTS.sharedRing : COLLUSION_WEIGHTS.singleMember));
    }
    const sc = screens?.get(t.code)?.screen_score;
    const p = shaping?.get(t.code)?.avgshape_p;
    const e = {
      article40: a40.get(t.code) ?? 0,
      price: COLLUSION_WEIGHTS.price * (price.get(t.code) ?? 0),
      screens: sc === null || sc === undefined ? 0 : COLLUSION_WEIGHTS.screens * sc ** 3,
      shaping: p === null || p === undefined ? 0 : COLLUSION_WEIGHTS.shaping * (1 - p) ** 3,
      ring,
      score: 0,
    };
    e.score = noisyOr([e.article40, e.price, e.screens, e.shaping, e.ring]);
    out.set(t.code, e);
  }
  return out;
}

export const collusionScorer: Scorer = {
  name: 'collusion_score',
  score(view, outputs) {
    const tenderMetrics = new Map<string, Record<string, number | null>>();
    for (const [code, e] of tenderCollusionScores(view, outputs)) tenderMetrics.set(code, { collusion_score: e.score });
    return { tenderMetrics };
  },
};
