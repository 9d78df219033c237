import { viewOf } from '../dataset-view.js';
import type { DetectorOutput } from '../detector.js';
import { bid, dataset, tender } from '../rings/fixtures.js';
import { resolveSettings } from '../settings.js';
import type { Dataset, FirmProfileRow, Flag } from '../types.js';
import { rel } from './testing.js';
import { r044Detector, r044SettingsSchema } from './r044.js';

function run(d: Dataset, raw: unknown = {}, previous = new Map<string, DetectorOutput>()): DetectorOutput {
  const { settings } = resolveSettings('R044', r044SettingsSchema, raw);
  return r044Detector.run(viewOf(d), settings, { asOf: '2026-01-01', previous });
}

const prof = (uscc: string, addressNorm: string | null, phoneHash: string | null = null): FirmProfileRow => ({ uscc, addressNorm, phoneHash });

describe('R044 business similarities', () => {
  // B1..B12 registered at one business centre (12 firms > cap 10): ignored
  const centre = Array.from({ length: 12 }, (_, i) => prof(`B${i + 1}`, '昆山市前进东路1号商务中心'));
  const profiles = [prof('A', '玉山镇人民路8号', 'ph-1'), prof('B', '玉山镇人民路8号', 'ph-1'), prof('C', '周市镇2号', 'ph-1'), prof('D', '花桥1号'), ...centre];
  const d: Dataset = {
    ...dataset(
      [tender('T1'), tender('T2'), tender('T3')],
      [bid('T1', 'A', 100), bid('T1', 'B', 101), bid('T1', 'C', 102), bid('T2', 'B1', 100), bid('T2', 'B2', 101), bid('T3', 'S1', 100), bid('T3', 'S2', 101)],
    ),
    firmProfiles: profiles,
    // S1 and S2 are both 60 % held by G: sister firms (G is not a bidder)
    firmRelations: [rel('S1', 'shareholder', { firm: 'G' }, { sharePct: 60 }), rel('S2', 'shareholder', { firm: 'G' }, { sharePct: 70 })],
  };

  it('address + phone (A–B, medium), phone only (A–C, B–C, low), a common parent (S1–S2); the business centre is ignored', () => {
    const out = run(d);
    expect(out.flags.map((f) => [f.subjectId, f.evidence.pair, f.evidence.signals, f.severity, f.score])).toEqual([
      ['T1', ['A', 'B'], ['address', 'phone'], 'medium', 0.45],
      ['T1', ['A', 'C'], ['phone'], 'low', 0.3],
      ['T1', ['B', 'C'], ['phone'], 'low', 0.3],
      ['T3', ['S1', 'S2'], ['owner'], 'low', 0.3],
    ]);
    expect((out.flags[3] as Flag).evidence.commonParent).toEqual(['G']);
    expect((out.flags[0] as Flag).explanation).toContain('注册地址相同（玉山镇人民路8号）；联系电话相同（ph-1…）');
    expect((out.flags[0] as Flag).explanation).toContain('超过 10 家企业共用的地址或电话不计');
    expect(out.coverage).toEqual({ applied: 3, flagged: 2, notApplicable: 0, excluded: 0 });
  });

  it('minSignals 2 keeps only A–B; a raised cap lets the business centre count', () => {
    expect(run(d, { minSignals: 2 }).flags.map((f) => f.evidence.pair)).toEqual([['A', 'B']]);
    expect(run(d, { commonValueMaxFirms: 12 }).flags.map((f) => f.evidence.pair)).toContainEqual(['B1', 'B2']);
  });

  it('a pair A34 already linked in the tender is left to A34', () => {
    const a34: Flag = { detector: 'A34', version: '1', subjectType: 'tender', subjectId: 'T1', tenderCode: 'T1', bidderUscc: 'A', score: 0.95, severity: 'high', explanation: '', evidence: { pair: ['A', 'B'] } };
    const prev = new Map<string, DetectorOutput>([['A34', { flags: [a34], coverage: { applied: 1, flagged: 1, notApplicable: 0, excluded: 0 } }]]);
    expect(run(d, {}, prev).flags.map((f) => f.evidence.pair)).not.toContainEqual(['A', 'B']);
  });

  it('not applicable without profiles and relations', () => {
    expect(run(dataset([tender('T1')], [bid('T1', 'A', 1), bid('T1', 'B', 2)])).coverage).toEqual({ applied: 0, flagged: 0, notApplicable: 1, excluded: 0 });
  });
});
