/**
 * Evidence that flows between tenders and the firms that bid in them (投标人—标段 证据传递). Pure.
 *
 * A cartel is seen in two places at once: its tenders look wrong (tight bids, a patterned spread) and the same
 * firms turn up in such tenders again and again. Neither view alone is enough on real markets — the screens of one
 * tender are noisy, and a firm's bid count alone says only that it is active — so each is read through the other,
 * in the manner of HITS (Kleinberg 1999) / BiRank (He et al. 2017) on the firm × tender graph:
 *
 *   s⁰ₜ        a tender's own evidence in [0, 1] (the screens percentile; 0 where it has none)
 *   xᵢ         = Σ_{t ∋ i} sₜ                 exposure: the evidence of every tender firm i entered
 *   fᵢ         = mid-rank percentile of xᵢ among all firms (0 where xᵢ = 0)   (exposure)
 *   cₜ         = mean_{i ∈ t} fᵢ, and pct(cₜ) its percentile among tenders (0 where cₜ = 0)
 *   sₜ ← α·s⁰ₜ + (1 − α)·pct(cₜ)                                          (repeated `rounds` times)
 *
 * The exposure sum rewards both how often a firm bids and how suspicious its tenders are; a frequent bidder in clean
 * tenders ends below a less active firm that keeps meeting in tight ones. With one bid per firm (data without firm
 * ids) cₜ is a monotone function of s⁰ₜ, so the tender order is the screens' order. α and the number of rounds are
 * fixed in advance and checked leave-one-dataset-out (rings/scores.md).
 */
import type { DatasetView } from '../dataset-view.js';

export interface PropagationSettings {
  /** Weight of a tender's own evidence against who bid in it. */
  alpha: number;
  rounds: number;
}

export const PROPAGATION: PropagationSettings = { alpha: 0.3, rounds: 2 };

export interface Propagated {
  /** Blended tender evidence sₜ, in [0, 1]. */
  tender: Map<string, number>;
  /** pct(cₜ): the tender's bidders' exposure, as a percentile among tenders. */
  composition: Map<string, number>;
  /** fᵢ: firm exposure percentile, in [0, 1]. */
  firm: Map<string, number>;
  /** xᵢ: the raw exposure sum. */
  exposure: Map<string, number>;
}

/** Mid-rank percentiles of values (ties share their mean rank), in (0, 1]. */
export function midRankPercentiles(values: Float64Array): Float64Array<ArrayBuffer> {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (values[a] as number) - (values[b] as number));
  const out = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && values[order[j + 1] as number] === values[order[i] as number]) j++;
    const mid = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) out[order[k] as number] = mid / n;
    i = j + 1;
  }
  return out;
}

export function propagate(view: DatasetView, own: ReadonlyMap<string, number>, s: PropagationSettings = PROPAGATION): Propagated {
  const firms = [...view.tendersOfFirm.keys()];
  const firmIndex = new Map(firms.map((f, i) => [f, i]));
  const tenders = view.tenders.map((t) => t.code);
  // distinct bidders per tender, as firm indices
  const members: Int32Array[] = tenders.map((code) => {
    const seen = new Set<number>();
    for (const b of view.bidsOf.get(code) ?? []) seen.add(firmIndex.get(b.bidderUscc) as number);
    return Int32Array.from(seen);
  });
  const s0 = Float64Array.from(tenders, (c) => own.get(c) ?? 0);
  let st = s0.slice();
  let f: Float64Array<ArrayBuffer> = new Float64Array(firms.length);
  let x = new Float64Array(firms.length);
  let comp: Float64Array<ArrayBuffer> = new Float64Array(tenders.length);
  for (let r = 0; r < Math.max(1, s.rounds); r++) {
    x = new Float64Array(firms.length);
    members.forEach((m, t) => {
      for (const i of m) x[i] = (x[i] as number) + (st[t] as number);
    });
    f = midRankPercentiles(x);
    // no evidence is no exposure: a firm whose tenders all scored 0 gets 0, not the rank of a tie
    for (let i = 0; i < f.length; i++) if (x[i] === 0) f[i] = 0;
    const c = new Float64Array(tenders.length);
    members.forEach((m, t) => {
      let sum = 0;
      for (const i of m) sum += f[i] as number;
      c[t] = m.length ? sum / m.length : 0;
    });
    comp = midRankPercentiles(c);
    for (let t = 0; t < comp.length; t++) if (c[t] === 0) comp[t] = 0;
    st = Float64Array.from(s0, (v, t) => s.alpha * v + (1 - s.alpha) * (comp[t] as number));
  }
  return {
    tender: new Map(tenders.map((c, t) => [c, st[t] as number])),
    composition: new Map(tenders.map((c, t) => [c, comp[t] as number])),
    firm: new Map(firms.map((u, i) => [u, f[i] as number])),
    exposure: new Map(firms.map((u, i) => [u, x[i] as number])),
  };
}
