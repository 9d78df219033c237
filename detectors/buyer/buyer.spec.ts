import { viewOf } from '../dataset-view.js';
import type { Detector, DetectorOutput } from '../detector.js';
import { bid, dataset, tender } from '../rings/fixtures.js';
import { resolveSettings } from '../settings.js';
import type { BidRow, Dataset, Flag, TenderRow } from '../types.js';
import { bconcDetector, concentrationOf } from './bconc.js';
import { blowbidDetector } from './blowbid.js';
import { br038Detector } from './br038.js';
import { bsingleDetector } from './bsingle.js';

function run(det: Detector<any>, d: Dataset, raw: unknown = {}, previous = new Map<string, DetectorOutput>()): DetectorOutput {
  const { settings } = resolveSettings(det.code, det.settingsSchema, raw);
  return det.run(viewOf(d), settings, { asOf: '2026-01-01', previous });
}

/** Tenders of one organisation: each entry is [winner, extra bids…]; years 2023 for the first two, then 2024. */
function orgTenders(org: { buyer?: string; agency?: string }, entries: Array<{ winner: string; losers?: number; invalid?: number; single?: boolean }>): { tenders: TenderRow[]; bids: BidRow[] } {
  const tenders: TenderRow[] = [];
  const bids: BidRow[] = [];
  entries.forEach((e, k) => {
    const code = `${org.buyer ?? org.agency}-${k}`;
    const year = k < 2 ? 2023 : 2024;
    tenders.push(tender(code, { buyerUscc: org.buyer ?? null, agencyUscc: org.agency ?? null, openDate: `${year}-05-01`, year }));
    bids.push(bid(code, e.winner, 100, { isWinner: true }));
    if (e.single) return;
    const losers = e.losers ?? 1;
    for (let i = 0; i < losers; i++) bids.push(bid(code, `L${i}`, 110 + i, { valid: i >= (e.invalid ?? 0) }));
  });
  return { tenders, bids };
}

function merge(parts: Array<{ tenders: TenderRow[]; bids: BidRow[] }>): Dataset {
  return dataset(parts.flatMap((p) => p.tenders), parts.flatMap((p) => p.bids));
}

const ws = (...w: string[]) => w.map((winner) => ({ winner }));

describe('BCONC (R040 / R050)', () => {
  // B1: W1 wins all 5 (2023 ×2, 2024 ×3). B2–B5: five different winners (top .2, HHI .2). B6–B8: W1 twice (top .4, HHI .28).
  const d = merge([
    orgTenders({ buyer: 'B1' }, ws('W1', 'W1', 'W1', 'W1', 'W1')),
    ...['B2', 'B3', 'B4', 'B5'].map((b) => orgTenders({ buyer: b }, ws('W1', 'W2', 'W3', 'W4', 'W5'))),
    ...['B6', 'B7', 'B8'].map((b) => orgTenders({ buyer: b }, ws('W1', 'W1', 'W2', 'W3', 'W4'))),
  ]);

  it('concentration: top share, HHI = Σ s², per year', () => {
    const c = concentrationOf(['W1', 'W1', 'W2', 'W3', 'W4'].map((w, k) => ({ year: k < 2 ? 2023 : 2024, winner: w, name: w, price: 100 })));
    expect(c).toMatchObject({ awards: 5, topWinner: 'W1', topWins: 2, topShare: 0.4, winners: 4, topWinnerYears: 1, yearsWithAwards: 2 });
    expect(c.hhi).toBeCloseTo(0.16 + 3 * 0.04, 12);
    expect(c.years).toEqual([
      { year: 2023, awards: 2, topWinner: 'W1', topShare: 1, hhi: 1 },
      { year: 2024, awards: 3, topWinner: 'W2', topShare: 1 / 3, hhi: 1 / 3 },
    ]);
  });

  it('fences (type 8, 8 buyers): top share Q1 .2, Q3 .4 → .7; HHI Q1 .2, Q3 .28 → .40; B1 (1.0, 1.0, led both years) high', () => {
    const out = run(bconcDetector, d);
    expect(out.flags).toHaveLength(1);
    const f = out.flags[0] as Flag;
    expect(f).toMatchObject({ detector: 'BCONC', subjectType: 'buyer', subjectId: 'B1', tenderCode: null, bidderUscc: 'W1', severity: 'high', score: 0.95 });
    expect(f.evidence).toMatchObject({ kind: 'buyer', rule: ['R040', 'R050'], awards: 5, topShare: 1, hhi: 1, topWinnerYears: 2, yearsWithAwards: 2, peers: 8 });
    expect(f.evidence.topShareFence as number).toBeCloseTo(0.7, 12);
    expect(f.evidence.hhiFence as number).toBeCloseTo(0.4, 12);
    expect(f.explanation).toContain('招标人 B1：5 个中标结果中 W1 中标 5 个，占 100.0%（阈值 70.0%（同类 8 家的 Q3 + 1.5·IQR）');
    expect(f.explanation).toContain('OCP R040');
    expect(out.coverage).toEqual({ applied: 40, flagged: 5, notApplicable: 0, excluded: 0 });
  });

  it('minAwards 6 compares nobody; without buyer ids nothing applies', () => {
    expect(run(bconcDetector, d, { minAwards: 6 }).coverage).toEqual({ applied: 0, flagged: 0, notApplicable: 0, excluded: 40 });
    const bare = dataset([tender('T')], [bid('T', 'A', 1, { isWinner: true })]);
    expect(run(bconcDetector, bare).coverage).toEqual({ applied: 0, flagged: 0, notApplicable: 1, excluded: 0 });
  });
});

