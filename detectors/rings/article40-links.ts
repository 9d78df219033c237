/**
 * The 第四十条 layer of the graph, read back from A40's flags (ctx.previous): one link per linked pair per tender.
 */
import type { DetectorOutput } from '../detector.js';
import type { Flag } from '../types.js';
import { compareStrings } from './union-find.js';

export interface Article40Link {
  pair: [string, string];
  tender: string;
  rule: 'hard' | 'soft2';
  score: number;
  matches: Array<{ field: string; article: string; kind: string }>;
}

export function article40Links(a40: DetectorOutput | undefined): Article40Link[] {
  const out: Article40Link[] = [];
  for (const f of a40?.flags ?? []) {
    const link = linkOf(f);
    if (link) out.push(link);
  }
  return out.sort(
    (x, y) => compareStrings(x.pair[0], y.pair[0]) || compareStrings(x.pair[1], y.pair[1]) || compareStrings(x.tender, y.tender),
  );
}

function linkOf(f: Flag): Article40Link | null {
  const ev = f.evidence as { rule?: unknown; pair?: unknown; matches?: unknown };
  if (f.detector !== 'A40' || (ev.rule !== 'hard' && ev.rule !== 'soft2')) return null;
  if (!Array.isArray(ev.pair) || ev.pair.length !== 2) return null;
  const [a, b] = ev.pair as [string, string];
  const tender = f.tenderCode ?? f.subjectId;
  const matches = Array.isArray(ev.matches)
    ? (ev.matches as Array<{ field: string; article: string; kind: string }>).map((m) => ({ field: m.field, article: m.article, kind: m.kind }))
    : [];
  return { pair: a < b ? [a, b] : [b, a], tender, rule: ev.rule, score: f.score, matches };
}
