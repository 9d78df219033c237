/**
 * The co-bidder graph as counts (domain-indicators (b) #8): firms i, j; w_ij = tenders both bid in;
 * W_ij = tenders both bid in that i won; |T_i| = tenders firm i bid in; s_i = Σ_j w_ij (strength).
 *
 * Stored as compressed rows over the pairs i < j (slot order = (i, j) ascending): each tender writes one entry
 * j·4 + (i won) + 2·(j won) into row i, each row is sorted and run-length counted. Typed arrays and no hash map
 * keep 10⁶ bids (≈ 6·10⁶ pair entries) to about a second and the output independent of input row order.
 * Tenders with more than `maxBiddersForEdges` firms add to |T_i| and wins but not to w: with hundreds of bidders
 * (common under 合理低价法) meeting says nothing about coordination, and they would add n²/2 edges each.
 */
import type { DatasetView } from '../dataset-view.js';
import type { TenderRow } from '../types.js';
import { compareStrings } from './union-find.js';

export interface CoBidGraph {
  /** Firm USCCs sorted; a firm's index is its position. */
  firms: string[];
  index: Map<string, number>;
  /** |T_i|: tenders firm i bid in (any bid, valid or not: a deliberately invalid cover bid is still presence). */
  tenders: Int32Array;
  /** Tenders firm i won. */
  wins: Int32Array;
  /** Tenders in which firm i had a valid bid. */
  validBids: Int32Array;
  /** s_i = Σ_j w_ij over all partners. */
  strength: Float64Array;
  /** Slots of row i (pairs i < j) are rowStart[i] … rowStart[i + 1] − 1, sorted by j. */
  rowStart: Int32Array;
  /** Per slot: i, j, w_ij, W_ij, W_ji. */
  pairI: Int32Array;
  pairJ: Int32Array;
  w: Int32Array;
  winsIJ: Int32Array;
  winsJI: Int32Array;
  /** Tenders that added edges, and tenders skipped for size. */
  edgeTenders: number;
  skippedLarge: number;
  /** Tenders of firm i as positions in view.tenders (ascending), for fast "where did they meet" counts. */
  tenderList: Int32Array[];
  tenderCount: number;
}

/** Integer key of an unordered pair (i·F + j, i < j), for maps of pair data such as A40 link counts. */
export function pairKey(g: Pick<CoBidGraph, 'firms'>, i: number, j: number): number {
  return i < j ? i * g.firms.length + j : j * g.firms.length + i;
}