describe('BSINGLE (R018 rate per agency)', () => {
  // single-bid tenders out of 5: A1 3, A2 1, A5 1, others 0 → rates .6 .2 0 0 .2 0
  const singles: Record<string, number> = { A1: 3, A2: 1, A3: 0, A4: 0, A5: 1, A6: 0 };
  const d = merge(Object.entries(singles).map(([a, k]) => orgTenders({ agency: a }, Array.from({ length: 5 }, (_, i) => ({ winner: `W${i}`, single: i < k })))));

  it('type-8 quartiles of 0,0,0,.2,.2,.6: Q1 0, Q3 = .2 + .0833 × .4 = .2333 → fence 2.5 × Q3 = .5833; A1 (.6) flagged', () => {
    const out = run(bsingleDetector, d);
    expect(out.flags.map((f) => [f.subjectType, f.subjectId, f.evidence.ratio])).toEqual([['agency', 'A1', 0.6]]);
    const f = out.flags[0] as Flag;
    expect(f.evidence.q3 as number).toBeCloseTo(0.2 + 0.4 / 12, 12);
    expect(f.evidence.fence as number).toBeCloseTo(2.5 * (0.2 + 0.4 / 12), 12);
    expect(f.evidence.singleBidTenderCodes).toEqual(['A1-0', 'A1-1', 'A1-2']);
    expect(f.explanation).toContain('招标代理机构 A1：5 个标段中 3 个只有 1 家投标（A1-0、A1-1、A1-2），单一投标率 60.0%，阈值 58.3%（同类 6 家的 Q3 + 1.5·IQR = 23.3% + 1.5 × 23.3%）');
    expect(f.score).toBeCloseTo(0.5 + 0.4 * ((0.6 - 0.58333333) / (1 - 0.58333333)), 2);
  });
});

describe('BR038 (cardinal R038 per buyer)', () => {
  // disqualified / submitted: B1 3/4, B2 1/4, B3..B7 0/4 → values 0 ×5, .25, .75
  const d = merge(['B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'B7'].map((b, i) => orgTenders({ buyer: b }, [{ winner: 'W', losers: 3, invalid: i === 0 ? 3 : i === 1 ? 1 : 0 }])));

  it('Q3 (type 8, n 7) = 0 + .8333 × .25 = .2083 → fence .5208; B1 (.75) flagged', () => {
    const out = run(br038Detector, d);
    expect(out.flags.map((f) => [f.subjectId, f.evidence.ratio, f.evidence.disqualified, f.evidence.submitted])).toEqual([['B1', 0.75, 3, 4]]);
    expect((out.flags[0] as Flag).evidence.fence as number).toBeCloseTo(2.5 * (0.25 * 5) / 6, 12);
    expect(run(br038Detector, d, { minimumContractingProcesses: 5 }).flags).toEqual([]); // 4 bids < 5
    expect(run(br038Detector, d, { threshold: 0.25 }).flags.map((f) => f.subjectId)).toEqual(['B1', 'B2']);
  });
});

describe('BLOWBID (ALB awards per buyer)', () => {
  const low: Record<string, number> = { B1: 3, B2: 1, B3: 0, B4: 0, B5: 0, B6: 0 };
  const d = merge(Object.keys(low).map((b) => orgTenders({ buyer: b }, ws('W0', 'W1', 'W2', 'W3', 'W4'))));
  const albFlags: Flag[] = Object.entries(low).flatMap(([b, k]) =>
    Array.from({ length: k }, (_, i) => ({ detector: 'ALB', version: '1', subjectType: 'bid', subjectId: `${b}-${i}/W${i}`, tenderCode: `${b}-${i}`, bidderUscc: `W${i}`, score: 0.6, severity: 'medium', explanation: '', evidence: {} }) as Flag),
  );
  const prev = new Map<string, DetectorOutput>([['ALB', { flags: albFlags, coverage: { applied: 30, flagged: 4, notApplicable: 0, excluded: 0 } }]]);

  it('rates .6 .2 0 0 0 0: Q3 = .2333, fence .5833 → B1 flagged; without ALB not applicable', () => {
    const out = run(blowbidDetector, d, {}, prev);
    expect(out.flags.map((f) => [f.subjectId, f.evidence.lowAwards, f.evidence.awards])).toEqual([['B1', 3, 5]]);
    expect((out.flags[0] as Flag).explanation).toContain('5 个中标结果中 3 个的中标价被 ALB 判为异常低价');
    expect(run(blowbidDetector, d).coverage).toEqual({ applied: 0, flagged: 0, notApplicable: 30, excluded: 0 });
  });
});
