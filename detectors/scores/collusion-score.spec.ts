import { viewOf } from '../dataset-view.js';
import type { DetectorOutput, Ring } from '../detector.js';
import { bid, dataset, tender } from '../rings/fixtures.js';
import type { Flag } from '../types.js';
import { collusionScorer, tenderCollusionScores } from './collusion-score.js';

const cov = { applied: 0, flagged: 0, notApplicable: 0, excluded: 0 };
const tflag = (detector: string, t: string, score: number, evidence: Record<string, unknown> = {}): Flag => ({
  detector,
  version: '1.0.0',
  subjectType: 'tender',
  subjectId: t,
  tenderCode: t,
  bidderUscc: null,
  score,
  severity: 'low',
  explanation: '',
  evidence,
});
const ring = (members: string[], score: number): Ring => ({ key: members.join(''), members, tenders: [], rotation: null, cohesion: null, exclusivity: null, article40Links: 0, score, explanation: '', evidence: {} });

// T1: A, B (ring members together); T2: A alone with X; T3: X, Y; T4: Z (no signal)
const view = viewOf(
  dataset(
    ['T1', 'T2', 'T3', 'T4'].map((c) => tender(c)),
    [bid('T1', 'A', 1), bid('T1', 'B', 2), bid('T2', 'A', 1), bid('T2', 'X', 2), bid('T3', 'X', 1), bid('T3', 'Y', 2), bid('T4', 'Z', 1)],
  ),
);
const outputs = new Map<string, DetectorOutput>([
  ['A40', { flags: [tflag('A40', 'T3', 0.9, { rule: 'hard', pair: ['X', 'Y'] })], coverage: cov }],
  ['IDENT', { flags: [tflag('IDENT', 'T3', 0.5)], coverage: cov }],
  ['SCREENS', { flags: [], coverage: cov, tenderMetrics: new Map([['T3', { screen_score: 0.8 }], ['T4', { screen_score: null }]]) }],
  ['AVGSHAPE', { flags: [], coverage: cov, tenderMetrics: new Map([['T2', { avgshape_p: 0.5 }]]) }],
  ['COBID', { flags: [], coverage: cov, rings: [ring(['A', 'B'], 0.6)] }],
]);

describe('collusion_score (hand-computed)', () => {
  const s = tenderCollusionScores(view, outputs);
  // Base rates: T1–T3 have ≥ 2 bids; A40 and IDENT each flag one of them: r = (1 + 0.01·100)/(3 + 100) = 2/103,
  // w = ln(103/2)/ln(100) = 0.855907…
  const w = Math.log(103 / 2) / Math.log(100);
  // Behaviour blends after two rounds of propagation from T3's screen_score 0.8 (bidder-propagation.spec.ts):
  // b = (0.35, 0.525, 0.94, 0), behaviour = 0.5·b³.
  const behaviour = (b: number) => 0.5 * b ** 3;

  it('T1: two ring members together → ring part 0.6, behaviour 0.5 · 0.35³', () => {
    expect(s.get('T1')?.ring).toBeCloseTo(0.6, 12);
    expect(s.get('T1')?.behaviour).toBeCloseTo(behaviour(0.35), 12);
    expect(s.get('T1')?.score).toBeCloseTo(1 - 0.4 * (1 - behaviour(0.35)), 12);
  });

  it('T2: A alone (¼ · 0.6) and X, linked elsewhere (¼ · 0.9) → ring 0.225; AVGSHAPE raised no flag → shaping 0', () => {
    expect(s.get('T2')?.ring).toBeCloseTo(0.225, 12);
    expect(s.get('T2')?.shaping).toBe(0);
    expect(s.get('T2')?.score).toBeCloseTo(1 - 0.775 * (1 - behaviour(0.525)), 12);
  });

  it('T3: hard link w · 0.9, IDENT 0.8 · w · 0.5, behaviour 0.5 · 0.94³, ring ¼ · 0.9 (no shared COBID ring)', () => {
    const e = s.get('T3');
    expect(e?.article40).toBeCloseTo(w * 0.9, 12);
    expect(e?.price).toBeCloseTo(0.8 * w * 0.5, 12);
    expect(e?.behaviour).toBeCloseTo(behaviour(0.94), 12);
    expect(e?.screens).toBe(0.8);
    expect(e?.ring).toBeCloseTo(0.225, 12);
    expect(e?.score).toBeCloseTo(1 - (1 - w * 0.9) * (1 - 0.4 * w) * (1 - behaviour(0.94)) * 0.775, 12);
  });

  it('T4: no signal → 0; the scorer covers every tender', () => {
    expect(s.get('T4')?.score).toBe(0);
    const tm = collusionScorer.score(view, outputs).tenderMetrics;
    expect(tm?.size).toBe(4);
    expect(tm?.get('T4')).toEqual({ collusion_score: 0, bidder_exposure: 0, behaviour_blend: 0 });
  });

  it('a detector that fires on most tenders of a market adds almost nothing (base-rate weight)', () => {
    const many = viewOf(
      dataset(
        Array.from({ length: 200 }, (_, i) => tender(`M${i}`)),
        Array.from({ length: 200 }, (_, i) => [bid(`M${i}`, `F${2 * i}`, 1), bid(`M${i}`, `F${2 * i + 1}`, 1)]).flat(),
      ),
    );
    const ties = new Map<string, DetectorOutput>([['IDENT', { flags: Array.from({ length: 160 }, (_, i) => tflag('IDENT', `M${i}`, 0.9)), coverage: cov }]]);
    const r = (160 + 1) / (200 + 100);
    const e = tenderCollusionScores(many, ties).get('M0');
    expect(e?.price).toBeCloseTo(0.8 * 0.9 * (Math.log(1 / r) / Math.log(100)), 12);
    expect(e?.price).toBeLessThan(0.11);
  });
});
