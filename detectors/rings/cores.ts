/**
 * Dense cores inside graph communities: the group around each firm that maximises the Wachs–Kertész group score
 * √(cohesion · exclusivity), grown greedily from the firm (a local community search in the manner of Lancichinetti,
 * Fortunato & Kertész 2009, with this fitness).
 *
 * Why: Louvain communities of a co-bidding graph are local markets (a region's firms), tens of firms wide; a ring
 * is a handful of firms inside one that meet far more often, and more exclusively, than the market around them.
 * Growth: start from the firm; add the neighbour (kept edge, same community) that raises the score most; stop when
 * no neighbour raises it or the group reaches `maxSize`. The first step always takes the best partner.
 * Pruning: then drop, one at a time, the member whose removal raises the score most (the seed included), while that
 * helps. Without it a firm on the edge of a ring grows "itself + the ring" and looks like a member; with it, the
 * firm's search ends in the ring without the firm, and the firm scores nothing from it.
 * Incremental sums keep each step O(candidates): I = Σ_{pairs} w, ΣT = Σ |T_i|, ΣS = Σ s_i, so for k members
 * cohesion = I / (C(k,2) · ΣT/k) and exclusivity = 2I / ΣS.
 */
import { coBids, type CoBidGraph } from './cobid-graph.js';

export interface Core {
  /** Member graph indices, ascending. */
  members: number[];
  cohesion: number;
  exclusivity: number;
  /** √(cohesion · exclusivity). */
  fitness: number;
}

/** Adjacency over kept edges, both directions, as compressed rows: neighbours and raw co-bid counts w_ij. */
export interface Adjacency {
  start: Int32Array;
  nbr: Int32Array;
  wt: Int32Array;
}

export function adjacency(g: CoBidGraph, keep: (slot: number) => boolean): Adjacency {
  const F = g.firms.length;
  const kept: number[] = [];
  const deg = new Int32Array(F + 1);
  for (let k = 0; k < g.w.length; k++) {
    if (!keep(k)) continue;
    kept.push(k);
    deg[g.pairI[k] as number]++;
    deg[g.pairJ[k] as number]++;
  }
  const start = new Int32Array(F + 1);
  for (let i = 0; i < F; i++) start[i + 1] = (start[i] as number) + (deg[i] as number);
  const fill = start.slice(0, F);
  const nbr = new Int32Array(start[F] as number);
  const wt = new Int32Array(start[F] as number);
  for (const k of kept) {
    const i = g.pairI[k] as number;
    const j = g.pairJ[k] as number;
    const w = g.w[k] as number;
    nbr[fill[i]] = j;
    wt[fill[i]++] = w;
    nbr[fill[j]] = i;
    wt[fill[j]++] = w;
  }
  return { start, nbr, wt };
}

/** √(cohesion · exclusivity) alone, without allocating (the inner loop of the growth). */
export function fitnessValue(k: number, internal: number, sumT: number, sumS: number): number {
  if (k < 2 || sumT === 0 || sumS === 0) return 0;
  return Math.sqrt((internal / (((k * (k - 1)) / 2) * (sumT / k))) * ((2 * internal) / sumS));
}

export function fitnessOf(k: number, internal: number, sumT: number, sumS: number): { cohesion: number; exclusivity: number; fitness: number } {
  if (k < 2 || sumT === 0 || sumS === 0) return { cohesion: 0, exclusivity: 0, fitness: 0 };
  const cohesion = internal / (((k * (k - 1)) / 2) * (sumT / k));
  const exclusivity = (2 * internal) / sumS;
  return { cohesion, exclusivity, fitness: Math.sqrt(cohesion * exclusivity) };
}

/**
 * The core grown from `seed`, among firms with `community[c] === community[seed]`. Ties between candidates go to
 * the smaller index, so the result is deterministic.
 */
