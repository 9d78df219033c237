import { viewOf } from '../dataset-view.js';
import type { DetectorOutput } from '../detector.js';
import { bid, dataset, tender } from '../rings/fixtures.js';
import { resolveSettings } from '../settings.js';
import type { BidRow, Dataset, Flag } from '../types.js';
import { bursts, marketGapThreshold } from './market-gaps.js';
import { timingDetector, timingSettingsSchema } from './timing.js';

function run(d: Dataset, raw: unknown = {}): DetectorOutput {
  const { settings } = resolveSettings('TIMING', timingSettingsSchema, raw);
  return timingDetector.run(viewOf(d), settings, { asOf: '2026-01-01', previous: new Map() });
}

const T0 = Date.UTC(2025, 2, 1, 1, 0, 0);
/** One tender: firms uploaded at T0 + seconds, with optional extra fields. */
function tenderAt(code: string, firms: Array<[string, number, Partial<BidRow>?]>): BidRow[] {
  return firms.map(([f, sec, over], i) => bid(code, f, 100 + i, { uploadTime: T0 + sec * 1000, ...over }));
}

// Market of 5 tenders × 4 firms = 15 consecutive gaps (seconds), sorted:
// 2, 2, 5, 600, 600, 1000, 1200, 1795, 2000, 3600, 3600, 3600, 3600, 4000, 8996.
// q = 0.15: h = 14 × 0.15 = 2.1 → τ = 5 + 0.1 × (600 − 5) = 64.5 s.
const market: Dataset = dataset(
  ['M1', 'M2', 'M3', 'M4', 'M5'].map((c) => tender(c)),
  [
    ...tenderAt('M1', [['W', 0, { fileCreatedAt: T0 - 600_000 }], ['X', 3600, { fileCreatedAt: T0 - 570_000, uploadIp: '58.2.2.2' }], ['Y', 7200], ['Z', 10800, { uploadIp: '58.2.2.2' }]]),
    ...tenderAt('M2', [['A', 0, { uploadIp: '58.1.1.1' }], ['B', 5, { uploadIp: '58.1.1.1' }], ['F', 1800], ['G', 5400]]),
    ...tenderAt('M3', [['C', 0], ['D', 2], ['E', 4], ['H', 9000]]),
    ...tenderAt('M4', [['I', 0, { uploadIp: '58.3.3.3' }], ['J', 600, { uploadIp: '58.3.3.3' }], ['K', 1200], ['L', 2400]]),
    ...tenderAt('M5', [['N', 0], ['O', 1000], ['P', 3000], ['R', 7000]]),
  ],
);
const SETTINGS = { gapQuantile: 0.15, minMarketGaps: 10 };

describe('the market spacing of uploads', () => {
  it('τ is the q-quantile of consecutive gaps between different firms, pooled over tenders', () => {
    const up = marketGapThreshold(viewOf(market), 'uploadTime', 0.15, 10);
    expect(up).toEqual({ field: 'uploadTime', seconds: 64.5, quantile: 0.15, gaps: 15 });
    // only M1 has creation times: 3 gaps < 10 → no threshold
    expect(marketGapThreshold(viewOf(market), 'fileCreatedAt', 0.15, 10)).toMatchObject({ seconds: null, gaps: 1, reason: 'few_gaps' });
  });

  it('τ = 0 (timestamps to the day: most gaps 0) gives no threshold', () => {
    const day = dataset([tender('D')], Array.from({ length: 12 }, (_, i) => bid('D', `F${i}`, 100 + i, { uploadTime: T0 })));
    expect(marketGapThreshold(viewOf(day), 'uploadTime', 0.02, 10)).toMatchObject({ seconds: null, reason: 'degenerate', gaps: 11 });
  });

  it('bursts: runs with every consecutive gap ≤ τ', () => {
    const t = (firm: string, s: number) => ({ firm, ms: s * 1000 });
    expect(bursts([t('a', 0), t('b', 3), t('c', 6), t('d', 100), t('e', 101)], 3).map((b) => b.map((x) => x.firm))).toEqual([['a', 'b', 'c'], ['d', 'e']]);
  });
});

