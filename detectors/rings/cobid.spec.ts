import { viewOf } from '../dataset-view.js';
import type { DetectorOutput } from '../detector.js';
import { resolveSettings } from '../settings.js';
import type { Dataset, Flag } from '../types.js';
import { cobidDetector, cobidSettingsSchema } from './cobid.js';
import { bid, dataset, tender } from './fixtures.js';
import { mulberry32, randomInt } from './prng.js';
import { primaryRingOf } from './ring-assembly.js';
import { ringKey } from './ring-key.js';

/**
 * A market of 12 ordinary firms (M00…M11) bidding in 80 tenders, 4 drawn at random each time, plus a ring R1–R3
 * that enters 15 further tenders together (with one ordinary firm) and rotates the wins among itself.
 */
function market(): Dataset {
  const rng = mulberry32(11);
  const tenders = [];
  const bids = [];
  for (let t = 0; t < 80; t++) {
    const code = `M${String(t).padStart(3, '0')}`;
    tenders.push(tender(code));
    const firms = new Set<string>();
    while (firms.size < 4) firms.add(`M${String(randomInt(rng, 12)).padStart(2, '0')}`);
    [...firms].forEach((f, k) => bids.push(bid(code, f, 100 + k + rng(), { isWinner: k === 0 })));
  }
  for (let t = 0; t < 15; t++) {
    const code = `R${String(t).padStart(3, '0')}`;
    tenders.push(tender(code));
    ['R1', 'R2', 'R3'].forEach((f, k) => bids.push(bid(code, f, 100 + ((k + 3 - (t % 3)) % 3), { isWinner: k === t % 3 })));
    bids.push(bid(code, `M${String(t % 12).padStart(2, '0')}`, 105));
  }
  return dataset(tenders, bids);
}

function run(d: Dataset, raw: unknown = {}, previous = new Map<string, DetectorOutput>()): DetectorOutput {
  const { settings } = resolveSettings('COBID', cobidSettingsSchema, raw);
  return cobidDetector.run(viewOf(d), settings, { asOf: '2026-01-01', previous });
}

function a40Flag(tenderCode: string, a: string, b: string): Flag {
  return {
    detector: 'A40',
    version: '1.0.0',
    subjectType: 'tender',
    subjectId: tenderCode,
    tenderCode,
    bidderUscc: a,
    score: 0.9,
    severity: 'high',
    explanation: '',
    evidence: { rule: 'hard', pair: [a, b], matches: [{ field: 'fileMachineCode', article: '40(1)', kind: 'hard' }] },
  };
}

