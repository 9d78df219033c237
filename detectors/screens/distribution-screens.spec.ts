import { viewOf } from '../dataset-view.js';
import type { DetectorOutput } from '../detector.js';
import { bid, dataset, tender } from '../rings/fixtures.js';
import { mulberry32 } from '../rings/prng.js';
import { resolveSettings } from '../settings.js';
import type { BidRow, Dataset, TenderRow } from '../types.js';
import { screensDetector, screensSettingsSchema, verdict } from './distribution-screens.js';

const q = { lowerQuantile: 0.05, upperQuantile: 0.95 };
const group = (xs: number[]) => ({ sorted: () => xs });
const oneTo21 = Array.from({ length: 21 }, (_, i) => i + 1);

describe('verdict: one screen against its peers (hand-computed, type-7 quantiles)', () => {
  // 1…21: Q(0.05) → h = 20·0.05 = 1 → x₍₁₎ = 2; Q(0.95) → h = 19 → 20
  it('↑ screens are beyond at ≥ Q95', () => {
    expect(verdict('rd', 1, 20, group(oneTo21), q, 5)).toEqual({ key: 'rd', value: 20, percentile: 19.5 / 21, threshold: 20, beyond: true });
    expect(verdict('rd', 1, 19.9, group(oneTo21), q, 5).beyond).toBe(false);
  });

  it('↓ screens are beyond at ≤ Q05, percentile mirrored', () => {
    const v = verdict('cv', -1, 2, group(oneTo21), q, 5);
    expect(v.beyond).toBe(true);
    expect(v.threshold).toBe(2);
    expect(v.percentile).toBeCloseTo(1 - 1.5 / 21, 12);
  });

  it('SKEW must also be negative', () => {
    const sym = Array.from({ length: 21 }, (_, i) => i - 10); // −10…10: Q05 = −9
    expect(verdict('skew', -1, -9, group(sym), q, 5).beyond).toBe(true);
    expect(verdict('skew', -1, 2, group(oneTo21), q, 5).beyond).toBe(false); // ≤ Q05 = 2 but positive
  });

  it('no verdict without a value, with too few peers, or a degenerate spread', () => {
    expect(verdict('cv', -1, null, group(oneTo21), q, 5).percentile).toBeNull();
    expect(verdict('cv', -1, 1, group([1, 2, 3]), q, 5).percentile).toBeNull();
    expect(verdict('cv', -1, 1, group(Array(10).fill(1)), q, 5)).toMatchObject({ percentile: 0.5, beyond: false });
  });
});

/** 40 competitive peers (4 bids uniform on [90, 110], seeded) and one tender with a lone low bid under tight covers. */
function market(extra: TenderRow[] = [], extraBids: BidRow[] = []): Dataset {
  const rng = mulberry32(5);
  const tenders: TenderRow[] = [];
  const bids: BidRow[] = [];
  for (let t = 0; t < 40; t++) {
    const code = `P${t}`;
    tenders.push(tender(code));
    for (let k = 0; k < 4; k++) bids.push(bid(code, `F${k}`, 90 + 20 * rng()));
  }
  tenders.push(tender('X'));
  [80, 100, 100.1, 100.2].forEach((p, k) => bids.push(bid('X', `R${k}`, p)));
  return dataset([...tenders, ...extra], [...bids, ...extraBids]);
}

function run(d: Dataset, raw: unknown = {}): DetectorOutput {
  const { settings } = resolveSettings('SCREENS', screensSettingsSchema, raw);
  return screensDetector.run(viewOf(d), settings, { asOf: '2026-01-01', previous: new Map() });
}