describe('TIMING', () => {
  const out = run(market, SETTINGS);

  it('flags upload + IP (M2 A–B) and a 3-firm upload sequence (M3); IP alone (M4) and a lone close pair never', () => {
    expect(out.flags.map((f) => [f.subjectId, f.evidence.pair, f.evidence.signals, f.score, f.severity])).toEqual([
      ['M2', ['A', 'B'], ['upload', 'ip'], 0.45, 'medium'],
      ['M3', ['C', 'D'], ['upload', 'sequence'], 0.45, 'medium'],
      ['M3', ['C', 'E'], ['upload', 'sequence'], 0.45, 'medium'],
      ['M3', ['D', 'E'], ['upload', 'sequence'], 0.45, 'medium'],
    ]);
    expect(out.coverage).toEqual({ applied: 5, flagged: 2, notApplicable: 0, excluded: 0 });
  });

  it('evidence carries the gap, the threshold, the quantile and the market sample; Chinese first', () => {
    const f = out.flags[0] as Flag;
    expect(f.evidence).toMatchObject({
      uploadGapSeconds: 5,
      uploadIp: '58.1.1.1',
      thresholds: { quantile: 0.15, uploadGapSeconds: 64.5, uploadMarketGaps: 15, creationGapSeconds: null, creationMarketGaps: 1, minSequenceFirms: 3 },
    });
    expect(f.explanation).toContain('上传时间相差 5 秒（阈值 64.5 秒，即全市场相邻上传间隔的 15% 分位，样本 15 个）；上传IP相同（58.1.1.1）');
    expect(f.explanation).toContain('需 ≥ 2 项，单项不构成线索');
    const seq = out.flags[1] as Flag;
    expect(seq.evidence.sequence).toEqual({ firms: ['C', 'D', 'E'], spanSeconds: 4 });
    expect(seq.explanation).toContain('3 家投标人在 4 秒内依次上传');
  });

  it('files created in one session (fixed 60 s threshold) + same IP: M1 W–X', () => {
    const f = run(market, { ...SETTINGS, creationGapSeconds: 60, minSequenceFirms: 4 }).flags.filter((x) => x.subjectId === 'M1');
    // W and X created 30 s apart; uploads an hour apart; X shares its IP with Z, not with W → one signal only
    expect(f).toEqual([]);
    const withIp: Dataset = { ...market, bids: market.bids.map((b) => (b.bidderUscc === 'W' ? { ...b, uploadIp: '58.2.2.2' } : b)) };
    const g = run(withIp, { ...SETTINGS, creationGapSeconds: 60 }).flags.filter((x) => x.subjectId === 'M1');
    expect(g.map((x) => [x.evidence.pair, x.evidence.signals, x.evidence.creationGapSeconds])).toEqual([[['W', 'X'], ['session', 'ip'], 30]]);
  });

  it('an IP held by more than commonIpMaxFirms firms does not count', () => {
    expect(run(market, { ...SETTINGS, commonIpMaxFirms: 2 }).flags.map((f) => f.subjectId)).toEqual(['M2', 'M3', 'M3', 'M3']);
    const shared: Dataset = { ...market, bids: [...market.bids, ...tenderAt('M6', [['Q1', 0, { uploadIp: '58.1.1.1' }], ['Q2', 9999]])] };
    expect(run(shared, { ...SETTINGS, commonIpMaxFirms: 2 }).flags.filter((f) => f.subjectId === 'M2')).toEqual([]);
  });

  it('not applicable without timestamps; excluded when the market gives no threshold', () => {
    expect(run(dataset([tender('T')], [bid('T', 'A', 1), bid('T', 'B', 2)])).coverage).toEqual({ applied: 0, flagged: 0, notApplicable: 1, excluded: 0 });
    expect(run(market).coverage).toEqual({ applied: 0, flagged: 0, notApplicable: 0, excluded: 5 }); // 15 gaps < 100
  });
});
