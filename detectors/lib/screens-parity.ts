/**
 * Parity of `computeScreens` with the per-tender screens published by García Rodríguez et al. (2022,
 * Automation in Construction 133:104047) in the collusion-screens data sets. Pure: the callers (the parity spec
 * and bench/screens-parity/run.ts) read and parse the CSV files and pass the rows in.
 *
 * The authors' columns are rounded to 4 decimals, so a value matches when |ours − theirs| ≤ 0.5·10⁻⁴ (plus 1e-9
 * for binary floating point). Where a screen is not computable we return null and the authors store 0; that
 * cell is counted as `naZero` (a convention, not a mismatch).
 */
import { computeScreens, type Screens } from './screens.js';
import { sampleSd, sortedAscending } from './stats.js';

export const AUTHOR_COLUMNS = ['CV', 'SPD', 'DIFFP', 'RD', 'KURT', 'SKEW', 'KSTEST'] as const;
export type AuthorColumn = (typeof AUTHOR_COLUMNS)[number];

export const COLUMN_SCREEN: Readonly<Record<AuthorColumn, keyof Omit<Screens, 'n'>>> = {
  CV: 'cv',
  SPD: 'spd',
  DIFFP: 'diffp',
  RD: 'rd',
  KURT: 'kurt',
  SKEW: 'skew',
  KSTEST: 'ks',
};

/** Half a unit in the 4th decimal (the authors' rounding) plus floating-point slack. */
export const PARITY_TOLERANCE = 0.5e-4 + 1e-9;

export interface ParityTender {
  id: string;
  /** Bid_value in file order, duplicates kept. */
  bids: number[];
  /** The authors' screen values (identical on every row of the tender). */
  authors: Record<AuthorColumn, number>;
}

export type CellStatus = 'match' | 'mismatch' | 'naZero' | 'naNonzero';

export interface Cell {
  ours: number | null;
  theirs: number;
  status: CellStatus;
}

export interface ColumnSummary {
  column: AuthorColumn;
  /** Tenders where we return a number (so a comparison is possible). */
  compared: number;
  matched: number;
  /** matched / compared. */
  share: number;
  /** Largest |ours − theirs| over matched cells (the rounding residue). */
  maxAbsDiffMatched: number;
  /** Largest |ours − theirs| over all compared cells. */
  maxAbsDiff: number;
  /** We return null, the authors store 0 (n too small): the convention difference. */
  naZero: number;
  /** We return null, the authors store a non-zero value. */
  naNonzero: number;
  /** Tender ids of the `mismatch` and `naNonzero` cells, in file order. */
  divergentIds: string[];
}

export interface ParitySummary {
  tenders: number;
  bids: number;
  columns: Record<AuthorColumn, ColumnSummary>;
}

/**
 * Groups parsed CSV rows (header → string) into tenders in file order. Throws if a row lacks a column, a value is
 * not numeric, or the authors' screens differ between rows of one tender.
 */
export function groupRows(rows: ReadonlyArray<Readonly<Record<string, string>>>): ParityTender[] {
  const byId = new Map<string, ParityTender>();
  rows.forEach((row, i) => {
    const id = row['Tender'];
    if (id === undefined || id === '') throw new Error(`row ${i + 1}: no Tender`);
    const bid = num(row, 'Bid_value', i);
    const authors = {} as Record<AuthorColumn, number>;
    for (const c of AUTHOR_COLUMNS) authors[c] = num(row, c, i);
    const t = byId.get(id);
    if (t === undefined) {
      byId.set(id, { id, bids: [bid], authors });
      return;
    }
    for (const c of AUTHOR_COLUMNS) {
      if (t.authors[c] !== authors[c]) throw new Error(`tender ${id}: column ${c} differs between rows`);
    }
    t.bids.push(bid);
  });
  return [...byId.values()];
}

/** Compares our screens with the authors' columns for one tender. */
export function compareTender(t: ParityTender, ours: Screens = computeScreens(t.bids)): Record<AuthorColumn, Cell> {
  const out = {} as Record<AuthorColumn, Cell>;
  for (const c of AUTHOR_COLUMNS) out[c] = cell(ours[COLUMN_SCREEN[c]], t.authors[c]);
  return out;
}

export function cell(ours: number | null, theirs: number): Cell {
  let status: CellStatus;
  if (ours === null) status = theirs === 0 ? 'naZero' : 'naNonzero';
  else status = Math.abs(ours - theirs) <= PARITY_TOLERANCE ? 'match' : 'mismatch';
  return { ours, theirs, status };
}

