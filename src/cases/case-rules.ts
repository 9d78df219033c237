import { createHash } from 'node:crypto';
import type { CaseKind } from './case-state.js';

/** A stored flag, as the case rules see it. */
export interface CaseFlag {
  detector: string;
  severity: 'info' | 'low' | 'medium' | 'high';
  score: number;
  subjectType: string;
  subjectId: string;
  tenderCode: string | null;
  bidderUscc: string | null;
  explanation: string;
  evidence: Record<string, unknown>;
}

export interface CaseRing {
  key: string;
  id: number;
  members: string[];
  tenders: string[];
  score: number;
  explanation: string;
}

export interface CaseTender {
  district: string;
  projectName: string;
  winnerUscc: string | null;
}

export interface CaseDraft {
  key: string;
  kind: CaseKind;
  subjectType: string;
  subjectId: string;
  title: string;
  district: string | null;
  /** 1 (most urgent) … 5. */
  priority: number;
  dueInDays: number;
  detectors: string[];
  evidence: { summary: string; flags: CaseFlag[]; ring?: CaseRing };
  /** Changes only when the findings themselves change (which rules, on which subjects), not when numbers drift. */
  evidenceHash: string;
}

/**
 * The findings a rigging case gathers among its ring's members: the 第四十条 fingerprints (A40), the 第三十四条
 * relations (A34), 清单雷同 (BOQSIM), the graph (COBID), the screens, and the soft relation and timing evidence
 * (R044, TIMING) that supports a case but never opens one.
 */
export const RIGGING_EVIDENCE = ['A40', 'A34', 'BOQSIM', 'COBID', 'SCREENS', 'AVGSHAPE', 'IDENT', 'REGDIFF', 'R044', 'TIMING'] as const;

/** Every detector whose flags the case rules read. */
export const CASE_FLAG_DETECTORS: readonly string[] = ['ALB', 'PERF', 'SITE', ...RIGGING_EVIDENCE];

/** Working days an inspector has, by priority (1 = most urgent). */
export const DUE_DAYS: Record<number, number> = { 1: 7, 2: 15, 3: 30, 4: 45, 5: 60 };

const SEVERITY_RANK = { info: 0, low: 1, medium: 2, high: 3 } as const;

export function caseKey(kind: CaseKind, subjectType: string, subjectId: string): string {
  return `${kind}:${subjectType}:${subjectId}`;
}

/** Priority from the strongest flag and how many rules agree: several high findings → 1; one high → 2; … */
export function priorityOf(flags: readonly CaseFlag[], boost = 0): number {
  const top = flags.reduce((hi, f) => Math.max(hi, SEVERITY_RANK[f.severity]), -Infinity);
  const rules = new Set(flags.map((f) => `${f.detector}:${String(f.evidence.rule ?? '')}`)).size;
  let p = top === 3 ? (rules >= 2 ? 1 : 2) : top === 2 ? 3 : top === 1 ? 4 : 5;
  p -= boost;
  return Math.min(5, Math.max(1, p));
}

function hashOf(parts: string[]): string {
  return createHash('sha256').update([...parts].sort().join('\n')).digest('hex').slice(0, 32);
}

const identity = (f: CaseFlag) => `${f.detector}|${String(f.evidence.rule ?? '')}|${f.subjectType}|${f.subjectId}|${f.tenderCode ?? ''}|${f.bidderUscc ?? ''}`;

function group<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = m.get(k);
    if (list) list.push(x);
    else m.set(k, [x]);
  }
  return m;
}

/**
 * Flags → cases, one per (kind, subject), so a re-run updates a case instead of opening another:
 * - low_bid: ALB on a tender's winning bid (异常低价 review of the award);
 * - post_award: PERF findings on a contract (标后履约);
 * - site_check: SITE findings on a site, or on a person booked on two sites (现场联动核查);
 * - rigging: each suspected ring with the 第四十条/第三十四条 and co-bidding findings among its members (围标串标);
 *   a pair linked by A40, A34 or a high BOQSIM is a ring of its own (rings/statutory-links.ts).
 */
