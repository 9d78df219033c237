import { a40Detector, a40SettingsSchema } from '../article-40/a40.js';
import { viewOf } from '../dataset-view.js';
import type { DetectorOutput } from '../detector.js';
import { bid, dataset, tender } from '../rings/fixtures.js';
import { resolveSettings } from '../settings.js';
import type { Dataset } from '../types.js';
import { avgshapeDetector, avgshapeSettingsSchema } from './avgshape.js';

/*
 * The shaping-test.spec.ts tender as a 合理低价法 tender: supporters S1, S2 at 80, their partner W1 at 94 — the three
 * built their files on one machine (A40 hard links → one candidate group) — and seven honest bids 100…106.
 * K = 1 and smallN = 10 make B the plain mean: 97.5 with all bids, 101.875 without S1, S2 → winner W1 → H3 (102);
 * none of the C(7,2) = 21 honest pairs does as much → p = 1/22.
 */
function data(method: 'reasonable_low_price' | 'lowest_evaluated_price' = 'reasonable_low_price'): Dataset {
  const honest = [100, 101, 102, 103, 104, 105, 106].map((p, i) => bid('A1', `H${i + 1}`, p));
  return dataset(
    [tender('A1', { evaluationMethod: method })],
    [
      bid('A1', 'S1', 80, { fileMachineCode: 'PC-7' }),
      bid('A1', 'S2', 80, { fileMachineCode: 'PC-7' }),
      bid('A1', 'W1', 94, { fileMachineCode: 'PC-7', isWinner: true }),
      ...honest,
    ],
  );
}

function run(d: Dataset, raw: Record<string, unknown> = { k: 1, smallN: 10 }): DetectorOutput {
  const view = viewOf(d);
  const a40 = a40Detector.run(view, resolveSettings('A40', a40SettingsSchema, {}).settings, { asOf: '2026-01-01', previous: new Map() });
  const { settings } = resolveSettings('AVGSHAPE', avgshapeSettingsSchema, raw);
  return avgshapeDetector.run(view, settings, { asOf: '2026-01-01', previous: new Map([['A40', a40]]) });
}

describe('AVGSHAPE on a tender with a known shaping group', () => {
  const out = run(data());

  it('flags the A40 group with the hand-computed p = 1/22', () => {
    expect(out.flags).toHaveLength(1);
    const f = out.flags[0];
    expect(f).toMatchObject({ detector: 'AVGSHAPE', version: '1.0.0', subjectType: 'tender', subjectId: 'A1', severity: 'medium' });
    expect(f?.evidence).toMatchObject({
      rule: 'shaping',
      group: ['S1', 'S2', 'W1'],
      sources: ['article40'],
      removedBids: ['S1', 'S2'],
      benchmark: 97.5,
      benchmarkWithout: 101.875,
      flip: true,
      winner: 'W1',
      winnerWithout: 'H3',
      draws: 21,
      exact: true,
    });
    expect(f?.evidence.p).toBeCloseTo(1 / 22, 12);
    expect(f?.score).toBeCloseTo(0.7 * (21 / 22), 12);
    expect(f?.explanation).toMatch(/评标基准价由 97\.50 变为 101\.88（\+4\.49%），中标人由 W1 变为 H3/);
    expect(out.tenderMetrics?.get('A1')?.avgshape_p).toBeCloseTo(1 / 22, 12);
    expect(out.coverage).toEqual({ applied: 1, flagged: 1, notApplicable: 0, excluded: 0 });
  });

  it('is reproducible with Monte Carlo draws (same seed, same flags)', () => {
    const a = run(data(), { k: 1, smallN: 10, draws: 19, seed: 3 });
    expect(a.flags[0]?.evidence.exact).toBe(false);
    expect(JSON.stringify(run(data(), { k: 1, smallN: 10, draws: 19, seed: 3 }))).toBe(JSON.stringify(a));
  });

  it('applies only to average-benchmark tenders with enough bids', () => {
    expect(run(data('lowest_evaluated_price')).coverage).toEqual({ applied: 0, flagged: 0, notApplicable: 1, excluded: 0 });
    expect(run(data(), { k: 1, smallN: 10, minBids: 20 }).coverage.excluded).toBe(1);
    expect(run(data(), { k: 1, smallN: 10, maxGroupShare: 0.2 }).coverage.notApplicable).toBe(1); // 3 of 10 bids > 20 %
  });
});