export function growCore(g: CoBidGraph, adj: Adjacency, community: Int32Array, seed: number, maxSize: number, scratch = newScratch(g)): Core | null {
  const comm = community[seed] as number;
  if (comm < 0) return null;
  const members = [seed];
  const { attach, inGroup } = scratch;
  const cand: number[] = []; // candidates with attach > 0, in first-touch order
  inGroup[seed] = 1;
  const touch = (m: number) => {
    for (let x = adj.start[m] as number; x < (adj.start[m + 1] as number); x++) {
      const c = adj.nbr[x] as number;
      if (inGroup[c] || community[c] !== comm) continue;
      if (attach[c] === 0) cand.push(c);
      attach[c] += adj.wt[x] as number;
    }
  };
  touch(seed);
  let internal = 0;
  let sumT = g.tenders[seed] as number;
  let sumS = g.strength[seed] as number;
  let current = 0;
  while (members.length < maxSize) {
    let best = -1;
    let bestFit = -1;
    for (const c of cand) {
      if (inGroup[c]) continue;
      const f = fitnessValue(members.length + 1, internal + (attach[c] as number), sumT + (g.tenders[c] as number), sumS + (g.strength[c] as number));
      if (f > bestFit || (f === bestFit && c < best)) {
        best = c;
        bestFit = f;
      }
    }
    if (best < 0 || (members.length >= 2 && bestFit <= current)) break;
    internal += attach[best] as number;
    sumT += g.tenders[best] as number;
    sumS += g.strength[best] as number;
    members.push(best);
    inGroup[best] = 1;
    touch(best);
    current = bestFit;
  }
  for (const c of cand) attach[c] = 0;
  for (const m of members) inGroup[m] = 0;
  if (members.length < 2) return null;
  prune(g, members, current);
  if (members.length < 2) return null;
  const fit = fitnessOf(members.length, internalOf(g, members), sum(members, g.tenders), sum(members, g.strength));
  return { members: members.sort((a, b) => a - b), ...fit };
}

/** Reusable per-firm buffers for growCore (all zero between calls). */
export interface CoreScratch {
  attach: Float64Array;
  inGroup: Uint8Array;
}

export function newScratch(g: CoBidGraph): CoreScratch {
  return { attach: new Float64Array(g.firms.length), inGroup: new Uint8Array(g.firms.length) };
}

function sum(members: readonly number[], xs: ArrayLike<number>): number {
  let s = 0;
  for (const m of members) s += xs[m] as number;
  return s;
}

function internalOf(g: CoBidGraph, members: readonly number[]): number {
  let s = 0;
  for (let a = 0; a < members.length; a++) for (let b = a + 1; b < members.length; b++) s += coBids(g, members[a] as number, members[b] as number);
  return s;
}

/** Removes members while removing one raises the fitness (largest gain first; ties to the larger index). */
function prune(g: CoBidGraph, members: number[], start: number): void {
  let fitness = start;
  while (members.length > 2) {
    const internal = internalOf(g, members);
    const sumT = sum(members, g.tenders);
    const sumS = sum(members, g.strength);
    let worst = -1;
    let best = fitness;
    for (const m of members) {
      let att = 0;
      for (const o of members) if (o !== m) att += coBids(g, m, o);
      const f = fitnessValue(members.length - 1, internal - att, sumT - (g.tenders[m] as number), sumS - (g.strength[m] as number));
      if (f > best || (f === best && worst >= 0 && m > worst)) {
        best = f;
        worst = m;
      }
    }
    if (worst < 0) return;
    members.splice(members.indexOf(worst), 1);
    fitness = best;
  }
}

/** One core per firm in a community, de-duplicated (several firms usually grow the same core). Sorted by members. */
export function allCores(g: CoBidGraph, adj: Adjacency, community: Int32Array, maxSize: number): Core[] {
  const seen = new Map<string, Core>();
  const scratch = newScratch(g);
  for (let i = 0; i < g.firms.length; i++) {
    const c = growCore(g, adj, community, i, maxSize, scratch);
    if (!c) continue;
    const key = c.members.join(',');
    if (!seen.has(key)) seen.set(key, c);
  }
  return [...seen.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, c]) => c);
}
