import { viewOf } from '../dataset-view.js';
import type { DetectorOutput } from '../detector.js';
import { bid, dataset, tender } from '../rings/fixtures.js';
import { resolveSettings } from '../settings.js';
import type { Dataset, FirmRelationRow, Flag } from '../types.js';
import { a34Detector, a34SettingsSchema } from './a34.js';
import { rel } from './testing.js';


function run(d: Dataset, raw: unknown = {}): DetectorOutput {
  const { settings } = resolveSettings('A34', a34SettingsSchema, raw);
  return a34Detector.run(viewOf(d), settings, { asOf: '2026-01-01', previous: new Map() });
}

const three = (code: string, firms: string[], openDate = '2025-03-01') => ({ t: tender(code, { openDate }), bids: firms.map((f, i) => bid(code, f, 100 + i)) });

describe('A34 on hand-built registers', () => {
  const ts = [three('T1', ['A', 'B', 'C']), three('T2', ['D', 'E']), three('T3', ['F', 'G']), three('T4', ['H', 'K']), three('T5', ['A', 'B'], '2020-06-01'), three('T6', ['M', 'N'])];
  const relations: FirmRelationRow[] = [
    // T1: A and B have one legal representative P1 (B records P1 as 主要负责人): same head. C unrelated.
    rel('A', 'legal_rep', { person: 'P1-hash-aaaa' }, { validFrom: '2021-01-01' }),
    rel('B', 'manager', { person: 'P1-hash-aaaa' }),
    rel('C', 'legal_rep', { person: 'P9-hash' }),
    // T2: D holds 51 % of X, X holds 60 % of Y, Y holds 80 % of E: D controls E through 3 edges
    rel('X', 'shareholder', { firm: 'D' }, { sharePct: 51 }),
    rel('Y', 'shareholder', { firm: 'X' }, { sharePct: 60 }),
    rel('E', 'shareholder', { firm: 'Y' }, { sharePct: 80 }),
    // T3: F holds exactly 50 % of G: not 控股 (needs > 50 %)
    rel('G', 'shareholder', { firm: 'F' }, { sharePct: 50 }),
    // T4: H manages K (托管), a 管理关系
    rel('K', 'manager', { firm: 'H' }),
    // T6: M is N's 实际控制人 only until 2024-12-31 (T6 opens 2025-03-01): expired
    rel('N', 'controller', { firm: 'M' }, { validTo: '2024-12-31' }),
  ];
  const d: Dataset = { ...dataset(ts.map((x) => x.t), ts.flatMap((x) => x.bids)), firmRelations: relations };
  const out = run(d);

  it('flags same head (T1), a 3-edge holding chain (T2) and management (T4); not 50 % (T3), not before validFrom (T5), not expired (T6)', () => {
    expect(out.flags.map((f) => [f.subjectId, f.evidence.pair, f.evidence.kinds, f.severity, f.score])).toEqual([
      ['T1', ['A', 'B'], ['same_head'], 'high', 0.95],
      ['T2', ['D', 'E'], ['control'], 'high', 0.95],
      ['T4', ['H', 'K'], ['management'], 'high', 0.95],
    ]);
    expect(out.coverage).toEqual({ applied: 6, flagged: 3, notApplicable: 0, excluded: 0 });
  });

  it('records the chain and names article 34 in Chinese', () => {
    const t2 = out.flags[1] as Flag;
    expect(t2.evidence.links).toEqual([
      {
        kind: 'control',
        chain: ['D', 'X', 'Y', 'E'],
        edges: [
          { from: 'D', to: 'X', relation: 'shareholder', sharePct: 51 },
          { from: 'X', to: 'Y', relation: 'shareholder', sharePct: 60 },
          { from: 'Y', to: 'E', relation: 'shareholder', sharePct: 80 },
        ],
      },
    ]);
    expect(t2.explanation).toContain('存在控股关系（经 3 层：D 为 X 的股东（持股 51%），X 为 Y 的股东（持股 60%），Y 为 E 的股东（持股 80%））');
    expect(t2.explanation).toContain('第三十四条第二款');
    expect(t2.explanation).toContain('持股 > 50% 或实际控制人，链条不超过 3 层');
    const t1 = out.flags[0] as Flag;
    expect(t1.explanation).toContain('单位负责人为同一人（P1-hash-…，分别任法定代表人、主要负责人）');
  });

  it('maxChainDepth 2 loses the 3-edge chain; controlSharePct 49 makes 50 % 控股', () => {
    expect(run(d, { maxChainDepth: 2 }).flags.map((f) => f.subjectId)).toEqual(['T1', 'T4']);
    expect(run(d, { controlSharePct: 49 }).flags.map((f) => f.subjectId)).toEqual(['T1', 'T2', 'T3', 'T4']);
  });

  it('a management edge only as the last edge: Z controls H, H manages K → Z–K linked; K manages nobody above', () => {
    const z = three('T7', ['Z', 'K']);
    const dz: Dataset = { ...dataset([z.t], z.bids), firmRelations: [...relations, rel('H', 'controller', { firm: 'Z' })] };
    const f = run(dz).flags[0] as Flag;
    expect(f.evidence.links).toEqual([{ kind: 'management', chain: ['Z', 'H', 'K'], edges: [{ from: 'Z', to: 'H', relation: 'controller', sharePct: null }, { from: 'H', to: 'K', relation: 'manager', sharePct: null }] }]);
  });

  it('without firmRelations every tender is not applicable; bidders absent from the register are excluded', () => {
    expect(run(dataset(ts.map((x) => x.t), ts.flatMap((x) => x.bids))).coverage).toEqual({ applied: 0, flagged: 0, notApplicable: 6, excluded: 0 });
    const q = three('Q', ['Q1', 'Q2']);
    expect(run({ ...dataset([q.t], q.bids), firmRelations: relations }).coverage).toEqual({ applied: 0, flagged: 0, notApplicable: 0, excluded: 1 });
  });
});
