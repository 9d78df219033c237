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

/** Where the members met (≥ 2 of them in one tender) and which of them won there. */
export function encounters(view: DatasetView, members: readonly string[]): Encounters {
  const pos = new Map(members.map((m, i) => [m, i]));
  const candidates = new Set<string>();
  for (const m of members) for (const t of view.tendersOfFirm.get(m) ?? []) candidates.add(t);
  const tenders: string[] = [];
  const winsBy = members.map(() => 0);
  let wonInside = 0;
  for (const t of [...candidates].sort()) {
    const present = new Set<number>();
    const winners = new Set<number>();
    for (const b of view.bidsOf.get(t) ?? []) {
      const i = pos.get(b.bidderUscc);
      if (i === undefined) continue;
      present.add(i);
      if (b.isWinner) winners.add(i);
    }
    if (present.size < 2) continue;
    tenders.push(t);
    for (const i of winners) winsBy[i] = (winsBy[i] as number) + 1;
    if (winners.size > 0) wonInside++;
  }
  return { tenders, winsBy, wonInside };
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
