/**
 * Two bidders' 工程量清单 side by side, for the inspector who checks a BOQSIM finding (条例第四十条第（四）项): one
 * row per item code, each bidder's line beside the other's, and the marks BOQSIM counted on that row.
 *
 * The marks are not recomputed here: they are the samples of compareTender (boq-pairs.ts) over the same tender's
 * lines, with no cap, so the view marks exactly the lines the flag counted:
 *   identicalPrice   the same 综合单价 on a compared (not fixed) item
 *   quantity         the same quantity, different from the majority's
 *   arithmetic       the same 合价 where both slipped (合价 ≠ 工程量 × 综合单价)
 *   missing          a list item neither priced (a row with no line on either side)
 *   extra            an item outside the majority's list that both priced
 *   order            both leave the majority order at this item for the same next item
 *   fixed            every bidder (≥ 3) quotes one price: given by the tender, compared by nobody
 * Rows: a's lines in a's order, then b's other lines in b's order, then the items both miss (by code).
 */
import type { BoqLineRow } from '../types.js';
import { compareTender, ERROR_KINDS, type BoqPair, type SampleKind } from './boq-pairs.js';

export type BoqMark = SampleKind | 'fixed';

export interface BoqSideLine {
  lineNo: number;
  quantity: number;
  unitPrice: number;
  amount: number;
}

export interface BoqSideRow {
  itemCode: string;
  itemName: string | null;
  unit: string | null;
  a: BoqSideLine | null;
  b: BoqSideLine | null;
  marks: BoqMark[];
}

export interface BoqSideBySide {
  /** The pair in USCC order, as BOQSIM names it; `a` and `b` of the rows follow the order asked for. */
  pair: [string, string];
  a: string;
  b: string;
  counts: Omit<BoqPair, 'samples' | 'tenderCode' | 'pair'>;
  /** Rows per mark. */
  marked: Record<BoqMark, number>;
  rows: BoqSideRow[];
}

const MARKS: readonly BoqMark[] = ['identicalPrice', ...ERROR_KINDS, 'fixed'];

/**
 * `lines`: every BOQ line of one tender (all bidders: the majority list, the fixed items and the majority
 * quantities are the tender's). Null when either bidder has no line in it.
 */
export function boqSideBySide(lines: readonly BoqLineRow[], a: string, b: string): BoqSideBySide | null {
  if (a === b || !lines.some((l) => l.bidderUscc === a) || !lines.some((l) => l.bidderUscc === b)) return null;
  const idx = Int32Array.from(lines.keys());
  const { pairs, fixed } = compareTender(lines, idx, 0, lines.length, Number.MAX_SAFE_INTEGER);
  const [x, y] = a < b ? [a, b] : [b, a];
  const p = pairs.find((q) => q.pair[0] === x && q.pair[1] === y);
  if (!p) return null;

  const marksOf = new Map<string, Set<BoqMark>>();
  const mark = (code: string, m: BoqMark) => {
    let s = marksOf.get(code);
    if (!s) marksOf.set(code, (s = new Set()));
    s.add(m);
  };
  for (const k of Object.keys(p.samples) as SampleKind[]) for (const code of p.samples[k]) mark(code, k);
  const fixedSet = new Set(fixed);

  const own = (u: string) => {
    const m = new Map<string, BoqLineRow>();
    for (const l of lines) if (l.bidderUscc === u && !m.has(l.itemCode)) m.set(l.itemCode, l);
    return [...m.values()].sort((l1, l2) => l1.lineNo - l2.lineNo);
  };
  const la = own(a);
  const lb = own(b);
  const byCodeB = new Map(lb.map((l) => [l.itemCode, l]));
  const side = (l: BoqLineRow | undefined): BoqSideLine | null => (l ? { lineNo: l.lineNo, quantity: l.quantity, unitPrice: l.unitPrice, amount: l.amount } : null);
  const rowMarks = (code: string, both: boolean): BoqMark[] => {
    const s = marksOf.get(code) ?? new Set<BoqMark>();
    if (both && fixedSet.has(code)) s.add('fixed');
    return MARKS.filter((m) => s.has(m));
  };

  const rows: BoqSideRow[] = [];
  const seen = new Set<string>();
  for (const l of la) {
    const other = byCodeB.get(l.itemCode);
    seen.add(l.itemCode);
    rows.push({ itemCode: l.itemCode, itemName: l.itemName ?? other?.itemName ?? null, unit: l.unit ?? other?.unit ?? null, a: side(l), b: side(other), marks: rowMarks(l.itemCode, !!other) });
  }
  for (const l of lb) {
    if (seen.has(l.itemCode)) continue;
    seen.add(l.itemCode);
    rows.push({ itemCode: l.itemCode, itemName: l.itemName, unit: l.unit, a: null, b: side(l), marks: rowMarks(l.itemCode, false) });
  }
  // items both miss: named from the other bidders' lines
  const names = new Map<string, BoqLineRow>();
  for (const l of lines) if (!names.has(l.itemCode)) names.set(l.itemCode, l);
  for (const code of [...p.samples.missing].sort()) {
    if (seen.has(code)) continue;
    const n = names.get(code);
    rows.push({ itemCode: code, itemName: n?.itemName ?? null, unit: n?.unit ?? null, a: null, b: null, marks: ['missing'] });
  }

  const marked = Object.fromEntries(MARKS.map((m) => [m, 0])) as Record<BoqMark, number>;
  for (const r of rows) for (const m of r.marks) marked[m]++;
  const { samples: _s, tenderCode: _t, pair, ...counts } = p;
  return { pair, a, b, counts, marked, rows };
}
