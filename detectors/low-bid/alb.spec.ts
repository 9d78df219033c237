import { albDetector } from './alb.js';
import { dataset, runOne, tender, tenderWithBids } from '../price/spec-helpers.js';
import type { Flag } from '../types.js';

const M = 1_000_000;

function flagsOf(out: { flags: Flag[] }, tenderCode: string): Flag[] {
  return out.flags.filter((f) => f.tenderCode === tenderCode);
}

describe('ALB rule triggers T1–T3 (财库〔2026〕2号 defaults)', () => {
  // C = 12,000,000; valid bids 4.1M, 10M, 10.2M, 10.3M, 10.5M: mean = 45.1M / 5 = 9.02M.
  // T1 threshold 0.5 × 9.02M = 4.51M; T2 0.5 × 10M = 5M; T3 0.45 × 12M = 5.4M. 4.1M is below all three.
  const t = tenderWithBids('T-A', [4.1 * M, 10 * M, 10.2 * M, 10.3 * M, 10.5 * M], { controlPrice: 12 * M });
  const out = runOne(albDetector, dataset([t]));

  it('flags the one low bid once, listing every trigger', () => {
    expect(out.flags).toHaveLength(1);
    const f = out.flags[0]!;
    expect(f).toMatchObject({
      detector: 'ALB',
      version: '1.0.0',
      subjectType: 'bid',
      subjectId: 'T-A/B1',
      tenderCode: 'T-A',
      bidderUscc: 'B1',
      severity: 'high',
    });
    expect(f.evidence).toMatchObject({ rule: 'T1', triggers: ['T1', 'T2', 'T3'], meanValid: 9.02 * M, secondLowest: 10 * M });
    const th = f.evidence['thresholds'] as Record<string, number | null>;
    expect(th['T1']).toBeCloseTo(4.51 * M, 6);
    expect(th['T2']).toBe(5 * M);
    expect(th['T3']).toBeCloseTo(5.4 * M, 6);
    expect(f.evidence['discount']).toBeCloseTo((12 - 4.1) / 12, 12);
    // deepest trigger T3: (5.4 − 4.1)/5.4 = 0.240740…; score = 0.75 + 0.25 × 0.240740… = 0.810185…
    expect(f.score).toBeCloseTo(0.75 + 0.25 * (1.3 / 5.4), 10);
  });

  it('explains with the numbers, the threshold and the source, Chinese first', () => {
    const e = out.flags[0]!.explanation;
    expect(e).toContain('投标报价 4,100,000.00 元低于有效投标平均价 9,020,000.00 元的 50.00%（4,510,000.00 元）；依据财库〔2026〕2号（政府采购规则，工程招标作参考默认值）');
    expect(e).toContain('最低报价 4,100,000.00 元低于次低报价 10,000,000.00 元的 50.00%（5,000,000.00 元）');
    expect(e).toContain('低于最高投标限价 12,000,000.00 元的 45.00%（5,400,000.00 元）');
    expect(e).toContain('(below 50.00% of the mean of valid bids)');
  });

  it('has no peer group for 5 bids (T4 needs 30) and counts coverage in tenders', () => {
    expect(out.flags[0]!.evidence['peer']).toBeNull();
    expect(out.flags[0]!.evidence['t4Skipped']).toBe('peer_group_too_small');
    expect(out.coverage).toEqual({ applied: 1, flagged: 1, notApplicable: 0, excluded: 0 });
  });
});