describe('SCREENS detector', () => {
  // X = [80, 100, 100.1, 100.2]: DIFFP = 20/80 = 0.25, RD = 20 / s(100, 100.1, 100.2) = 20/0.1 = 200,
  // RDNOR = 20 / (20.2/3) = 2.97; one low outlier → strongly negative SKEW and high KURT. CV, SPD are not low.
  const out = run(market());

  it('flags the planted tender on DIFFP, RD, RDNOR, SKEW and KURT', () => {
    // with 41 tenders each 5 % tail holds ~2 of them, so a random peer may also reach 3 screens: few, not none
    expect(out.flags.map((f) => f.subjectId)).toContain('X');
    expect(out.flags.length).toBeLessThanOrEqual(Math.floor(0.1 * 41));
    const f = out.flags.find((x) => x.subjectId === 'X');
    const beyond = Object.entries(f?.evidence.screens as Record<string, { beyond: boolean }>).filter(([, v]) => v.beyond).map(([k]) => k);
    expect(beyond).toEqual(['diffp', 'rd', 'rdnor', 'skew', 'kurt']);
    expect(f).toMatchObject({ detector: 'SCREENS', version: '1.2.0', subjectType: 'tender', severity: 'medium', evidence: { rule: 'screens', beyondCount: 5 } });
    expect((f?.evidence.screens as Record<string, { value: number }>).rd.value).toBeCloseTo(200, 6);
    expect(f?.explanation).toMatch(/^标段 X（4 个有效报价）：7 项报价分布筛查中有 5 项/);
  });

  it('names the tightest subgroup when it is beyond the peers too (a possible partial ring)', () => {
    // X's 3-bid windows: [80, 100, 100.1] and [100, 100.1, 100.2]; the second has s = 0.1, x̄ = 100.1 → SUBCV = 0.000999,
    // far below any peer's (four bids uniform on [90, 110]); SUBSPD = 0.2 / 100 = 0.002.
    const f = out.flags.find((x) => x.subjectId === 'X');
    const sub = f?.evidence.subgroup as { screens: Record<string, { value: number; beyond: boolean }>; tightest: { uscc: string }[] };
    expect(sub.screens.subcv!.value).toBeCloseTo(0.1 / 100.1, 12);
    expect(sub.screens.subcv!.beyond).toBe(true);
    expect(sub.screens.subspd!.value).toBeCloseTo(0.002, 12);
    expect(sub.tightest.map((b) => b.uscc)).toEqual(['R1', 'R2', 'R3']);
    expect(f?.explanation).toContain('报价最集中的 3 家');
    expect(out.tenderMetrics?.get('X')?.sub_cv).toBeCloseTo(0.1 / 100.1, 12);
  });

  it('puts the export screens into tenderMetrics for every tender', () => {
    const m = out.tenderMetrics?.get('X');
    expect(Object.keys(m ?? {}).sort()).toEqual(['cv', 'diffp', 'ks', 'kurt', 'rd', 'screen_score', 'skew', 'spd', 'sub_cv', 'sub_spd']);
    expect(m?.diffp).toBeCloseTo(0.25, 12);
    expect(out.tenderMetrics?.size).toBe(41);
  });

  it('is off for average-benchmark tenders (AVGSHAPE applies) and needs 4 bids', () => {
    const avg = tender('AVG', { evaluationMethod: 'reasonable_low_price' });
    const small = tender('SMALL');
    const out2 = run(market([avg, small], [80, 100, 100.1, 100.2].map((p, k) => bid('AVG', `R${k}`, p)).concat([bid('SMALL', 'A', 1), bid('SMALL', 'B', 2)])));
    expect(out2.flags.map((f) => f.subjectId)).toEqual(out.flags.map((f) => f.subjectId));
    expect(out2.coverage).toEqual({ applied: 41, flagged: out.flags.length, notApplicable: 1, excluded: 1 });
    expect(out2.tenderMetrics?.get('AVG')?.diffp).toBeCloseTo(0.25, 12); // values still exported
    expect(out2.tenderMetrics?.get('AVG')?.screen_score).toBeUndefined();
    expect(out2.tenderMetrics?.get('SMALL')?.kurt).toBeNull();
  });

  it('does not depend on row order', () => {
    const d = market();
    const rev: Dataset = { ...d, tenders: [...d.tenders].reverse(), bids: [...d.bids].reverse() };
    const a = run(rev);
    expect(JSON.stringify(a.flags)).toBe(JSON.stringify(out.flags));
    expect(a.tenderMetrics?.get('X')).toEqual(out.tenderMetrics?.get('X'));
  });

  it('minScreens and quantile settings are honoured; too few peers excludes', () => {
    expect(run(market(), { minScreens: 6 }).flags).toEqual([]);
    expect(run(market(), { minPeers: 100 }).coverage).toEqual({ applied: 0, flagged: 0, notApplicable: 0, excluded: 41 });
    expect(() => resolveSettings('SCREENS', screensSettingsSchema, { priceBands: [5, 1] })).toThrow();
  });
});

describe('screen_score', () => {
  it('compares within tenders of the same size: a tight 3-bid tender is not outranked by ordinary 6-bid ones', () => {
    const rng = mulberry32(9);
    const tenders: TenderRow[] = [];
    const bids: BidRow[] = [];
    for (let t = 0; t < 60; t++) {
      const n = t < 30 ? 3 : 6;
      tenders.push(tender(`S${t}`));
      for (let k = 0; k < n; k++) bids.push(bid(`S${t}`, `F${k}`, 95 + 10 * rng()));
    }
    tenders.push(tender('TIGHT'));
    [100, 100.05, 100.1].forEach((p, k) => bids.push(bid('TIGHT', `T${k}`, p)));
    const out = run(dataset(tenders, bids), { scoreScreens: ['cv'] });
    const score = (c: string) => out.tenderMetrics?.get(c)?.screen_score as number;
    // mid-rank among the 31 three-bid tenders: 1 − ½/31
    expect(score('TIGHT')).toBeCloseTo(1 - 0.5 / 31, 12);
    // the tightest six-bid tender also tops its own class, whatever the three-bid ones do
    const six = Array.from({ length: 30 }, (_, i) => `S${30 + i}`);
    expect(Math.max(...six.map(score))).toBeCloseTo(1 - 0.5 / 30, 12);
  });

  it('a small market (12 tenders) is compared with itself rather than left unscored', () => {
    const rng = mulberry32(3);
    const tenders: TenderRow[] = [];
    const bids: BidRow[] = [];
    for (let t = 0; t < 12; t++) {
      tenders.push(tender(`M${t}`));
      for (let k = 0; k < 2 + (t % 4); k++) bids.push(bid(`M${t}`, `F${k}`, 95 + 10 * rng()));
    }
    const out = run(dataset(tenders, bids));
    expect([...(out.tenderMetrics ?? []).values()].map((m) => typeof m.screen_score)).toEqual(Array(12).fill('number'));
    expect(out.flags).toEqual([]); // the flag rule still needs 30 peers
  });
});
