import { viewOf } from '../dataset-view.js';
import type { DetectorOutput, Ring } from '../detector.js';
import { bid, dataset, tender } from '../rings/fixtures.js';
import type { Flag } from '../types.js';
import { firmRingScores, ringScorer } from './ring-score.js';

const cov = { applied: 0, flagged: 0, notApplicable: 0, excluded: 0 };
const flag = (detector: string, evidence: Record<string, unknown>, score: number, bidderUscc: string | null = null): Flag => ({
  detector,
  version: '1.0.0',
  subjectType: 'tender',
  subjectId: 'T1',
  tenderCode: 'T1',
  bidderUscc,
  score,
  severity: 'low',
  explanation: '',
  evidence,
});
const ring = (members: string[], score: number): Ring => ({ key: members.join(''), members, tenders: [], rotation: null, cohesion: null, exclusivity: null, article40Links: 0, score, explanation: '', evidence: {} });

const view = viewOf(dataset([tender('T1')], ['A', 'B', 'C', 'D', 'E'].map((u, i) => bid('T1', u, 100 + i))));
const outputs = new Map<string, DetectorOutput>([
  ['COBID', {
    flags: [flag('COBID', { rule: 'professional_loser' }, 0.3, 'A')],
    coverage: cov,
    rings: [ring(['A', 'B'], 0.6)],
    firmMetrics: new Map([['A', { cobid_score: 0.4 }], ['C', { cobid_score: 0.25 }]]),
  }],
  ['A40', { flags: [flag('A40', { rule: 'hard', pair: ['B', 'D'] }, 0.9)], coverage: cov }],
  ['AVGSHAPE', { flags: [flag('AVGSHAPE', { rule: 'shaping', group: ['C', 'E'] }, 0.5)], coverage: cov }],
]);

describe('ring_score (hand-computed noisy-OR)', () => {
  const s = firmRingScores(view, outputs);
  it('A: ring 0.6 (≥ graph 0.4), professional loser 0.3 → 1 − 0.4 · 0.7 = 0.72', () => {
    expect(s.get('A')?.score).toBeCloseTo(0.72, 12);
  });
  it('B: ring 0.6 and a hard link 0.9 → base 0.9', () => {
    expect(s.get('B')?.score).toBeCloseTo(0.9, 12);
  });
  it('C: graph 0.25, shaping 0.5 → 1 − 0.75 · 0.5 = 0.625; E: shaping only 0.5', () => {
    expect(s.get('C')?.score).toBeCloseTo(0.625, 12);
    expect(s.get('E')?.score).toBeCloseTo(0.5, 12);
  });
  it('every firm that bid gets a score; the scorer exports ring_score', () => {
    const fm = ringScorer.score(view, new Map()).firmMetrics;
    expect([...(fm?.keys() ?? [])].sort()).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(fm?.get('A')).toEqual({ ring_score: 0, exposure: 0 });
  });
  it('exposure: a firm in tenders whose bids look coordinated gains 0.7 · f³ (f its exposure percentile)', () => {
    const v = viewOf(dataset([tender('T1'), tender('T2')], [bid('T1', 'A', 1), bid('T1', 'B', 2), bid('T2', 'A', 1), bid('T2', 'C', 2)]));
    const o = new Map<string, DetectorOutput>([['SCREENS', { flags: [], coverage: cov, tenderMetrics: new Map([['T1', { screen_score: 0.9 }], ['T2', { screen_score: 0.1 }]]) }]]);
    const e = firmRingScores(v, o);
    // A entered both, B only the tight T1, C only T2: A ranks first, B second, C last
    expect(e.get('A')?.exposurePercentile).toBe(1);
    expect(e.get('A')?.score).toBeCloseTo(0.7, 12);
    expect((e.get('B')?.score ?? 0) > (e.get('C')?.score ?? 0)).toBe(true);
  });
});