export function draftCases(flags: readonly CaseFlag[], rings: readonly CaseRing[], tenders: ReadonlyMap<string, CaseTender>): CaseDraft[] {
  const drafts: CaseDraft[] = [];
  const tenderLabel = (code: string | null) => {
    const t = code ? tenders.get(code) : undefined;
    return t ? `${t.projectName}（${code}）` : code ?? '';
  };

  const albOnWinners = flags.filter((f) => f.detector === 'ALB' && f.tenderCode && f.bidderUscc && tenders.get(f.tenderCode)?.winnerUscc === f.bidderUscc);
  for (const [subject, fs] of group(albOnWinners, (f) => `${f.tenderCode}/${f.bidderUscc}`)) {
    const code = fs[0]!.tenderCode!;
    drafts.push({
      key: caseKey('low_bid', 'bid', subject),
      kind: 'low_bid',
      subjectType: 'bid',
      subjectId: subject,
      title: `异常低价复核：${tenderLabel(code)} 中标报价`,
      district: tenders.get(code)?.district ?? null,
      priority: priorityOf(fs),
      dueInDays: DUE_DAYS[priorityOf(fs)]!,
      detectors: ['ALB'],
      evidence: { summary: fs[0]!.explanation, flags: fs },
      evidenceHash: hashOf(fs.map(identity)),
    });
  }

  for (const [code, fs] of group(flags.filter((f) => f.detector === 'PERF' && f.tenderCode), (f) => f.tenderCode!)) {
    const p = priorityOf(fs);
    drafts.push({
      key: caseKey('post_award', 'contract', code),
      kind: 'post_award',
      subjectType: 'contract',
      subjectId: code,
      title: `标后履约核查：${tenderLabel(code)}`,
      district: tenders.get(code)?.district ?? null,
      priority: p,
      dueInDays: DUE_DAYS[p]!,
      detectors: ['PERF'],
      evidence: { summary: fs.map((f) => f.explanation).join('；'), flags: fs },
      evidenceHash: hashOf(fs.map(identity)),
    });
  }

  for (const [subject, fs] of group(flags.filter((f) => f.detector === 'SITE'), (f) => `${f.subjectType}:${f.subjectId}`)) {
    const first = fs[0]!;
    const person = first.subjectType === 'person';
    const p = priorityOf(fs);
    drafts.push({
      key: caseKey('site_check', first.subjectType, first.subjectId),
      kind: 'site_check',
      subjectType: first.subjectType,
      subjectId: first.subjectId,
      title: person
        ? `现场联动核查：项目经理同时在多个工地（${first.subjectId.slice(0, 8)}…，涉及 ${tenderLabel(first.tenderCode)} 等）`
        : `现场联动核查：${tenderLabel(first.tenderCode ?? first.subjectId)}`,
      district: first.tenderCode ? tenders.get(first.tenderCode)?.district ?? null : null,
      priority: p,
      dueInDays: DUE_DAYS[p]!,
      detectors: ['SITE'],
      evidence: { summary: fs.map((f) => f.explanation).join('；'), flags: fs },
      evidenceHash: hashOf([subject, ...fs.map(identity)]),
    });
  }

  const rigging = new Set<string>(RIGGING_EVIDENCE);
  const collusion = flags.filter((f) => rigging.has(f.detector));
  for (const ring of rings) {
    const members = new Set(ring.members);
    const inRing = new Set(ring.tenders);
    const fs = collusion.filter(
      (f) => (f.subjectType === 'ring' && f.subjectId === ring.key) || (f.tenderCode !== null && inRing.has(f.tenderCode) && (f.bidderUscc === null || members.has(f.bidderUscc))),
    );
    const districts = group(ring.tenders.map((c) => tenders.get(c)?.district ?? ''), (d) => d);
    const district = [...districts].sort((a, b) => b[1].length - a[1].length)[0]?.[0] || null;
    const shown = fs.sort((a, b) => b.score - a.score).slice(0, 60);
    const boost = ring.score >= 0.8 ? 1 : 0;
    const p = shown.length ? priorityOf(shown, boost) : 3 - boost;
    drafts.push({
      key: caseKey('rigging', 'ring', ring.key),
      kind: 'rigging',
      subjectType: 'ring',
      subjectId: ring.key,
      title: `围标串标调查：${ring.members.length} 家企业在 ${ring.tenders.length} 个标段共同投标`,
      district,
      priority: p,
      dueInDays: DUE_DAYS[p]!,
      detectors: [...new Set(['COBID', ...shown.map((f) => f.detector)])].sort(),
      evidence: { summary: ring.explanation, flags: shown, ring },
      evidenceHash: hashOf([...ring.members, ...ring.tenders.map((t) => 't:' + t)]),
    });
  }
  return drafts;
}
