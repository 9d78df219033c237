import { viewOf } from '../dataset-view.js';
import { dataset, tenderWithBids } from '../price/spec-helpers.js';
import { bandOf, PeerGroups, peerDiscounts, type PeerParams } from './peer-groups.js';

const M = 1_000_000;
const params: PeerParams = { yearWindow: 3, priceBands: [1 * M, 4 * M, 10 * M, 50 * M], minPeerBids: 4, fenceK: 1.5, excludeAboveControl: true };

describe('bandOf', () => {
  it('puts an edge value in the band that starts there', () => {
    expect(bandOf(999_999, params.priceBands)).toBe(0);
    expect(bandOf(1 * M, params.priceBands)).toBe(1);
    expect(bandOf(4 * M, params.priceBands)).toBe(2);
    expect(bandOf(60 * M, params.priceBands)).toBe(4);
    expect(bandOf(60 * M, [])).toBe(0);
  });
});

describe('peerDiscounts', () => {
  it('keeps valid positive bids, drops bids above the control price when asked, and needs a control price', () => {
    const t = tenderWithBids('A', [8 * M, 9 * M, 11 * M, 7 * M], { controlPrice: 10 * M }, (i) => (i === 3 ? { valid: false } : {}));
    const view = viewOf(dataset([t]));
    expect(peerDiscounts(view, t.tender, true)).toEqual([0.2, 0.1]);
    expect(peerDiscounts(view, t.tender, false)).toEqual([0.2, 0.1, -0.1]);
    const n = tenderWithBids('N', [8 * M], { controlPrice: null });
    expect(peerDiscounts(viewOf(dataset([n])), n.tender, true)).toEqual([]);
  });
});

describe('PeerGroups widening ladder', () => {
  // X: 2024 building/construction/comprehensive, 5M (band 2) with 2 bids; Y: same cell, 20M (band 3), 2 bids;
  // Z: 2020 same cell, 2 bids; W: 2024 building/construction/reasonable_low_price, 2 bids; V: municipal, 2 bids.
  const X = tenderWithBids('X', [4.5 * M, 4 * M], { controlPrice: 5 * M });
  const Y = tenderWithBids('Y', [18 * M, 16 * M], { controlPrice: 20 * M });
  const Z = tenderWithBids('Z', [4.5 * M, 4.75 * M], { controlPrice: 5 * M, year: 2020 });
  const W = tenderWithBids('W', [4.5 * M, 4.6 * M], { controlPrice: 5 * M, evaluationMethod: 'reasonable_low_price' });
  const V = tenderWithBids('V', [4.5 * M, 4.6 * M], { controlPrice: 5 * M, category: 'municipal', workType: 'design' });
  const groups = new PeerGroups(viewOf(dataset([X, Y, Z, W, V])));
  const at = (minPeerBids: number) => groups.statsFor(X.tender, { ...params, minPeerBids });

  it('drops the band, then the window, then the method, the work type, the category', () => {
    expect(at(2)).toMatchObject({ level: 'full', n: 2, key: '2022-2024|building|construction|comprehensive|4000000-10000000' });
    expect(at(3)).toMatchObject({ level: 'no_band', n: 4, key: '2022-2024|building|construction|comprehensive|*' });
    expect(at(5)).toMatchObject({ level: 'all_years', n: 6, key: '*|building|construction|comprehensive|*' });
    expect(at(7)).toMatchObject({ level: 'no_method', n: 8, key: '*|building|construction|*|*' });
    expect(at(9)).toMatchObject({ level: 'all', n: 10, key: '*|*|*|*|*' }); // 'category' (8) is no larger
    expect(at(11)).toBeNull();
  });

  it('labels the group in Chinese', () => {
    expect(at(2)!.label).toBe('2022–2024年·房屋建筑·施工·综合评估法·控制价400万–1000万元');
    expect(at(9)!.label).toBe('全部年份·全部类别');
  });

  it('computes type-8 quartiles over the chosen population', () => {
    // full: discounts 0.1, 0.2 → type 8 with n = 2: Q1 at h = 0.917 → x₁ = 0.1; Q3 at h = 2.083 → x₂ = 0.2.
    const s = at(2)!;
    expect(s.q1).toBeCloseTo(0.1, 12);
    expect(s.q3).toBeCloseTo(0.2, 12);
    expect(s.upperFence).toBeCloseTo(0.35, 12);
    expect(s.median).toBeCloseTo(0.15, 12);
  });
});
