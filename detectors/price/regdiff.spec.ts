import { regdiffDetector, regdiffSettingsSchema, regularityOf } from './regdiff.js';
import { equalGapChance, priceUnit, roundChance, roundPercentStep } from './regularity.js';
import { dataset, runOne, tender, tenderWithBids } from './spec-helpers.js';

const D = regdiffSettingsSchema.parse({});

describe('regularityOf (defaults)', () => {
  it('arithmetic: gaps 113,000 / 113,500 / 112,500 → mean 113,000, s = 500, CV 0.004425 < 0.05', () => {
    const r = regularityOf([1_000_000, 1_113_000, 1_226_500, 1_339_000], D);
    expect(r.rules).toEqual(['arithmetic']);
    expect(r.cvGap).toBeCloseTo(500 / 113_000, 9);
    expect(r.cvLogRatio).toBeCloseTo(0.099189, 5); // log-steps 0.10706, 0.09711, 0.08776: not geometric
  });

  it('geometric: ratio 1.2 each step → log-step CV 0; gaps 200k / 240k / 288k have CV 0.1816', () => {
    const r = regularityOf([1_000_000, 1_200_000, 1_440_000, 1_728_000], D);
    expect(r.rules).toEqual(['geometric']);
    expect(r.cvLogRatio).toBeCloseTo(0, 9);
    expect(r.cvGap).toBeCloseTo(0.181568, 5);
  });

  it('round_percent: +1 %, +3 %, +6 % over 1,234,567 元 are whole multiples of 1 % (chance ≈ 0.1³ = 0.1 %)', () => {
    const r = regularityOf([1_234_567, 1_246_912.67, 1_271_604.01, 1_308_641.02], D);
    expect(r.rules).toEqual(['round_percent']);
    expect(r.round).toMatchObject({ step: 0.01, multiples: [1, 3, 6] });
    // prices to the fen: (2·⌊0.0005 × 1,234,567 / 0.01⌋ + 1) × 0.01 / (0.01 × 1,234,567) = 1,234.57 / 12,345.67 per bid
    expect(r.round!.chance).toBeCloseTo((1234.57 / 12345.67) ** 3, 12);
  });

  it('round prices are not evidence: 1.00M / 1.01M / 1.03M / 1.06M are multiples of 10,000 元, so every step is', () => {
    // unit 10,000: a 1 % step of 1,000,000 is exactly one unit, so each difference is a whole percentage for sure.
    const r = regularityOf([1_000_000, 1_010_000, 1_030_000, 1_060_000], D);
    expect(r).toMatchObject({ rules: [], unit: 10_000, round: null });
    // Tsuchiura-style bids 17.90M / 17.95M / 18.00M: equal gaps of one 50,000 unit — chance 1/2, CV tests not run.
    const t = regularityOf([17_900_000, 17_950_000, 18_000_000], D);
    expect(t).toMatchObject({ rules: [], unit: 50_000, meanGapUnits: 1, equalGapChance: 0.5, cvTestsRun: false, cvGap: 0 });
  });

  it('n = 3 uses the tighter cvAtN3 (0.25 %): gaps 110,000 / 110,400 have CV 0.002567', () => {
    const prices = [1_000_000, 1_110_000, 1_220_400];
    expect(regularityOf(prices, D).rules).toEqual([]);
    const loose = regularityOf(prices, { ...D, cvAtN3: 0.005 });
    expect(loose.rules).toEqual(['arithmetic']);
    expect(loose.cvGap).toBeCloseTo(400 / Math.SQRT2 / 110_200, 9);
    expect(loose.cvGapThreshold).toBe(0.005);
  });

  it('the literal CV(ρ) < 0.01 (off by default) passes irregular steps of +2.13 %, +2.98 %, +1.02 %', () => {
    const prices = [1_000_000, 1_021_300, 1_051_700, 1_062_400];
    expect(regularityOf(prices, D).rules).toEqual([]);
    const literal = regularityOf(prices, { ...D, cvRatio: 0.01 });
    expect(literal.rules).toEqual(['geometric']);
    expect(literal.cvRatio).toBeCloseTo(0.009629, 5);
  });

  it('all bids equal, and ties at the bottom, are not regular (CV undefined / k = 0)', () => {
    expect(regularityOf([5_000_000, 5_000_000, 5_000_000], D)).toMatchObject({ rules: [], cvGap: null, cvLogRatio: null, round: null });
    expect(regularityOf([1_000_000, 1_000_000, 1_100_000, 1_200_000], D).rules).toEqual([]);
  });
});

describe('price rounding', () => {
  it('priceUnit is the largest 1-2-5 unit dividing every price', () => {
    expect(priceUnit([1_234_567.89, 2_000_000])).toBe(0.01);
    expect(priceUnit([1_226_500, 1_113_000, 1_000_000])).toBe(500);
    expect(priceUnit([1_440_000, 1_728_000])).toBe(2_000); // gcd 288,000 元 → 2,000 (5,000 does not divide it)
    expect(priceUnit([0.1 + 0.2, 0.6])).toBe(0.1);
    expect(priceUnit([17_900_000, 17_950_000, 18_000_000])).toBe(50_000);
  });

  it('equalGapChance = (1/(2m))^(n−2)', () => {
    expect(equalGapChance(3, 1)).toBe(0.5);
    expect(equalGapChance(4, 5)).toBeCloseTo(0.01, 12);
    expect(equalGapChance(3, 1000)).toBeCloseTo(0.0005, 12);
    expect(equalGapChance(3, 0)).toBe(1);
  });
});