describe('ALB edge cases', () => {
  it('uses strict "<": a bid exactly at 50 % of the mean does not fire T1; T2 works with 2 bids; T3 needs a control price', () => {
    // 1M and 3M, no control price: mean 2M → T1 threshold 1M (not <); T2 threshold 1.5M (fires); no T3, no T4.
    const t = tenderWithBids('T-B', [1 * M, 3 * M], { controlPrice: null });
    const out = runOne(albDetector, dataset([t]));
    expect(out.flags).toHaveLength(1);
    expect(out.flags[0]!.evidence).toMatchObject({ triggers: ['T2'], discount: null, controlPrice: null, t4Skipped: 'no_control_price' });
    expect((out.flags[0]!.evidence['thresholds'] as Record<string, unknown>)['T3']).toBeNull();
  });

  it('treats ties for lowest as no T2 (P₍₁₎ = P₍₂₎) and all-equal bids as unflagged', () => {
    const tie = tenderWithBids('T-TIE', [2 * M, 2 * M, 9 * M], { controlPrice: null });
    const equal = tenderWithBids('T-EQ', [5 * M, 5 * M, 5 * M], { controlPrice: 6 * M });
    const out = runOne(albDetector, dataset([tie, equal]));
    // T-TIE: mean 13M/3 = 4.333M → T1 threshold 2.1667M: both 2M bids fire T1, neither fires T2.
    expect(flagsOf(out, 'T-TIE').map((f) => f.evidence['triggers'])).toEqual([['T1'], ['T1']]);
    expect(flagsOf(out, 'T-EQ')).toEqual([]);
    expect(out.coverage).toEqual({ applied: 2, flagged: 1, notApplicable: 0, excluded: 0 });
  });

  it('leaves bids above the control price out of the mean (default) or keeps them (excludeAboveControl: false)', () => {
    // C = 10M; valid bids 4M, 9M, 9.5M and 15M (above C, recorded valid).
    const t = tenderWithBids('T-UP', [4 * M, 9 * M, 9.5 * M, 15 * M], { controlPrice: 10 * M });
    // Default: mean of 4, 9, 9.5 = 7.5M → T1 at 3.75M does not fire; T2 0.5 × 9M = 4.5M and T3 4.5M fire.
    const def = runOne(albDetector, dataset([t]));
    expect(def.flags).toHaveLength(1);
    expect(def.flags[0]!.evidence).toMatchObject({ triggers: ['T2', 'T3'], meanValid: 7.5 * M, aboveControlExcluded: 1, validBids: 3 });
    // Kept: mean (4 + 9 + 9.5 + 15)/4 = 9.375M → T1 at 4.6875M fires too.
    const kept = runOne(albDetector, dataset([t]), { excludeAboveControl: false });
    expect(kept.flags[0]!.evidence).toMatchObject({ triggers: ['T1', 'T2', 'T3'], meanValid: 9.375 * M, aboveControlExcluded: 0 });
  });

  it('ignores invalid bids: they are neither tested nor in the mean', () => {
    // Invalid 1M bid; valid 6M, 7M, 8M: mean 7M (T1 3.5M), T2 3.5M, T3 4.5M (C = 10M) — nothing fires.
    const t = tenderWithBids('T-INV', [1 * M, 6 * M, 7 * M, 8 * M], { controlPrice: 10 * M }, (i) =>
      i === 0 ? { valid: false, invalidReason: '低于成本' } : {},
    );
    const out = runOne(albDetector, dataset([t]));
    expect(out.flags).toEqual([]);
    expect(out.coverage.applied).toBe(1);
  });

  it('single bids: T3 still applies with a control price; without one the tender is not applicable', () => {
    const withC = tenderWithBids('T-1C', [4 * M], { controlPrice: 10 * M });
    const noC = tenderWithBids('T-1N', [4 * M], { controlPrice: null });
    const none = { tender: tender('T-0'), bids: [] };
    const out = runOne(albDetector, dataset([withC, noC, none]));
    expect(out.flags.map((f) => [f.subjectId, f.evidence['triggers']])).toEqual([['T-1C/B1', ['T3']]]);
    expect(out.coverage).toEqual({ applied: 1, flagged: 1, notApplicable: 2, excluded: 0 });
    expect(out.tenderMetrics!.get('T-0')).toEqual({ alb_max_robust_z: null });
  });

  it('applies per-evaluation-method overrides through settings.for(tender)', () => {
    // Bids 5M, 9M, 10M, C = 11M: mean 8M. r1 0.5 → 4M (no); r1 0.65 → 5.2M (fires). T2 4.5M, T3 4.95M: no.
    const rlp = tenderWithBids('T-RLP', [5 * M, 9 * M, 10 * M], { controlPrice: 11 * M, evaluationMethod: 'reasonable_low_price' });
    const comp = tenderWithBids('T-CMP', [5 * M, 9 * M, 10 * M], { controlPrice: 11 * M, evaluationMethod: 'comprehensive' });
    const off = tenderWithBids('T-OFF', [1 * M, 9 * M, 10 * M], { controlPrice: 11 * M, evaluationMethod: 'separation' });
    const out = runOne(albDetector, dataset([rlp, comp, off]), {
      overrides: [
        { evaluationMethod: 'reasonable_low_price', r1: 0.65 },
        { evaluationMethod: 'separation', enabled: false },
      ],
    });
    expect(out.flags.map((f) => f.subjectId)).toEqual(['T-RLP/B1']);
    expect(out.flags[0]!.explanation).toContain('的 65.00%（5,200,000.00 元）');
    expect(out.coverage).toEqual({ applied: 2, flagged: 1, notApplicable: 0, excluded: 1 });
  });

  it('rejects unknown settings keys', () => {
    expect(() => runOne(albDetector, dataset([]), { r4: 0.5 })).toThrow(/r4|Unrecognized/);
  });
});

