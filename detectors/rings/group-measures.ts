/**
 * Group measures on the co-bidder graph — an operationalisation of Wachs & Kertész (Sci. Rep. 9:10818, 2019),
 * whose exact formulas were not published in the form used here (domain-indicators (b) #8):
 *
 *   cohesion(g)    = Σ_{i<j∈g} w_ij / ( C(|g|, 2) · mean_{i∈g} |T_i| )   — how intensely members bid together;
 *                    1 = every pair meets in every tender its members bid in.
 *   exclusivity(g) = Σ_{i≠j∈g} w_ij / Σ_{i∈g} s_i                       — share of members' co-bidding that stays
 *                    inside the group (internal over total strength).
 *   rotation(a, b) = min(W_ab, W_ba) / max(W_ab, W_ba)                  — R057: wins alternate inside the pair.
 */
import type { DatasetView } from '../dataset-view.js';
import { coBids, type CoBidGraph } from './cobid-graph.js';

export function cohesion(g: CoBidGraph, members: readonly number[]): number | null {
  const k = members.length;
  if (k < 2) return null;
  let internal = 0;
  let tenders = 0;
  for (let a = 0; a < k; a++) {
    tenders += g.tenders[members[a] as number] as number;
    for (let b = a + 1; b < k; b++) internal += coBids(g, members[a] as number, members[b] as number);
  }
  const meanT = tenders / k;
  if (meanT === 0) return null;
  return internal / (((k * (k - 1)) / 2) * meanT);
}

export function exclusivity(g: CoBidGraph, members: readonly number[]): number | null {
  const k = members.length;
  if (k < 2) return null;
  let internal = 0;
  let total = 0;
  for (let a = 0; a < k; a++) {
    total += g.strength[members[a] as number] as number;
    for (let b = a + 1; b < k; b++) internal += 2 * coBids(g, members[a] as number, members[b] as number);
  }
  return total === 0 ? null : internal / total;
}

/** min / max of two win counts; null when neither won (no rotation to speak of). */
export function rotationRatio(wab: number, wba: number): number | null {
  const hi = Math.max(wab, wba);
  return hi === 0 ? null : Math.min(wab, wba) / hi;
}

export interface Encounters {
  /** Tenders in which ≥ 2 members bid, sorted. */
  tenders: string[];
  /** Of those, tenders won by each member (members order). */
  winsBy: number[];
  /** Tenders among `tenders` won by some member. */
  wonInside: number;
}

const winnersCache = new WeakMap<DatasetView, Map<string, string[]>>();

/** Each tender's winning bidders (usually one), indexed once per view. */
function winnersOf(view: DatasetView): Map<string, string[]> {
  let m = winnersCache.get(view);
  if (!m) {
    m = new Map();
    for (const b of view.dataset.bids) {
      if (!b.isWinner) continue;
      const l = m.get(b.tenderCode);
      if (l) {
        if (!l.includes(b.bidderUscc)) l.push(b.bidderUscc);
      } else m.set(b.tenderCode, [b.bidderUscc]);
    }
    winnersCache.set(view, m);
  }
  return m;
}

/**
 * Where the members met (≥ 2 of them in one tender) and which of them won there. Counts members per tender from
 * the graph's tender lists in a scratch array, so a ring of firms with thousands of bids each costs their bids.
 * `g` must be the co-bid graph of this view (cobid-graph.ts); without it the lists are read from the view.
 */
export function encounters(view: DatasetView, members: readonly string[], g?: CoBidGraph): Encounters {
  const pos = new Map(members.map((m, i) => [m, i]));
  const tenders: string[] = [];
  if (g) {
    const counter = scratchOf(g);
    const touched: number[] = [];
    for (const m of new Set(members)) {
      const i = g.index.get(m);
      if (i === undefined) continue;
      for (const p of g.tenderList[i] as Int32Array) {
        if (counter[p] === 0) touched.push(p);
        counter[p]++;
      }
    }
    for (const p of touched) {
      if ((counter[p] as number) >= 2) tenders.push((view.tenders[p] as { code: string }).code);
      counter[p] = 0;
    }
  } else {
    const count = new Map<string, number>();
    for (const m of new Set(members)) for (const t of new Set(view.tendersOfFirm.get(m) ?? [])) count.set(t, (count.get(t) ?? 0) + 1);
    for (const [t, n] of count) if (n >= 2) tenders.push(t);
  }
  tenders.sort();
  const winsBy = members.map(() => 0);
  let wonInside = 0;
  const winners = winnersOf(view);
  for (const t of tenders) {
    let inside = false;
    for (const w of winners.get(t) ?? []) {
      const i = pos.get(w);
      if (i === undefined) continue;
      winsBy[i] = (winsBy[i] as number) + 1;
      inside = true;
    }
    if (inside) wonInside++;
  }
  return { tenders, winsBy, wonInside };
}

const scratch = new WeakMap<CoBidGraph, Int32Array>();
function scratchOf(g: CoBidGraph): Int32Array {
  let a = scratch.get(g);
  if (!a) scratch.set(g, (a = new Int32Array(g.tenderCount)));
  return a;
}

/**
 * Rotation of a group: min / max of the members' wins in the tenders where they met — the pair ratio generalised.
 * Null below `minEncounters` such wins (too few to call a pattern). A member that only ever covers gives 0.
 */
export function groupRotation(e: Encounters, minEncounters: number): number | null {
  if (e.wonInside < minEncounters) return null;
  return rotationRatio(Math.min(...e.winsBy), Math.max(...e.winsBy));
}

/** Number of tenders in which ≥ 2 of the members bid — counted from each member's tender list, no bid scan. */
export function tendersTogether(view: DatasetView, members: readonly string[]): number {
  const count = new Map<string, number>();
  let together = 0;
  for (const m of members) {
    const seen = new Set<string>();
    for (const t of view.tendersOfFirm.get(m) ?? []) {
      if (seen.has(t)) continue; // several bids of one firm in one tender
      seen.add(t);
      const c = (count.get(t) ?? 0) + 1;
      count.set(t, c);
      if (c === 2) together++;
    }
  }
  return together;
}

/**
 * Same count from the graph's per-firm tender positions, with a caller-owned scratch counter (length = number of
 * tenders, all zero; left zero on return) — used for every core of a large graph.
 */
export function tendersTogetherFast(g: CoBidGraph, members: readonly number[], scratch: Int32Array): number {
  let together = 0;
  for (const m of members) {
    for (const t of g.tenderList[m] as Int32Array) {
      const c = ++scratch[t];
      if (c === 2) together++;
    }
  }
  for (const m of members) for (const t of g.tenderList[m] as Int32Array) scratch[t] = 0;
  return together;
}