describe('COBID on a planted ring', () => {
  const out = run(market());

  it('finds the ring R1–R3 as a tight group with a stable key', () => {
    const ring = (out.rings ?? []).find((r) => r.members.includes('R1'));
    expect(ring?.members).toEqual(['R1', 'R2', 'R3']);
    expect(ring?.key).toBe(ringKey(['R3', 'R1', 'R2']));
    expect(ring?.tenders).toHaveLength(15);
    // each pair met 15 times; |T| = 15 each → cohesion 45 / (3 · 15) = 1; internal 90 of strength 90 + 3·15 → 2/3
    expect(ring?.cohesion).toBeCloseTo(1, 12);
    expect(ring?.exclusivity).toBeCloseTo(90 / 135, 12);
    expect(ring?.rotation).toBe(1); // 5 wins each
    expect(ring?.article40Links).toBe(0);
    expect(ring?.explanation).toMatch(/^疑似围标串标团伙（3 家）/);
    const flag = out.flags.find((f) => f.evidence.rule === 'community');
    expect(flag).toMatchObject({ detector: 'COBID', subjectType: 'ring', subjectId: ring?.key, version: '2.0.0' });
  });

  it('gives every firm metrics; ring members score highest', () => {
    const fm = out.firmMetrics as Map<string, Record<string, number | null>>;
    expect(fm.size).toBe(15);
    const r1 = fm.get('R1')?.cobid_score as number;
    for (const [f, m] of fm) if (!f.startsWith('R')) expect(m.cobid_score as number).toBeLessThan(r1);
  });

  it('counts coverage in tenders: flagged = where members of a consolidated ring met', () => {
    // rotation pairs among the ordinary firms exist too (R057 is weak in a symmetric market): below
    // minPairRingScore they stay firm-level flags, never rings, and never count
    expect((out.rings ?? []).filter((r) => (r.evidence as { kind: string }).kind === 'pair')).toEqual([]);
    expect(out.flags.some((f) => f.evidence.rule === 'rotation' && f.subjectType === 'firm')).toBe(true);
    expect(out.coverage).toEqual({ applied: 95, flagged: 15, notApplicable: 0, excluded: 0 });
  });

  it('is deterministic and independent of row order', () => {
    const d = market();
    const rev: Dataset = { ...d, tenders: [...d.tenders].reverse(), bids: [...d.bids].reverse() };
    expect(JSON.stringify(run(rev))).toBe(JSON.stringify(run(d)));
  });

  it('joins an Art. 40 link into the ring (second layer) and counts it', () => {
    const prev = new Map<string, DetectorOutput>([['A40', { flags: [a40Flag('M000', 'M05', 'R1')], coverage: { applied: 1, flagged: 1, notApplicable: 0, excluded: 0 } }]]);
    const linked = run(market(), {}, prev);
    const ring = (linked.rings ?? []).find((r) => r.members.includes('R1'));
    expect(ring?.members).toEqual(['M05', 'R1', 'R2', 'R3']);
    expect(ring?.article40Links).toBe(1);
    expect(ring?.score).toBeGreaterThanOrEqual(0.9);
    expect(linked.flags.some((f) => f.evidence.rule === 'article40_ring' && f.subjectId === ring?.key)).toBe(true);
  });

  it('takes 第三十四条 (A34) and high 清单雷同 (BOQSIM) pairs as links of the same layer; a medium BOQSIM or R044 is no link', () => {
    const pairFlag = (detector: string, tenderCode: string, a: string, b: string, severity: Flag['severity'], evidence: Record<string, unknown>): Flag => ({
      detector, version: '1.0.0', subjectType: 'tender', subjectId: tenderCode, tenderCode, bidderUscc: a, score: severity === 'high' ? 0.95 : 0.6, severity, explanation: '', evidence: { pair: [a, b], ...evidence },
    });
    const cov = { applied: 1, flagged: 1, notApplicable: 0, excluded: 0 };
    const prev = new Map<string, DetectorOutput>([
      ['A34', { flags: [pairFlag('A34', 'M001', 'M07', 'M08', 'high', { rule: 'article34', kinds: ['same_head'] })], coverage: cov }],
      ['BOQSIM', { flags: [pairFlag('BOQSIM', 'M002', 'M09', 'M10', 'high', { rule: 'boqsim', signals: ['price', 'errors'] }), pairFlag('BOQSIM', 'M003', 'M03', 'M04', 'medium', { rule: 'boqsim', signals: ['price'] })], coverage: cov }],
      ['R044', { flags: [pairFlag('R044', 'M004', 'M01', 'M02', 'medium', { rule: 'r044', signals: ['address', 'phone'] })], coverage: cov }],
    ]);
    const linked = run(market(), {}, prev);
    const ringOf = (u: string) => (linked.rings ?? []).find((r) => r.members.includes(u));
    const a34 = ringOf('M07');
    expect(a34?.members).toEqual(['M07', 'M08']);
    expect(a34?.article40Links).toBe(1);
    expect(a34?.evidence).toMatchObject({ articles: { '34(2)': 1 }, links: [{ pair: ['M07', 'M08'], tender: 'M001', rule: 'article34' }] });
    expect(a34?.explanation).toContain('第四十条/第三十四条关联 1 条（按条款：34(2) 1 条）');
    expect(ringOf('M09')?.evidence).toMatchObject({ articles: { '40(4)': 1 }, links: [{ rule: 'boqsim' }] });
    expect(ringOf('M03')).toBeUndefined();
    expect(ringOf('M01')).toBeUndefined();
  });
});

describe('primaryRingOf', () => {
  it('maps each firm to its highest-scoring ring', () => {
    const base = { tenders: [], rotation: null, cohesion: null, exclusivity: null, article40Links: 0, explanation: '', evidence: {} };
    const m = primaryRingOf([
      { ...base, key: 'k1', members: ['A', 'B'], score: 0.3 },
      { ...base, key: 'k2', members: ['B', 'C', 'D'], score: 0.6 },
    ]);
    expect(m.get('A')?.key).toBe('k1');
    expect(m.get('B')?.key).toBe('k2');
  });
});
