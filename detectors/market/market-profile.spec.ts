import { viewOf } from '../dataset-view.js';
import { bidRow, tenderRow } from '../lib/rows.js';
import type { BidRow, TenderRow } from '../types.js';
import { computeMarketProfile, discountRoundingUnit, discountRoundness, effectiveUnit, priceRoundness, roundingUnit } from './market-profile.js';

describe('market profile', () => {
  it('rounding unit: the largest 1-2-5 unit holding at least 90 % of the prices', () => {
    const prices = [...Array.from({ length: 19 }, (_, i) => (100 + i) * 10_000), 1_234_567.89];
    expect(roundingUnit(prices)).toEqual({ unit: 10_000, share: 0.95 });
    expect(roundingUnit([1.23, 4.56]).unit).toBe(0.01);
  });

  it('roundness of one price and one discount', () => {
    expect(priceRoundness(3_690_000)).toBe(10_000);
    expect(priceRoundness(3_681_234.5)).toBe(0.5);
    // a discount of 12.347 % on a 500,000 control price sits on 10⁻⁵
    expect(discountRoundness(500_000 * (1 - 0.12347), 500_000)).toBeCloseTo(1e-5, 12);
  });

  it('discount unit: found when discounts are rounder than chance, not for arbitrary prices', () => {
    const rounded = Array.from({ length: 50 }, (_, i) => ({ control: 1_000_000 + i * 7_919, price: 0 })).map((p, i) => ({ ...p, price: Math.round(p.control * (1 - (10 + i * 0.001) / 100) * 100) / 100 }));
    expect(discountRoundingUnit(rounded)).toBeCloseTo(1e-5, 12);
    const arbitrary = Array.from({ length: 50 }, (_, i) => ({ control: 1_000_000, price: 900_000 + i * 1_234.57 }));
    expect(discountRoundingUnit(arbitrary)).toBeNull();
  });

  it('segments of 30+ tenders get their own profile; smaller ones the market’s; ties at the lowest price counted', () => {
    const tenders: TenderRow[] = [];
    const bids: BidRow[] = [];
    for (let i = 0; i < 40; i++) {
      const t = tenderRow(`T${i}`, { controlPrice: 10_000_000 });
      tenders.push(t);
      const prices = i % 2 === 0 ? [9_000_000, 9_000_000, 9_500_000] : [9_000_000, 9_200_000, 9_500_000];
      prices.forEach((p, k) => bids.push(bidRow({ tenderCode: t.code, bidderUscc: `F${k}`, price: p }, 10_000_000)));
    }
    tenders.push(tenderRow('S', { category: 'municipal' }));
    bids.push(bidRow({ tenderCode: 'S', bidderUscc: 'F1', price: 1.23 }));
    const p = computeMarketProfile(viewOf({ tenders, bids, contracts: [], attendance: [] }));
    const seg = p.of(tenders[0]!);
    expect(seg.key).toBe('building|construction|comprehensive');
    expect(seg.priceUnit).toBe(100_000);
    expect(seg.lowestTieRate).toBe(0.5);
    expect(seg.otherTieRate).toBe(0);
    expect(p.of(tenders[40]!).key).toBe('*');
    expect(effectiveUnit(seg, 10_000_000)).toBeGreaterThanOrEqual(100_000);
  });
});
