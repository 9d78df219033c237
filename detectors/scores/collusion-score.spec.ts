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

  it('T1: two ring members together → ring part 0.6', () => {
    expect(s.get('T1')?.ring).toBeCloseTo(0.6, 12);
    expect(s.get('T1')?.score).toBeCloseTo(0.6, 12);
  });

  it('T2: A alone (¼ · 0.6) and X, linked elsewhere (¼ · 0.9) → ring 0.225; shaping p = 0.5 → 0.7 · 0.5³', () => {
    expect(s.get('T2')?.ring).toBeCloseTo(0.225, 12);
    expect(s.get('T2')?.shaping).toBeCloseTo(0.0875, 12);
    expect(s.get('T2')?.score).toBeCloseTo(1 - 0.775 * 0.9125, 12);
  });

  it('T3: hard link 0.9 (X, Y now also score 0.9 as firms), IDENT 0.8 · 0.5, screens 0.7 · 0.8³', () => {
    const e = s.get('T3');
    expect(e?.article40).toBe(0.9);
    expect(e?.price).toBeCloseTo(0.4, 12);
    expect(e?.screens).toBeCloseTo(0.3584, 12);
    expect(e?.ring).toBeCloseTo(0.225, 12); // X's ring_score 0.9, no shared COBID ring → ¼
    expect(e?.score).toBeCloseTo(1 - 0.1 * 0.6 * 0.6416 * 0.775, 12);
  });

  it('T4: no signal → 0; the scorer covers every tender', () => {
    expect(s.get('T4')?.score).toBe(0);
    const tm = collusionScorer.score(view, outputs).tenderMetrics;
    expect(tm?.size).toBe(4);
    expect(tm?.get('T4')).toEqual({ collusion_score: 0 });
  });
});
