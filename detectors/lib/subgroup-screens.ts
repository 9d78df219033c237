/**
 * Subgroup screens — the tightest cluster of 3 or 4 bids in a tender (子集报价分布筛查, for incomplete rings).
 *
 * A ring that does not hold every bidder leaves its signature in part of the tender only: the members' bids sit in
 * a tight band while outsiders bid freely around them, so the whole tender's CV and spread look ordinary.
 * Wallimann, Imhof & Huber, "A machine learning approach for flagging incomplete bid-rigging cartels",
 * Computational Economics (2023), compute the screens on every 3- and 4-bid subgroup of a tender and summarise them
 * (reference domain-indicators.md §2.6 and item 6: "subgroup versions, all 3–4-bid subsets; mean/median/min/max").
 * They use the summaries as learning features; a rule without training needs the collusive-direction one, the
 * minimum, which is the tightest subgroup.
 *
 *   SUBCV  = min over subgroups G of 3 or 4 bids of CV(G) = s(G) / x̄(G)           (sample s.d., n − 1)
 *   SUBSPD = min over the same subgroups of (max(G) − min(G)) / min(G)
 *
 * Only proper subgroups count (k < n), so a tender needs n ≥ 4 (n = 4: its four 3-bid subgroups).
 * Why windows suffice: among the k-subsets of a set of numbers, the one with the least variance and the one with the
 * least range are both k consecutive values in sorted order (any other subset can swap its outermost value for an
 * inner one it skipped without widening). So the minima are taken over the n − k + 1 sorted windows — exact for the
 * spread, and for CV up to the window's mean, which varies by a few per cent inside one tender. O(n) per tender
 * instead of C(n, 3) + C(n, 4).
 */
import { mean, sampleSd } from './stats.js';

export interface SubgroupScreens {
  /** Tightest 3–4-bid subgroup's CV; null for n < 4. Collusion ↓. */
  subcv: number | null;
  /** Tightest 3–4-bid subgroup's spread; null for n < 4. Collusion ↓. */
  subspd: number | null;
  /** Positions (in ascending price order) of the subgroup that gave SUBCV, for the explanation. */
  cluster: { start: number; size: number } | null;
}

export const SUBGROUP_SIZES = [3, 4] as const;

/** `sorted`: the tender's valid bid prices, ascending, finite and > 0 (as computeScreens takes them). */
export function computeSubgroupScreens(sorted: readonly number[]): SubgroupScreens {
  const n = sorted.length;
  if (n < 4) return { subcv: null, subspd: null, cluster: null };
  let subcv = Infinity;
  let subspd = Infinity;
  let cluster: SubgroupScreens['cluster'] = null;
  for (const k of SUBGROUP_SIZES) {
    if (k >= n) continue;
    for (let i = 0; i + k <= n; i++) {
      const w = sorted.slice(i, i + k);
      const lo = w[0] as number;
      const hi = w[k - 1] as number;
      const cv = lo === hi ? 0 : (sampleSd(w) as number) / mean(w);
      // Ties go to the larger subgroup: four bids in a band say more than three.
      if (cv < subcv || (cv === subcv && k > (cluster?.size ?? 0))) {
        subcv = cv;
        cluster = { start: i, size: k };
      }
      subspd = Math.min(subspd, (hi - lo) / lo);
    }
  }
  return { subcv, subspd, cluster };
}
