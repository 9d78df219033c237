import { caseKey, draftCases, priorityOf, type CaseFlag, type CaseRing, type CaseTender } from './case-rules.js';

const flag = (over: Partial<CaseFlag>): CaseFlag => ({
  detector: 'ALB', severity: 'medium', score: 0.5, subjectType: 'bid', subjectId: 'T1/W', tenderCode: 'T1', bidderUscc: 'W',
  explanation: 'x', evidence: { rule: 'T4' }, ...over,
});
const tenders = new Map<string, CaseTender>([
  ['T1', { district: '玉山镇', projectName: '道路', winnerUscc: 'W' }],
  ['T2', { district: '周市镇', projectName: '桥梁', winnerUscc: 'V' }],
]);

describe('priorityOf', () => {
  it('several high rules → 1, one high → 2, medium → 3, low → 4, info → 5; a boost raises it; 1 … 5 kept', () => {
    expect(priorityOf([flag({ severity: 'high', evidence: { rule: 'a' } }), flag({ severity: 'high', detector: 'IDENT', evidence: { rule: 'b' } })])).toBe(1);
    expect(priorityOf([flag({ severity: 'high' })])).toBe(2);
    expect(priorityOf([flag({ severity: 'medium' })])).toBe(3);
    expect(priorityOf([flag({ severity: 'low' })])).toBe(4);
    expect(priorityOf([flag({ severity: 'info' })])).toBe(5);
    expect(priorityOf([flag({ severity: 'low' })], 1)).toBe(3);
    expect(priorityOf([flag({ severity: 'high', evidence: { rule: 'a' } }), flag({ severity: 'high', detector: 'X', evidence: { rule: 'b' } })], 3)).toBe(1);
  });
});

describe('draftCases (flags → one case per kind and subject)', () => {
  it('ALB on the winning bid opens a low_bid case; ALB on a loser opens none', () => {
    const d = draftCases([flag({}), flag({ subjectId: 'T1/L', bidderUscc: 'L' })], [], tenders);
    expect(d.map((x) => x.key)).toEqual([caseKey('low_bid', 'bid', 'T1/W')]);
    expect(d[0]).toMatchObject({ kind: 'low_bid', district: '玉山镇', priority: 3, dueInDays: 30, detectors: ['ALB'] });
  });

  it('PERF flags of one contract make one post_award case; SITE flags one site_check case per subject', () => {
    const d = draftCases(
      [
        flag({ detector: 'PERF', subjectType: 'contract', subjectId: 'T2', tenderCode: 'T2', severity: 'high', evidence: { rule: 'change_orders' } }),
        flag({ detector: 'PERF', subjectType: 'contract', subjectId: 'T2', tenderCode: 'T2', evidence: { rule: 'pm_replaced' } }),
        flag({ detector: 'SITE', subjectType: 'tender', subjectId: 'T2', tenderCode: 'T2', evidence: { rule: 'pm_presence' } }),
        flag({ detector: 'SITE', subjectType: 'person', subjectId: 'abcdef0123', tenderCode: 'T1', evidence: { rule: 'pm_double_booked' } }),
      ],
      [],
      tenders,
    );
    expect(d.map((x) => [x.kind, x.subjectType, x.subjectId, x.district])).toEqual([
      ['post_award', 'contract', 'T2', '周市镇'],
      ['site_check', 'tender', 'T2', '周市镇'],
      ['site_check', 'person', 'abcdef0123', '玉山镇'],
    ]);
    expect(d[0]!.priority).toBe(1); // a high finding and a second rule
    expect(d[2]!.title).toContain('abcdef01…');
  });

  it('a ring gathers its own flags and its members’ flags in its tenders; routed to the district most of them lie in', () => {
    const ring: CaseRing = { key: 'R1', id: 1, members: ['A', 'B'], tenders: ['T1', 'T2', 'T2x'], score: 0.85, explanation: 'ring' };
    const d = draftCases(
      [
        flag({ detector: 'A40', subjectType: 'bid', subjectId: 'T1/A', bidderUscc: 'A', severity: 'high', evidence: { rule: 'hard' } }),
        flag({ detector: 'A40', subjectType: 'bid', subjectId: 'T1/Z', bidderUscc: 'Z', severity: 'high' }), // not a member
        flag({ detector: 'COBID', subjectType: 'ring', subjectId: 'R1', tenderCode: null, bidderUscc: 'A', evidence: { rule: 'community' } }),
      ],
      [ring],
      new Map([...tenders, ['T2x', { district: '周市镇', projectName: '涵洞', winnerUscc: null }]]),
    );
    const r = d.find((x) => x.kind === 'rigging')!;
    expect(r.evidence.flags.map((f) => f.subjectId).sort()).toEqual(['R1', 'T1/A']);
    expect(r.district).toBe('周市镇');
    expect(r.priority).toBe(1); // two rules, one high, and the ring's score ≥ 0.8 raises it
    expect(r.detectors).toEqual(['A40', 'COBID']);
  });

  it('a ring made by a 第三十四条 pair carries A34 with the 清单雷同, R044 and TIMING evidence of its members; buyer flags open no case', () => {
    const ring: CaseRing = { key: 'R34', id: 2, members: ['A', 'B'], tenders: ['T1'], score: 0.95, explanation: 'ring' };
    const onT1 = (detector: string, severity: CaseFlag['severity'], rule: string) =>
      flag({ detector, subjectType: 'tender', subjectId: 'T1', tenderCode: 'T1', bidderUscc: 'A', severity, evidence: { rule, pair: ['A', 'B'] } });
    const d = draftCases(
      [
        onT1('A34', 'high', 'article34'),
        onT1('BOQSIM', 'medium', 'boqsim'),
        onT1('R044', 'low', 'r044'),
        onT1('TIMING', 'medium', 'timing'),
        flag({ detector: 'BCONC', subjectType: 'buyer', subjectId: '91320583MA1XXXXXX1', tenderCode: null, bidderUscc: 'W', severity: 'high', evidence: { rule: ['R040'] } }),
      ],
      [ring],
      tenders,
    );
    expect(d.map((x) => x.kind)).toEqual(['rigging']);
    expect(d[0]!.detectors).toEqual(['A34', 'BOQSIM', 'COBID', 'R044', 'TIMING']);
    expect(d[0]!.priority).toBe(1); // a high 第三十四条 finding with three more rules, and a ring score ≥ 0.8
  });

  it('the evidence hash follows the findings, not their numbers: a re-run with new scores changes nothing', () => {
    const a = draftCases([flag({ score: 0.5 })], [], tenders)[0]!;
    const b = draftCases([flag({ score: 0.9, explanation: 'y' })], [], tenders)[0]!;
    const c = draftCases([flag({}), flag({ detector: 'ALB', evidence: { rule: 'T3' } })], [], tenders)[0]!;
    expect(b.evidenceHash).toBe(a.evidenceHash);
    expect(c.evidenceHash).not.toBe(a.evidenceHash);
  });
});
