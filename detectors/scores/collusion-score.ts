/**
 * collusion_score — per tender, in [0, 1]: how strongly the collusion signals point at this tender (围标串标风险).
 *
 *   collusion_score = 1 − Π (1 − cₖ) over
 *     article40 = the strongest statutory link in the tender: w(A40) × A40 (0.6 two soft, 0.9 hard, +0.1 with
 *                 IDENT/REGDIFF), w(A34) × A34 (0.95, 条例第三十四条), w(BOQSIM) × BOQSIM at high severity (第四十条(四));
 *     price     = 0.8 × the strongest of w(IDENT) × IDENT and w(REGDIFF) × REGDIFF on the tender (Art. 40(4));
 *     shaping   = w(AVGSHAPE) × the strongest AVGSHAPE flag on the tender (a group whose removal flips the winner);
 *     behaviour = 0.5 × b³, b = the tender's screens percentile (SCREENS screen_score) blended with the exposure of
 *                 the firms that bid in it (bidder-propagation.ts). b is a rank: the most suspicious tender of any
 *                 market reaches b ≈ 1 whether or not the market has a cartel, so statistics alone stay at even
 *                 odds and below a COBID ring or a 第四十条 link;
 *     ring      = max over bidders of their ring evidence (the COBID rings holding them, their A40 links — not graph
 *                 cores that formed no ring, nor exposure, which `behaviour` already carries) × (1 if another member
 *                 of one of its rings bid too, else ¼).
 *
 * w(·) is each detector's surprise weight against its base rate in the tender's peer segment (base-rates.ts): a
 * detector that fires on most tenders of a market adds almost nothing. The cube keeps ordinary values of the
 * continuous behaviour evidence near 0 while leaving its order intact, so that a hard fingerprint link outranks any
 * statistical screen. None of the weights is fitted to labels (rings/scores.md). Every tender gets a score.
 */
import type { DatasetView } from '../dataset-view.js';
import type { DetectorOutput } from '../detector.js';
import type { Scorer } from '../scorer.js';
import { noisyOr } from '../rings/ring-assembly.js';
import { baseRates } from './base-rates.js';
import { propagationOf } from './propagation-cache.js';
import { DEFAULT_SCORE_SETTINGS, type ScoreSettings } from './score-settings.js';
import { firmRingScores } from './ring-score.js';

/**
 * singleMember: a ring member bidding without its partners is weak evidence about *this* tender (a ring may
 * allocate markets, but mostly it is ordinary business): a quarter of the weight of members meeting.
 */
export const COLLUSION_WEIGHTS = { price: 0.8, sharedRing: 1, singleMember: 0.25 } as const;

export interface TenderCollusionEvidence {
  article40: number;
  price: number;
  shaping: number;
  behaviour: number;
  ring: number;
  score: number;
  /** The inputs behind `behaviour`: own screens percentile, bidders' exposure percentile, blend. */
  screens: number | null;
  composition: number;
  blend: number;
}

export function tenderCollusionScores(
  view: DatasetView,
  outputs: ReadonlyMap<string, DetectorOutput>,
  settings: ScoreSettings = DEFAULT_SCORE_SETTINGS,
): Map<string, TenderCollusionEvidence> {
  const rates = baseRates(view, outputs, ['A40', 'A34', 'BOQSIM', 'IDENT', 'REGDIFF', 'AVGSHAPE']);
  const maxFlag = (code: string, minSeverity: 'info' | 'high' = 'info') => {
    const m = new Map<string, number>();
    for (const f of outputs.get(code)?.flags ?? []) {
      if (minSeverity === 'high' && f.severity !== 'high') continue;
      const t = f.tenderCode ?? (f.subjectType === 'tender' ? f.subjectId : null);
      if (t) m.set(t, Math.max(m.get(t) ?? 0, f.score));
    }
    return m;
  };
  const a40 = maxFlag('A40');
  const a34 = maxFlag('A34');
  const boq = maxFlag('BOQSIM', 'high');
  const ident = maxFlag('IDENT');
  const regdiff = maxFlag('REGDIFF');
  const screens = outputs.get('SCREENS')?.tenderMetrics;
  const shaping = maxFlag('AVGSHAPE');
  const prop = propagationOf(view, outputs, settings);
  const firm = firmRingScores(view, outputs, settings);
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
      const f = firm.get(u);
      ring = Math.max(ring, Math.max(f?.ring ?? 0, f?.article40 ?? 0) * (shared ? COLLUSION_WEIGHTS.sharedRing : COLLUSION_WEIGHTS.singleMember));
    }
    const sc = screens?.get(t.code)?.screen_score ?? null;
    const blend = prop.tender.get(t.code) ?? 0;
    const e: TenderCollusionEvidence = {
      article40: Math.max(
        rates.weight('A40', t) * (a40.get(t.code) ?? 0),
        rates.weight('A34', t) * (a34.get(t.code) ?? 0),
        rates.weight('BOQSIM', t) * (boq.get(t.code) ?? 0),
      ),
      price: COLLUSION_WEIGHTS.price * Math.max(rates.weight('IDENT', t) * (ident.get(t.code) ?? 0), rates.weight('REGDIFF', t) * (regdiff.get(t.code) ?? 0)),
      shaping: rates.weight('AVGSHAPE', t) * (shaping.get(t.code) ?? 0),
      behaviour: settings.behaviourWeight * blend ** 3,
      ring,
      score: 0,
      screens: sc,
      composition: prop.composition.get(t.code) ?? 0,
      blend,
    };
    e.score = noisyOr([e.article40, e.price, e.shaping, e.behaviour, e.ring]);
    out.set(t.code, e);
  }
  return out;
}

export const collusionScorer: Scorer = {
  name: 'collusion_score',
  score(view, outputs, settings) {
    const tenderMetrics = new Map<string, Record<string, number | null>>();
    for (const [code, e] of tenderCollusionScores(view, outputs, settings)) {
      tenderMetrics.set(code, { collusion_score: e.score, bidder_exposure: e.composition, behaviour_blend: e.blend });
    }
    return { tenderMetrics };
  },
};
