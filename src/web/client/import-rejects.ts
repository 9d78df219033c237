/**
 * The rejected rows of an import, grouped so that the real error comes first. A tender's rows land together or
 * not at all, so one bad row takes its whole tender out; the merge records each of those rows as
 * "同一标段（CODE）第 5, 7 行有错误，为保证标段完整，本行一并未导入 (…)" (src/imports/kinds/bids-merge.repository.ts).
 * Such a cascaded row is put under the row it names, not shown as an error of its own. Pure: no DOM.
 */

export interface RejectRow {
  line: number;
  column: string | null;
  message: string;
}

export interface RejectGroup {
  /** The lines whose own errors took the tender out (or the row itself for an ordinary reject). */
  causeLines: number[];
  /** Those lines' errors, as far as the list holds them (the summary carries only the first rows). */
  causes: RejectRow[];
  /** Rows not imported only because they share a tender with a cause line. */
  cascaded: RejectRow[];
  tender: string | null;
}

const CASCADE = /^同一标段（(.+?)）第 ([\d, ]+?)( 等)? 行有错误/;

/** The tender and cause lines a cascaded rejection names, or null for an ordinary error. */
export function cascadeOf(message: string): { tender: string; lines: number[]; more: boolean } | null {
  const m = CASCADE.exec(message);
  if (!m) return null;
  return { tender: m[1]!, lines: m[2]!.split(',').map((x) => Number(x.trim())).filter(Number.isFinite), more: !!m[3] };
}

/** Groups in file order of their first cause line; every input row lands in exactly one group. */
export function groupRejects(rows: readonly RejectRow[]): RejectGroup[] {
  const groups: RejectGroup[] = [];
  const byLine = new Map<number, RejectGroup>();
  for (const r of rows) {
    const c = cascadeOf(r.message);
    if (!c || c.lines.length === 0) continue;
    let g = c.lines.map((l) => byLine.get(l)).find((x) => x !== undefined);
    if (!g) {
      g = { causeLines: [], causes: [], cascaded: [], tender: c.tender };
      groups.push(g);
    }
    for (const l of c.lines) {
      if (!byLine.has(l)) {
        byLine.set(l, g);
        g.causeLines.push(l);
      }
    }
    g.cascaded.push(r);
  }
  for (const r of rows) {
    if (cascadeOf(r.message)) continue;
    let g = byLine.get(r.line);
    if (!g) {
      g = { causeLines: [r.line], causes: [], cascaded: [], tender: null };
      byLine.set(r.line, g);
      groups.push(g);
    }
    g.causes.push(r);
  }
  for (const g of groups) g.causeLines.sort((a, b) => a - b);
  return groups.sort((a, b) => a.causeLines[0]! - b.causeLines[0]!);
}

export type ImportOutcome = 'queued' | 'running' | 'complete' | 'partial' | 'none' | 'failed';

/**
 * What an import came to: every row in (complete), some rows rejected (partial), every row rejected (none), or the
 * file refused (failed). The run's status says only that the job finished.
 */
export function importOutcome(s: { status: string; accepted?: number | null; unchanged?: number | null; rejected?: number | null }): ImportOutcome {
  if (s.status === 'queued' || s.status === 'running') return s.status;
  if (s.status === 'failed') return 'failed';
  const rejected = s.rejected ?? 0;
  if (rejected === 0) return 'complete';
  return (s.accepted ?? 0) + (s.unchanged ?? 0) > 0 ? 'partial' : 'none';
}