/** Slot of the pair, or −1 when the two never met in an edge tender (binary search in row min(i, j)). */
export function slotOf(g: CoBidGraph, i: number, j: number): number {
  const a = Math.min(i, j);
  const b = Math.max(i, j);
  let lo = g.rowStart[a] as number;
  let hi = (g.rowStart[a + 1] as number) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const c = g.pairJ[mid] as number;
    if (c === b) return mid;
    if (c < b) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** w_ij (0 when the pair never met). */
export function coBids(g: CoBidGraph, i: number, j: number): number {
  const s = slotOf(g, i, j);
  return s < 0 ? 0 : (g.w[s] as number);
}

/** W_ij: tenders both entered that i won. */
export function winsAgainst(g: CoBidGraph, i: number, j: number): number {
  const s = slotOf(g, i, j);
  if (s < 0) return 0;
  return i < j ? (g.winsIJ[s] as number) : (g.winsJI[s] as number);
}

export function buildCoBidGraph(view: DatasetView, maxBiddersFor: (t: TenderRow) => number): CoBidGraph {
  const firms = [...view.tendersOfFirm.keys()].sort(compareStrings);
  const index = new Map(firms.map((f, i) => [f, i]));
  const F = firms.length;
  const T = view.tenders.length;
  const tenders = new Int32Array(F);
  const wins = new Int32Array(F);
  const validBids = new Int32Array(F);
  const won = new Uint8Array(F);
  const valid = new Uint8Array(F);
  const seen = new Uint8Array(F);
  const present: number[] = [];
  // every tender's distinct firms, flat (few large allocations: the heap already holds the whole dataset)
  let flat = new Int32Array(Math.max(16, view.dataset.bids.length));
  let flatWon = new Uint8Array(flat.length);
  let used = 0;
  const tStart = new Int32Array(T + 1);
  const makesEdges = new Uint8Array(T);
  let edgeTenders = 0;
  let skippedLarge = 0;
  const rowCount = new Int32Array(F);

  for (let ti = 0; ti < T; ti++) {
    tStart[ti] = used;
    const t = view.tenders[ti] as TenderRow;
    const bids = view.bidsOf.get(t.code);
    if (!bids || bids.length === 0) continue;
    present.length = 0;
    for (const b of bids) {
      const i = index.get(b.bidderUscc) as number;
      if (!seen[i]) {
        seen[i] = 1;
        present.push(i);
      }
      if (b.isWinner) won[i] = 1;
      if (b.valid) valid[i] = 1;
    }
    present.sort((a, b) => a - b);
    if (used + present.length > flat.length) {
      const bigger = new Int32Array(2 * (used + present.length));
      bigger.set(flat);
      flat = bigger;
      const biggerWon = new Uint8Array(bigger.length);
      biggerWon.set(flatWon);
      flatWon = biggerWon;
    }
    for (const i of present) {
      flat[used] = i;
      flatWon[used++] = won[i] as number;
      tenders[i]++;
      if (won[i]) wins[i]++;
      if (valid[i]) validBids[i]++;
      seen[i] = 0;
      won[i] = 0;
      valid[i] = 0;
    }
    if (present.length >= 2 && present.length <= maxBiddersFor(t)) {
      edgeTenders++;
      makesEdges[ti] = 1;
      for (let a = 0; a < present.length; a++) rowCount[present[a] as number] += present.length - 1 - a;
    } else if (present.length >= 2) {
      skippedLarge++;
    }
  }
  tStart[T] = used;

  // firm → tenders (positions), compressed rows
  const listStart = new Int32Array(F + 1);
  for (let i = 0; i < F; i++) listStart[i + 1] = (listStart[i] as number) + (tenders[i] as number);
  const listAll = new Int32Array(used);
  const listFill = listStart.slice(0, F);
  for (let ti = 0; ti < T; ti++) for (let x = tStart[ti] as number; x < (tStart[ti + 1] as number); x++) listAll[listFill[flat[x] as number]++] = ti;

  // pair entries j·4 + (i won) + 2·(j won) in row i, then sort and run-length count each row
  const start = new Int32Array(F + 1);
  for (let i = 0; i < F; i++) start[i + 1] = (start[i] as number) + (rowCount[i] as number);
  const entries = new Int32Array(start[F] as number);
  const fill = start.slice(0, F);
  for (let ti = 0; ti < T; ti++) {
    if (!makesEdges[ti]) continue;
    const from = tStart[ti] as number;
    const to = tStart[ti + 1] as number;
    for (let a = from; a < to; a++) {
      const i = flat[a] as number;
      const wi = flatWon[a] as number;
      for (let b = a + 1; b < to; b++) entries[fill[i]++] = (flat[b] as number) * 4 + wi + 2 * (flatWon[b] as number);
    }
  }
  let P = 0;
  for (let i = 0; i < F; i++) {
    const row = entries.subarray(start[i] as number, start[i + 1] as number).sort();
    for (let k = 0; k < row.length; k++) if (k === 0 || (row[k] as number) >> 2 !== (row[k - 1] as number) >> 2) P++;
  }
  const rowStart = new Int32Array(F + 1);
  const pairI = new Int32Array(P);
  const pairJ = new Int32Array(P);
  const w = new Int32Array(P);
  const winsIJ = new Int32Array(P);
  const winsJI = new Int32Array(P);
  const strength = new Float64Array(F);
  let p = 0;
  for (let i = 0; i < F; i++) {
    rowStart[i] = p;
    for (let k = start[i] as number; k < (start[i + 1] as number); k++) {
      const e = entries[k] as number;
      const j = e >> 2;
      if (k === start[i] || (entries[k - 1] as number) >> 2 !== j) {
        pairI[p] = i;
        pairJ[p] = j;
        p++;
      }
      w[p - 1]++;
      winsIJ[p - 1] += e & 1;
      winsJI[p - 1] += (e >> 1) & 1;
      strength[i]++;
      strength[j]++;
    }
  }
  rowStart[F] = p;
  return {
    firms,
    index,
    tenders,
    wins,
    validBids,
    strength,
    rowStart,
    pairI,
    pairJ,
    w,
    winsIJ,
    winsJI,
    edgeTenders,
    skippedLarge,
    tenderList: Array.from({ length: F }, (_, i) => listAll.subarray(listStart[i] as number, listStart[i + 1] as number)),
    tenderCount: T,
  };
}