describe('roundPercentStep and its chance rate', () => {
  it('(2·tol/s)^(n−1): 0.5 % steps need n ≥ 6 to stay ≤ 0.1 %, 5 % steps pass at n = 3', () => {
    expect(roundChance(0.005, 0.0005, 5)).toBeCloseTo(0.0016, 12);
    expect(roundChance(0.005, 0.0005, 6)).toBeCloseTo(0.00032, 12);
    expect(roundChance(0.05, 0.0005, 3)).toBeCloseTo(0.0004, 12);
    // rounded prices: L = 1,000,000, unit 10,000 → a 1 % step is one unit, always hit; unit 100 → 11 of 100 units
    expect(roundChance(0.01, 0.0005, 4, 1_000_000, 10_000)).toBe(1);
    expect(roundChance(0.01, 0.0005, 4, 1_000_000, 100)).toBeCloseTo(0.11 ** 3, 12);
    // +0.5 %, +1.5 % at n = 3 fit 0.5 % steps but the chance (4 %) is too high to try them.
    expect(roundPercentStep([1_000_000, 1_005_000, 1_015_000], [0.005], 0.0005, 0.001)).toBeNull();
    expect(roundPercentStep([1_000_000, 1_005_000, 1_015_000], [0.005], 0.0005, 1)).toMatchObject({ step: 0.005, multiples: [1, 3] });
    // reports the largest step that fits: +10 %, +20 % are multiples of 5 %
    expect(roundPercentStep([1_000_000, 1_100_000, 1_200_000], [0.005, 0.01, 0.02, 0.05], 0.0005, 1)!.step).toBe(0.05);
    // 0.05 % tolerance is inclusive: +1.05 % is 1 % + 0.05 %
    expect(roundPercentStep([1_000_000, 1_010_500, 1_020_000, 1_030_000], [0.01], 0.0005, 0.001)).not.toBeNull();
    expect(roundPercentStep([1_000_000, 1_010_600, 1_020_000, 1_030_000], [0.01], 0.0005, 0.001)).toBeNull();
  });
});

describe('REGDIFF detector', () => {
  it('flags the tender once with the prices, the rule and the numbers', () => {
    const t = tenderWithBids('R1', [1_226_500, 1_000_000, 1_339_000, 1_113_000]);
    const out = runOne(regdiffDetector, dataset([t]));
    expect(out.flags).toHaveLength(1);
    const f = out.flags[0]!;
    expect(f).toMatchObject({ detector: 'REGDIFF', subjectType: 'tender', subjectId: 'R1', tenderCode: 'R1', bidderUscc: null, severity: 'medium' });
    expect(f.evidence).toMatchObject({ rule: 'arithmetic', rules: ['arithmetic'], n: 4, prices: [1_000_000, 1_113_000, 1_226_500, 1_339_000], bidders: ['B2', 'B4', 'B1', 'B3'], gaps: [113_000, 113_500, 112_500] });
    // score 0.6 + 0.3 × (0.5 × 0 + 0.25 × 1) = 0.675
    expect(f.score).toBeCloseTo(0.675, 12);
    expect(f.explanation).toContain('4 家有效报价从低到高：1,000,000.00、1,113,000.00、1,226,500.00、1,339,000.00 元；相邻报价差额为 113,000.00、113,500.00、112,500.00 元，差额变异系数 0.0044 < 0.05（近似等差）');
    expect(f.explanation).toContain('第四十条（四）');
    expect(out.coverage).toEqual({ applied: 1, flagged: 1, notApplicable: 0, excluded: 0 });
  });

  it('leaves invalid bids out unless includeInvalid; 1–2 bids are not applicable', () => {
    // Valid: +0, +1 %, +3 % (n = 3: 1 % steps have chance 1 % > 0.15 %); with the invalid +6 % bid the pattern shows.
    const t = tenderWithBids('R2', [1_234_567, 1_246_912.67, 1_271_604.01, 1_308_641.02], {}, (i) => (i === 3 ? { valid: false } : {}));
    const two = tenderWithBids('R3', [1_000_000, 1_100_000]);
    const none = { tender: tender('R4'), bids: [] };
    const def = runOne(regdiffDetector, dataset([t, two, none]));
    expect(def.flags).toEqual([]);
    expect(def.coverage).toEqual({ applied: 1, flagged: 0, notApplicable: 2, excluded: 0 });
    const inv = runOne(regdiffDetector, dataset([t]), { includeInvalid: true });
    expect(inv.flags[0]!.evidence).toMatchObject({ rule: 'round_percent', round: { step: 0.01, multiples: [1, 3, 6] } });
    expect(inv.flags[0]!.explanation).toContain('各报价比最低价 1,234,567.00 元分别高 1.00%、3.00%、6.00%，均为 1.00% 的整数倍');
  });

  it('takes per-method overrides (e.g. minBids 4 for 合理低价法) and can be disabled', () => {
    const p = [1_000_003, 1_100_003, 1_200_003];
    const a = tenderWithBids('R5', p, { evaluationMethod: 'reasonable_low_price' });
    const b = tenderWithBids('R6', p);
    const c = tenderWithBids('R7', p, { evaluationMethod: 'separation' });
    const out = runOne(regdiffDetector, dataset([a, b, c]), {
      overrides: [
        { evaluationMethod: 'reasonable_low_price', minBids: 4 },
        { evaluationMethod: 'separation', enabled: false },
      ],
    });
    // R6: gaps equal (CV 0 < 0.0025; unit 1 元, chance of equal gaps 1/200,000), log-steps 0.0953/0.0870 (CV 0.065),
    // +10 %/+20 % multiples of 5 % within 0.00001 % (chance (1,001/50,000.15)² = 0.04 %).
    expect(out.flags.map((f) => [f.subjectId, f.evidence['rules']])).toEqual([['R6', ['arithmetic', 'round_percent']]]);
    expect(out.coverage).toEqual({ applied: 1, flagged: 1, notApplicable: 1, excluded: 1 });
  });
});
