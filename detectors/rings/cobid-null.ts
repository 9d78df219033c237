/**
 * Which pairs of firms meet more often than chance in their own market (共同投标次数是否超出随机预期). Pure.
 *
 * Louvain on raw co-bid counts finds local markets: a region's busy firms meet each other constantly whether or not
 * they collude. A ring is a group that meets more than a null model of random co-bidding *in the same market*
 * predicts (Wachs & Kertész 2019 compare with a configuration null; Tumminello et al. 2011 validate bipartite
 * projections the same way). The null keeps every firm's activity in each market segment (category × work type)
 * and every tender's size, and lets bidders fall into tenders at random:
 *
 *   P(i bids in t) ≈ nₜ dᵢₛ / Nₛ          dᵢₛ = edge tenders of segment s that firm i entered, Nₛ = Σₜ nₜ
 *   E[w_ij] = Σₛ dᵢₛ dⱼₛ Qₛ / Nₛ²          Qₛ = Σ_{t ∈ s} nₜ (nₜ − 1)   (pairs drawn without replacement)
 *   p_ij = P(Poisson(E[w_ij]) ≥ w_ij)
 *
 * A pair is *validated* when w_ij ≥ `minCoBids` and p_ij passes the Benjamini–Hochberg step-up at false-discovery
 * rate `fdr` over all pairs with w_ij ≥ `minCoBids` (a market of 20,000 firms tests about a million pairs, so an
 * uncorrected 1 % would validate ten thousand by chance). Only tenders that add edges (cobid-graph.ts) count.
 */
import type { DatasetView } from '../dataset-view.js';
import type { TenderRow } from '../types.js';
import type { CoBidGraph } from './cobid-graph.js';

export interface CoBidNull {
  /** E[w_ij] per slot of the graph. */
  expected: Float64Array;
  /** p_ij per slot (1 for pairs below minCoBids, which are not tested). */
  p: Float64Array;
  /** Validated per slot. */
  validated: Uint8Array;
  tested: number;
  validatedCount: number;
  /** The BH threshold reached (largest p validated), or null when none. */
  threshold: number | null;
}

/** log Γ(x + 1) = log x! via Stirling's series beyond small x (exact sums below 20). */
function logFactorial(k: number): number {
  if (k < 20) {
    let s = 0;
    for (let i = 2; i <= k; i++) s += Math.log(i);
    return s;
  }
  const x = k + 1;
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x ** 3);
}

/** P(Poisson(λ) ≥ k), summed upwards from pmf(k) in log space so tiny tails stay exact. */
export function poissonUpper(lambda: number, k: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  let logTerm = -lambda + k * Math.log(lambda) - logFactorial(k);
  let sum = 0;
  for (let j = k; j < k + 10_000; j++) {
    const term = Math.exp(logTerm);
    sum += term;
    if (term < sum * 1e-15 && j > lambda) break;
    logTerm += Math.log(lambda) - Math.log(j + 1);
  }
  return Math.min(1, sum);
}

export function coBidNull(
  view: DatasetView,
  g: CoBidGraph,
  o: { minCoBids: number; fdr: number; maxBiddersFor: (t: TenderRow) => number },
): CoBidNull {
  const F = g.firms.length;
  const segIndex = new Map<string, number>();
  const N: number[] = [];
  const Q: number[] = [];
  // degree per firm per segment, counted over the tenders that add edges (as w is)
  const deg = new Map<number, Float64Array>();
  view.tenders.forEach((t) => {
    const firms = new Set<number>();
    for (const b of view.bidsOf.get(t.code) ?? []) firms.add(g.index.get(b.bidderUscc) as number);
    const n = firms.size;
    if (n < 2 || n > o.maxBiddersFor(t)) return;
    const key = `${t.category}|${t.workType}`;
    let s = segIndex.get(key);
    if (s === undefined) {
      segIndex.set(key, (s = N.length));
      N.push(0);
      Q.push(0);
    }
    N[s] = (N[s] as number) + n;
    Q[s] = (Q[s] as number) + n * (n - 1);
    for (const i of firms) {
      let d = deg.get(s);
      if (!d) deg.set(s, (d = new Float64Array(F)));
      d[i] = (d[i] as number) + 1;
    }
  });
  const segs = [...deg.keys()];
  const P = g.w.length;
  const expected = new Float64Array(P);
  const p = new Float64Array(P).fill(1);
  const tested: number[] = [];
  for (let k = 0; k < P; k++) {
    const i = g.pairI[k] as number;
    const j = g.pairJ[k] as number;
    let e = 0;
    for (const s of segs) {
      const d = deg.get(s) as Float64Array;
      const di = d[i] as number;
      const dj = d[j] as number;
      if (di > 0 && dj > 0) e += (di * dj * (Q[s] as number)) / (N[s] as number) ** 2;
    }
    expected[k] = e;
    const w = g.w[k] as number;
    if (w >= o.minCoBids) {
      p[k] = poissonUpper(e, w);
      tested.push(k);
    }
  }
  // Benjamini–Hochberg step-up
  const order = tested.slice().sort((a, b) => (p[a] as number) - (p[b] as number));
  const m = order.length;
  let cut = -1;
  for (let r = 0; r < m; r++) if ((p[order[r] as number] as number) <= ((r + 1) / m) * o.fdr) cut = r;
  const validated = new Uint8Array(P);
  for (let r = 0; r <= cut; r++) validated[order[r] as number] = 1;
  return {
    expected,
    p,
    validated,
    tested: m,
    validatedCount: cut + 1,
    threshold: cut >= 0 ? (p[order[cut] as number] as number) : null,
  };
}
