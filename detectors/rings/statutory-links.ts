/**
 * The statutory layer of the co-bidder graph, read back from earlier detectors (ctx.previous): one link per linked
 * pair per tender, from
 * - A40: a hard 第四十条 match or two soft ones (rule 'hard' | 'soft2');
 * - A34: two bidders with one 单位负责人 or in a 控股/管理关系, barred by 条例第三十四条 (rule 'article34');
 * - BOQSIM at high severity: priced BOQs abnormally alike, 第四十条(四) (rule 'boqsim'); a single medium signal
 *   stays a flag and does not join firms into a ring.
 * Soft relation and timing evidence (R044, TIMING) is not a link: it supports a case, it does not make a ring.
 */
import type { DetectorOutput } from '../detector.js';
import type { Flag } from '../types.js';
import { compareStrings } from './union-find.js';

export type LinkRule = 'hard' | 'soft2' | 'article34' | 'boqsim';

export interface StatutoryLink {
  pair: [string, string];
  tender: string;
  rule: LinkRule;
  score: number;
  matches: Array<{ field: string; article: string; kind: string }>;
}

/** The detectors whose flags are links, in the order they run before COBID. */
export const LINK_DETECTORS = ['A40', 'A34', 'BOQSIM'] as const;

export function statutoryLinks(previous: ReadonlyMap<string, DetectorOutput>): StatutoryLink[] {
  const out: StatutoryLink[] = [];
  for (const o of LINK_DETECTORS.map((c) => previous.get(c))) {
    for (const f of o?.flags ?? []) {
      const link = linkOf(f);
      if (link) out.push(link);
    }
  }
  return out.sort(
    (x, y) => compareStrings(x.pair[0], y.pair[0]) || compareStrings(x.pair[1], y.pair[1]) || compareStrings(x.tender, y.tender) || compareStrings(x.rule, y.rule),
  );
}

function linkOf(f: Flag): StatutoryLink | null {
  const ev = f.evidence as { rule?: unknown; pair?: unknown; matches?: unknown; kinds?: unknown; signals?: unknown };
  if (!Array.isArray(ev.pair) || ev.pair.length !== 2) return null;
  const [a, b] = ev.pair as [string, string];
  const pair: [string, string] = a < b ? [a, b] : [b, a];
  const tender = f.tenderCode ?? f.subjectId;
  if (f.detector === 'A40' && (ev.rule === 'hard' || ev.rule === 'soft2')) {
    const matches = Array.isArray(ev.matches)
      ? (ev.matches as Array<{ field: string; article: string; kind: string }>).map((m) => ({ field: m.field, article: m.article, kind: m.kind }))
      : [];
    return { pair, tender, rule: ev.rule, score: f.score, matches };
  }
  if (f.detector === 'A34' && ev.rule === 'article34') {
    const kinds = Array.isArray(ev.kinds) ? (ev.kinds as string[]) : ['relation'];
    return { pair, tender, rule: 'article34', score: f.score, matches: kinds.map((k) => ({ field: k, article: '34(2)', kind: 'hard' })) };
  }
  if (f.detector === 'BOQSIM' && ev.rule === 'boqsim' && f.severity === 'high') {
    const signals = Array.isArray(ev.signals) ? (ev.signals as string[]) : ['boq'];
    return { pair, tender, rule: 'boqsim', score: f.score, matches: signals.map((s) => ({ field: `boq_${s}`, article: '40(4)', kind: 'hard' })) };
  }
  return null;
}