describe('ALB statistical trigger T4 (peer-group Tukey fence)', () => {
  const C = 5 * M; // band 400万–1000万
  const atDiscount = (d: number) => Math.round(C * (1 - d));
  // Nine tenders with discounts 5 %, 6 %, 7 %, 8 % and one with 6 %, 7 %, 8 %, 40 %, all 2024 building/construction/
  // comprehensive: 40 discounts. Sorted: 0.05×9, 0.06×10, 0.07×10, 0.08×10, 0.40.
  // Type-8 quartiles: Q1 at h = (40 + 1/3)·0.25 + 1/3 = 10.417 → x₁₀ = x₁₁ = 0.06; Q3 at h = 30.583 → x₃₀ = x₃₁ = 0.08.
  // IQR 0.02, upper fence 0.08 + 1.5 × 0.02 = 0.11. Median 0.07, MAD = 0.01 → z(0.40) = 0.33 / 0.014826 = 22.258.
  const normal = Array.from({ length: 9 }, (_, i) => tenderWithBids(`P${i}`, [0.05, 0.06, 0.07, 0.08].map(atDiscount), { controlPrice: C }));
  const odd = tenderWithBids('P9', [0.06, 0.07, 0.08, 0.4].map(atDiscount), { controlPrice: C });
  // Another band (C = 20M, band 1000万–5000万) with 4 bids: its own band has 4 < 30 → widened to no_band (44 bids).
  const big = tenderWithBids('BIG', [18 * M, 19 * M, 19.5 * M, 19.8 * M], { controlPrice: 20 * M });
  // Outside the 2022–2024 window: not a peer of the 2024 tenders (its own group widens to all years: 52 bids).
  const old = tenderWithBids('OLD', [0.05, 0.06, 0.07, 0.08].map(atDiscount), { controlPrice: C, year: 2021, openDate: '2021-03-01' });
  const data = dataset([...normal, odd, big, old]);
  const out = runOne(albDetector, data);

  it('flags the 40 % discount only, as medium, with the peer group and its numbers', () => {
    expect(out.flags.map((f) => f.subjectId)).toEqual(['P9/B4']);
    const f = out.flags[0]!;
    expect(f.severity).toBe('medium');
    expect(f.evidence['triggers']).toEqual(['T4']);
    const peer = f.evidence['peer'] as Record<string, number | string>;
    expect(peer).toMatchObject({ key: '2022-2024|building|construction|comprehensive|4000000-10000000', level: 'full', n: 40 });
    expect(peer['q1']).toBeCloseTo(0.06, 12);
    expect(peer['q3']).toBeCloseTo(0.08, 12);
    expect(peer['upperFence']).toBeCloseTo(0.11, 12);
    expect(peer['median']).toBeCloseTo(0.07, 12);
    expect(peer['mad']).toBeCloseTo(0.01, 12);
    expect(peer['robustZ']).toBeCloseTo(0.33 / 0.014826, 6);
    // 0.5 + 0.25 × min(1, (0.40 − 0.11)/0.02) = 0.75
    expect(f.score).toBeCloseTo(0.75, 10);
    expect(f.explanation).toContain('下浮率 40.00% 高于同类标段下浮率上围栏 11.00%');
    expect(f.explanation).toContain('同类组 2022–2024年·房屋建筑·施工·综合评估法·控制价400万–1000万元，40 个有效报价');
    expect(f.explanation).toContain('稳健 z = 22.26');
  });

  it('widens a small group in the stated order and says which group was used', () => {
    // BIG's discounts 10 %, 5 %, 2.5 %, 1 % join the 40 (no_band, 44 bids): median = (x₂₂ + x₂₃)/2 = (0.06 + 0.07)/2
    // = 0.065; |d − 0.065| sorted has 0.005 ×20 then 0.015 ×20 → MAD 0.015; z(0.10) = 0.035 / (1.4826 × 0.015).
    const z = out.tenderMetrics!.get('BIG')!['alb_max_robust_z']!;
    expect(z).toBeCloseTo(0.035 / (1.4826 * 0.015), 6);
    const withMin = runOne(albDetector, dataset([...normal, odd, big]), { minPeerBids: 44 });
    expect(withMin.flags[0]!.evidence['peer']).toMatchObject({ level: 'no_band', n: 44, key: '2022-2024|building|construction|comprehensive|*' });
    const tooBig = runOne(albDetector, data, { minPeerBids: 53 }); // even the whole dataset has 52
    expect(tooBig.flags).toEqual([]);
    expect(tooBig.tenderMetrics!.get('P9')).toEqual({ alb_max_robust_z: null });
  });

  it('reports the largest robust z of each tender in tenderMetrics', () => {
    expect(out.tenderMetrics!.get('P0')!['alb_max_robust_z']).toBeCloseTo(0.01 / 0.014826, 6);
  });

  it('can be switched off (statistical: false)', () => {
    expect(runOne(albDetector, data, { statistical: false }).flags).toEqual([]);
  });
});
