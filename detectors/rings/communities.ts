/**
 * Communities of the co-bidder graph (graphology + graphology-communities-louvain).
 *
 * Two layers: co-bid counts w_ij, kept where w_ij ≥ `minCoBids` (occasional meetings are noise), and 第四十条 links
 * (A40 flags), which keep an edge whatever its w and add `article40Weight` per linked tender — a shared machine or
 * project manager ties two firms harder than one more meeting. Louvain (Blondel et al. 2008) maximises modularity
 * on the sum; its random node order comes from a seeded PRNG, and nodes and edges are inserted in sorted order, so
 * the partition is the same on every run and for any input row order.
 */
import { UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import { slotOf, type CoBidGraph } from './cobid-graph.js';
import { mulberry32 } from './prng.js';

/**
 * graphology-communities-louvain is CommonJS (`module.exports = fn`): Node's ESM loader hands `fn` over as the
 * default import, while TypeScript (NodeNext) types the default import as the module object with `.default`.
 */
type Louvain = typeof louvainModule.default;
const louvain: Louvain = (louvainModule as unknown as { default?: Louvain }).default ?? (louvainModule as unknown as Louvain);

export interface CommunityOptions {
  minCoBids: number;
  article40Weight: number;
  resolution: number;
  seed: number;
}

export interface Communities {
  /** Community of each firm (graph index), −1 for firms with no kept edge. Ids are renumbered 0… by smallest member. */
  of: Int32Array;
  /** Members (firm indices, ascending) per community id. */
  members: number[][];
  modularity: number;
  /** Kept edges. */
  edges: number;
}

/**
 * @param a40 linked-tender counts per pair key (i·F + j, i < j) from the A40 flags.
 */
export function detectCommunities(
  g: CoBidGraph,
  a40: ReadonlyMap<number, number>,
  o: CommunityOptions,
  /** Which co-bid edges may enter (default: w ≥ minCoBids); A40-linked pairs always do. */
  keepEdge: (slot: number) => boolean = (k) => (g.w[k] as number) >= o.minCoBids,
): Communities {
  const F = g.firms.length;
  const keep: Array<[number, number, number]> = [];
  for (let k = 0; k < g.w.length; k++) {
    const i = g.pairI[k] as number;
    const j = g.pairJ[k] as number;
    const links = a40.get(i * F + j) ?? 0;
    const w = g.w[k] as number;
    if (keepEdge(k) || links > 0) keep.push([i, j, w + o.article40Weight * links]);
  }
  for (const [key, links] of a40) {
    if (slotOf(g, Math.floor(key / F), key % F) >= 0) continue; // already kept above
    // linked pairs that never met in an edge tender (only in tenders too large for edges)
    keep.push([Math.floor(key / F), key % F, o.article40Weight * links]);
  }
  keep.sort((x, y) => x[0] - y[0] || x[1] - y[1]);

  const graph = new UndirectedGraph({ multi: false, allowSelfLoops: false });
  const nodes = new Set<number>();
  for (const [i, j] of keep) {
    nodes.add(i);
    nodes.add(j);
  }
  for (const i of [...nodes].sort((a, b) => a - b)) graph.addNode(String(i));
  for (const [i, j, w] of keep) graph.addUndirectedEdge(String(i), String(j), { weight: w });

  const of = new Int32Array(F).fill(-1);
  if (graph.order === 0) return { of, members: [], modularity: 0, edges: 0 };
  const res = louvain.detailed(graph, {
    getEdgeWeight: 'weight',
    resolution: o.resolution,
    rng: mulberry32(o.seed),
  });
  // renumber by smallest member so ids do not depend on Louvain's internal labels
  const raw = new Map<number, number[]>();
  for (const [node, c] of Object.entries(res.communities) as Array<[string, number]>) {
    const list = raw.get(c);
    if (list) list.push(Number(node));
    else raw.set(c, [Number(node)]);
  }
  const members = [...raw.values()].map((m) => m.sort((a, b) => a - b)).sort((a, b) => (a[0] as number) - (b[0] as number));
  members.forEach((m, id) => {
    for (const i of m) of[i] = id;
  });
  return { of, members, modularity: res.modularity, edges: keep.length };
}