/** Per-column parity over a data set. `override` replaces our value for a column (used for the RD replication). */
export function summarise(
  tenders: readonly ParityTender[],
  override?: Partial<Record<AuthorColumn, ReadonlyArray<number | null>>>,
): ParitySummary {
  const columns = {} as Record<AuthorColumn, ColumnSummary>;
  for (const c of AUTHOR_COLUMNS) {
    columns[c] = {
      column: c,
      compared: 0,
      matched: 0,
      share: 0,
      maxAbsDiffMatched: 0,
      maxAbsDiff: 0,
      naZero: 0,
      naNonzero: 0,
      divergentIds: [],
    };
  }
  let bids = 0;
  tenders.forEach((t, i) => {
    bids += t.bids.length;
    const ours = computeScreens(t.bids);
    for (const c of AUTHOR_COLUMNS) {
      const alt = override?.[c];
      const value = alt !== undefined ? (alt[i] ?? null) : ours[COLUMN_SCREEN[c]];
      const x = cell(value, t.authors[c]);
      const s = columns[c];
      if (x.status === 'naZero') s.naZero++;
      else if (x.status === 'naNonzero') {
        s.naNonzero++;
        s.divergentIds.push(t.id);
      } else {
        const d = Math.abs((x.ours as number) - x.theirs);
        s.compared++;
        s.maxAbsDiff = Math.max(s.maxAbsDiff, d);
        if (x.status === 'match') {
          s.matched++;
          s.maxAbsDiffMatched = Math.max(s.maxAbsDiffMatched, d);
        } else s.divergentIds.push(t.id);
      }
    }
  });
  for (const c of AUTHOR_COLUMNS) {
    const s = columns[c];
    s.share = s.compared === 0 ? 0 : s.matched / s.compared;
  }
  return { tenders: tenders.length, bids, columns };
}

/**
 * NOT A SCREEN. Rebuilds the authors' RD column as it was evidently constructed, to document why it cannot be
 * reproduced per tender (screens.md §3):
 * - numerator: Δ of the tender itself (lowest price strictly above the minimum, minus the minimum);
 * - denominators: the sample s.d. of the bids strictly below each tender's maximum, listed for the tenders with
 *   ≥ 2 bids only, in file order — and then read **by the position of the tender in the full list**, so every
 *   single-bid tender shifts all later tenders onto the denominator of a later tender;
 * - a denominator that is undefined (< 2 bids below the maximum) falls back to the s.d. of the tender's own bids;
 *   a zero denominator gives 0.
 * Returns null for single-bid tenders and where the position runs past the end of the denominator list (the
 * authors store 0 in both cases). This reproduces the Ticino column
 * and the first 576 tenders of GR/See-Gaster; the rest of GR/See-Gaster and all of the milk data follow some
 * further, unidentified reshuffling (it also produces negative values, impossible for a gap over a s.d.).
 */
export function replicateAuthorsRd(tenders: readonly ParityTender[]): Array<number | null> {
  const denominators = tenders.filter((t) => t.bids.length >= 2).map((t) => sdBelowMax(t.bids));
  return tenders.map((t, i) => {
    if (t.bids.length < 2 || i >= denominators.length) return null;
    const s = sortedAscending(t.bids);
    const lo = s[0] as number;
    const next = s.find((x) => x > lo);
    const gap = next === undefined ? 0 : next - lo;
    let den = denominators[i] as number | null;
    if (den === null) den = allEqual(s) ? 0 : (sampleSd(s) as number);
    if (den === 0) return 0;
    return gap / den;
  });
}

/** Sample s.d. of the bids strictly below the maximum; 0 if they are all equal; null if fewer than 2. */
function sdBelowMax(bids: readonly number[]): number | null {
  const s = sortedAscending(bids);
  const hi = s[s.length - 1] as number;
  const below = s.filter((x) => x < hi);
  if (below.length < 2) return null;
  return allEqual(below) ? 0 : (sampleSd(below) as number);
}

function allEqual(sorted: readonly number[]): boolean {
  return sorted[0] === sorted[sorted.length - 1];
}

function num(row: Readonly<Record<string, string>>, col: string, i: number): number {
  const raw = row[col];
  if (raw === undefined) throw new Error(`row ${i + 1}: missing column ${col}`);
  const v = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(v)) throw new Error(`row ${i + 1}: ${col} is not a number: "${raw}"`);
  return v;
}

/** A fixed-width text table of a summary, one line per column. */
export function formatSummary(name: string, s: ParitySummary, extra?: Array<[string, ColumnSummary]>): string {
  const head = ['screen', 'compared', 'matched', 'share', 'max|Δ| matched', 'max|Δ| all', 'null↔0', 'null↔≠0'];
  const lines: string[][] = [head];
  const row = (label: string, c: ColumnSummary): string[] => [
    label,
    String(c.compared),
    String(c.matched),
    `${(100 * c.share).toFixed(2)} %`,
    c.matched === 0 ? '—' : c.maxAbsDiffMatched.toExponential(2),
    c.compared === 0 ? '—' : fmtNum(c.maxAbsDiff),
    String(c.naZero),
    String(c.naNonzero),
  ];
  for (const c of AUTHOR_COLUMNS) lines.push(row(c, s.columns[c]));
  for (const [label, c] of extra ?? []) lines.push(row(label, c));
  const widths = head.map((_, j) => Math.max(...lines.map((l) => (l[j] as string).length)));
  const body = lines.map((l) => l.map((v, j) => (j === 0 ? v.padEnd(widths[j] as number) : v.padStart(widths[j] as number))).join('  '));
  return [`${name}: ${s.tenders} tenders, ${s.bids} bids (tolerance ${PARITY_TOLERANCE.toExponential(1)})`, ...body].join('\n');
}

function fmtNum(x: number): string {
  return x < 1e-3 ? x.toExponential(2) : x.toPrecision(4);
}
