import { viewOf } from '../dataset-view.js';
import type { DetectorOutput } from '../detector.js';
import { bid, dataset, tender } from '../rings/fixtures.js';
import { resolveSettings } from '../settings.js';
import type { BidRow, Dataset, Flag } from '../types.js';
import { a40Detector, a40SettingsSchema } from './a40.js';

function run(d: Dataset, raw: unknown = {}, previous = new Map<string, DetectorOutput>()): DetectorOutput {
  const { settings } = resolveSettings('A40', a40SettingsSchema, raw);
  return a40Detector.run(viewOf(d), settings, { asOf: '2026-01-01', previous });
}

const rows = (code: string, bids: Array<[string, Partial<BidRow>]>) => bids.map(([u, over], i) => bid(code, u, 100 + i, over));

describe('A40 on hand-built tenders', () => {
  const d = dataset(
    ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8'].map((c) => tender(c)),
    [
      // T1: one soft match (same IP) — never a link
      ...rows('T1', [['A', { uploadIp: '58.1.1.1' }], ['B', { uploadIp: '58.1.1.1' }]]),
      // T2: two soft matches (IP + creator) — linked, medium
      ...rows('T2', [['A', { uploadIp: '58.1.1.2', fileCreator: 'li' }], ['B', { uploadIp: '58.1.1.2', fileCreator: 'li' }]]),
      // T3: one hard match (machine code) — linked, high
      ...rows('T3', [['A', { fileMachineCode: 'MC-9' }], ['C', { fileMachineCode: 'mc-9' }], ['D', { fileMachineCode: 'MC-1' }]]),
      // T4, T5: firm E reuses its own machine in both tenders; the others have their own — no link
      ...rows('T4', [['E', { fileMachineCode: 'E-PC' }], ['F', { fileMachineCode: 'F-PC' }]]),
      ...rows('T5', [['E', { fileMachineCode: 'E-PC' }], ['G', { fileMachineCode: 'G-PC' }]]),
      // T6, T7: H and I share a machine, but never in the same tender — no link
      ...rows('T6', [['H', { fileMachineCode: 'SHARED' }], ['J', { fileMachineCode: 'J-PC' }]]),
      ...rows('T7', [['I', { fileMachineCode: 'SHARED' }], ['K', { fileMachineCode: 'K-PC' }]]),
      // T8: a single bidder
      ...rows('T8', [['A', { fileMachineCode: 'MC-9' }]]),
    ],
  );
  const out = run(d);

  it('flags exactly T2 (soft2) and T3 (hard)', () => {
    expect(out.flags.map((f) => [f.subjectId, f.evidence.rule, f.evidence.pair, f.severity, f.score])).toEqual([
      ['T2', 'soft2', ['A', 'B'], 'medium', 0.6],
      ['T3', 'hard', ['A', 'C'], 'high', 0.9],
    ]);
  });

  it('names the 第四十条 item of each match', () => {
    const hard = out.flags[1] as Flag;
    expect(hard).toMatchObject({ detector: 'A40', version: '1.1.0', subjectType: 'tender', tenderCode: 'T3', bidderUscc: 'A' });
    expect(hard.evidence.matches).toEqual([{ field: 'fileMachineCode', article: '40(1)', kind: 'hard', value: 'MC-9' }]);
    expect(hard.explanation).toMatch(/^标段 T3：投标人 A 与 C 的投标文件制作机器码相同（MC-9）。1 项硬特征相同/);
    expect(hard.explanation).toContain('第四十条第（一）项');
    expect(hard.explanation).toContain('不是定性结论 (file machine code shared: Art. 40(1)');
    const soft = out.flags[0] as Flag;
    expect((soft.evidence.matches as Array<{ kind: string }>).map((m) => m.kind)).toEqual(['soft', 'soft']);
    expect(soft.evidence.articles).toEqual(['40(1)', '40(1)/(2)']);
    expect(soft.explanation).toContain('需 ≥ 2 项；单项不构成关联');
  });

  it('counts coverage per tender', () => {
    // T1–T7 have ≥ 2 bidders with fingerprints; T8 has one bidder
    expect(out.coverage).toEqual({ applied: 7, flagged: 2, notApplicable: 1, excluded: 0 });
  });

  it('an IDENT or REGDIFF flag on the tender corroborates: soft2 becomes high, +0.1', () => {
    const ident: Flag = { detector: 'IDENT', version: '1', subjectType: 'tender', subjectId: 'T2', tenderCode: 'T2', bidderUscc: null, score: 0.8, severity: 'high', explanation: '', evidence: {} };
    const prev = new Map<string, DetectorOutput>([['IDENT', { flags: [ident], coverage: { applied: 1, flagged: 1, notApplicable: 0, excluded: 0 } }]]);
    const f = run(d, {}, prev).flags[0] as Flag;
    expect(f).toMatchObject({ subjectId: 'T2', severity: 'high' });
    expect(f.score).toBeCloseTo(0.7, 12);
    expect(f.evidence.priceCorroboration).toEqual(['IDENT']);
  });

  it('ignores a soft value shared by more firms than commonSoftValueMaxFirms (public terminal / NAT)', () => {
    const firms = ['P1', 'P2', 'P3', 'P4'];
    const nat = dataset(
      [tender('N1'), tender('N2')],
      [
        ...rows('N1', firms.map((f) => [f, { uploadIp: '10.0.0.1', fileCreator: 'wang' }] as [string, Partial<BidRow>])),
        ...rows('N2', [['P1', { uploadIp: '10.0.0.1', fileCreator: 'zhao' }], ['Q', { uploadIp: '10.0.0.1', fileCreator: 'zhao' }]]),
      ],
    );
    expect(run(nat, { commonSoftValueMaxFirms: 10 }).flags.length).toBe(7); // 6 pairs in N1 + 1 in N2
    expect(run(nat, { commonSoftValueMaxFirms: 4 }).flags).toEqual([]); // the IP reaches 5 firms: only creator left
  });

  it('settings: unknown keys rejected, one soft match can never be enough', () => {
    expect(() => resolveSettings('A40', a40SettingsSchema, { minSoft: 1 })).toThrow();
    expect(() => resolveSettings('A40', a40SettingsSchema, { minSoftMatches: 1 })).toThrow();
    expect(run(d, { disabledFields: ['fileMachineCode'] }).flags.map((f) => f.subjectId)).toEqual(['T2']);
  });

  it('does not depend on row order', () => {
    const rev: Dataset = { ...d, tenders: [...d.tenders].reverse(), bids: [...d.bids].reverse() };
    expect(JSON.stringify(run(rev))).toBe(JSON.stringify(out));
  });

  it('issue 12: 文件创建标识码, 加密锁号, CPU and disk serials are hard 40(1) matches, normalised', () => {
    const dev = dataset(
      [tender('D1'), tender('D2'), tender('D3')],
      [
        // D1: same file creation id (case and spaces differ) and same dongle → one hard link with two matches
        ...rows('D1', [['A', { fileCreationId: 'fc-77 01', lockSerial: 'GLD-1' }], ['B', { fileCreationId: 'FC-7701', lockSerial: 'gld-1' }], ['C', { lockSerial: 'GLD-2' }]]),
        // D2: same CPU serial only, same disk serial only (different pairs)
        ...rows('D2', [['A', { cpuSerial: 'CPU-A' }], ['B', { cpuSerial: 'CPU-A', diskSerial: 'WD-9' }], ['C', { diskSerial: 'WD-9' }]]),
        // D3: placeholders never match: repeated characters, separators only, an OEM default
        ...rows('D3', [['A', { diskSerial: '0000_0000_0000_0000', lockSerial: '--', cpuSerial: 'To be filled by O.E.M.' }], ['B', { diskSerial: '0000_0000_0000_0000', lockSerial: '--', cpuSerial: 'to be filled by o.e.m.' }]]),
      ],
    );
    const got = run(dev).flags.map((f) => [f.subjectId, f.evidence.pair, (f.evidence.matches as Array<{ field: string; value: string }>).map((m) => `${m.field}=${m.value}`), f.evidence.rule]);
    expect(got).toEqual([
      ['D1', ['A', 'B'], ['fileCreationId=FC-7701', 'lockSerial=GLD-1'], 'hard'],
      ['D2', ['A', 'B'], ['cpuSerial=CPU-A'], 'hard'],
      ['D2', ['B', 'C'], ['diskSerial=WD-9'], 'hard'],
    ]);
    const d1 = run(dev).flags[0] as Flag;
    expect(d1.explanation).toContain('投标文件创建标识码相同（FC-7701）；计价软件加密锁号相同（GLD-1）。2 项硬特征相同');
    expect(d1.evidence.hardMatches).toBe(2);
  });

  it('a device serial held by more than commonDeviceValueMaxFirms firms is a placeholder, not one machine', () => {
    // 4 firms share CPU id BFEBFBFF000906EA (a model-level WMI ProcessorId) across two tenders; X and Y also share a dongle
    const shared = dataset(
      [tender('C1'), tender('C2')],
      [
        ...rows('C1', [['P1', { cpuSerial: 'BFEBFBFF000906EA' }], ['P2', { cpuSerial: 'BFEBFBFF000906EA' }], ['P3', { cpuSerial: 'BFEBFBFF000906EA' }]]),
        ...rows('C2', [['X', { cpuSerial: 'BFEBFBFF000906EA', lockSerial: 'L-5' }], ['Y', { lockSerial: 'L-5' }]]),
      ],
    );
    expect(run(shared, { commonDeviceValueMaxFirms: 4 }).flags.length).toBe(4); // 3 pairs in C1 + X–Y
    const capped = run(shared, { commonDeviceValueMaxFirms: 3 }).flags; // the CPU id reaches 4 firms: ignored
    expect(capped.map((f) => [f.subjectId, f.evidence.pair, (f.evidence.matches as Array<{ field: string }>).map((m) => m.field)])).toEqual([
      ['C2', ['X', 'Y'], ['lockSerial']],
    ]);
    // the cap never applies to machine code: 4 firms on one machine all link
    const mc = dataset([tender('M1')], rows('M1', ['P1', 'P2', 'P3', 'P4'].map((f) => [f, { fileMachineCode: 'SHOP-PC' }] as [string, Partial<BidRow>])));
    expect(run(mc, { commonDeviceValueMaxFirms: 2 }).flags.length).toBe(6);
  });

  it('excludes tenders where fingerprints are missing', () => {
    const bare = dataset([tender('X')], [bid('X', 'A', 1), bid('X', 'B', 2)]);
    expect(run(bare).coverage).toEqual({ applied: 0, flagged: 0, notApplicable: 0, excluded: 1 });
  });
});
