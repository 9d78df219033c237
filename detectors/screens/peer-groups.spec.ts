import { tender } from '../rings/fixtures.js';
import { PeerIndex, midRankPercentile, peerKey, priceBand } from './peer-groups.js';

describe('peer groups', () => {
  it('mid-rank percentile counts ties as half', () => {
    // 1…10: below 4 → 3, equal → 1: (3 + ½)/10
    expect(midRankPercentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 4)).toBe(0.35);
    expect(midRankPercentile([1, 1, 1, 1], 1)).toBe(0.5);
    expect(midRankPercentile([1, 2], 0)).toBe(0);
    expect(midRankPercentile([1, 2], 3)).toBe(1);
  });

  it('price bands and keys', () => {
    expect(priceBand(5e6, [])).toBe('0');
    expect(priceBand(5e6, [4e6, 4e7])).toBe('1');
    expect(priceBand(4e6, [4e6, 4e7])).toBe('1');
    expect(priceBand(null, [4e6])).toBe('-');
    expect(peerKey(tender('A'), 0, [])).toBe('municipal|construction|lowest_evaluated_price|0');
    expect(peerKey(tender('A'), 1, [])).toBe('municipal|lowest_evaluated_price');
    expect(peerKey(tender('A'), 3, [])).toBe('*');
  });

  it('uses the finest level with ≥ minPeers tenders in the trailing window, else coarser', () => {
    const idx = new PeerIndex<'cv'>({ minPeers: 3, peerYears: 2, priceBands: [] });
    // two supervision tenders in 2024–2025, three construction tenders in 2023–2025
    idx.add(tender('S1', { workType: 'supervision', year: 2024 }), { cv: 0.1 });
    idx.add(tender('S2', { workType: 'supervision', year: 2025 }), { cv: 0.2 });
    idx.add(tender('C1', { year: 2023 }), { cv: 0.3 });
    idx.add(tender('C2', { year: 2024 }), { cv: 0.4 });
    idx.add(tender('C3', { year: 2025 }), { cv: 0.5 });
    // construction 2025, window 2024–2025: only C2, C3 (C1 is 2023) → level 1 (category × method): S1, S2, C2, C3
    const p = idx.peersOf(tender('C3', { year: 2025 }));
    expect(p?.level).toBe('category×method');
    expect([...(p?.sorted('cv') as Float64Array)]).toEqual([0.1, 0.2, 0.4, 0.5]);
    expect([p?.fromYear, p?.toYear]).toEqual([2024, 2025]);
    expect(idx.peersOf(tender('Z', { year: 2030 }))).toBeNull();
  });
});
