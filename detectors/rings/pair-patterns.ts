/**
 * Pair and firm patterns on the co-bidder graph (domain-indicators (b) #8):
 *
 * - Rotation (R057): pairs whose wins against each other alternate — W_ij + W_ji ≥ `minEncounters` (5) and
 *   min(W_ij, W_ji) / max(W_ij, W_ji) ≥ `minRotation` (0.7). 轮流坐庄.
 * - Recurrent winner / never-winner (R053): pairs with w_ij ≥ `recurrentMinCoBids` (3) where i wins ≥
 *   `recurrentWinShare` (80 %) of their joint tenders and j has never won any tender at all (a pure 陪标 firm).
 *   "Never" is taken over all tenders, not only the joint ones: a strong firm beating a weak one three times is
 *   ordinary competition; a firm that only ever loses next to the same winner is the cover-bid pattern.
 * - Professional loser (cardinal R025 analogue): wins / valid bids ≤ Q1 − k·IQR over the firms with at least
 *   `minBids` valid bids, and valid bids ≥ P75 of those firms. Type-7 quartiles (lib/stats.ts). Skipped (no flags)
 *   with fewer than 30 such firms (domain-indicators (b): fences need |G| ≥ 30), when IQR = 0 (Q1 = Q3: the fence
 *   would flag every firm at the common value — cardinal's Q1 = Q3 = 0 guard), and naturally when Q1 − k·IQR < 0
 *   (the usual case where most firms never win). `minBids` (3) keeps one-off bidders out (cardinal issue #54).
 */
import { quantile, tukeyFences } from '../lib/stats.js';
import type { CoBidGraph } from './cobid-graph.js';
import { rotationRatio } from './group-measures.js';

export interface RotationPair {
  a: number;
  b: number;
  wab: number;
  wba: number;
  coBids: number;
  ratio: number;
}

export interface RecurrentPair {
  winner: number;
  loser: number;
  coBids: number;
  winnerWins: number;
  share: number;
}

export interface ProfessionalLoser {
  firm: number;
  wins: number;
  validBids: number;
  ratio: number;
}

export interface PairPatternSettings {
  minEncounters: number;
  minRotation: number;
  recurrentMinCoBids: number;
  recurrentWinShare: number;
}

export function rotationPairs(g: CoBidGraph, s: PairPatternSettings): RotationPair[] {
  const out: RotationPair[] = [];
  for (let k = 0; k < g.w.length; k++) {
    const wab = g.winsIJ[k] as number;
    const wba = g.winsJI[k] as number;
    if (wab + wba < s.minEncounters) continue;
    const ratio = rotationRatio(wab, wba);
    if (ratio !== null && ratio >= s.minRotation) {
      out.push({ a: g.pairI[k] as number, b: g.pairJ[k] as number, wab, wba, coBids: g.w[k] as number, ratio });
    }
  }
  return out.sort((x, y) => x.a - y.a || x.b - y.b);
}

export function recurrentWinnerPairs(g: CoBidGraph, s: PairPatternSettings): RecurrentPair[] {
  const out: RecurrentPair[] = [];
  for (let k = 0; k < g.w.length; k++) {
    const w = g.w[k] as number;
    if (w < s.recurrentMinCoBids) continue;
    const i = g.pairI[k] as number;
    const j = g.pairJ[k] as number;
    for (const [winner, loser, wins] of [
      [i, j, g.winsIJ[k] as number],
      [j, i, g.winsJI[k] as number],
    ] as const) {
      if (wins / w >= s.recurrentWinShare && g.wins[loser] === 0) {
        out.push({ winner, loser, coBids: w, winnerWins: wins, share: wins / w });
      }
    }
  }
  return out.sort((x, y) => x.winner - y.winner || x.loser - y.loser);
}

export const MIN_FENCE_GROUP = 30;

export function professionalLosers(
  g: CoBidGraph,
  k: number,
  minBids: number,
): { losers: ProfessionalLoser[]; fence: number | null; minBids: number | null } {
  const firms: number[] = [];
  for (let i = 0; i < g.firms.length; i++) if ((g.validBids[i] as number) >= Math.max(1, minBids)) firms.push(i);
  if (firms.length < MIN_FENCE_GROUP) return { losers: [], fence: null, minBids: null };
  const ratio = (i: number) => Math.min(1, (g.wins[i] as number) / (g.validBids[i] as number));
  const fences = tukeyFences(firms.map(ratio), k);
  const p75 = quantile(
    firms.map((i) => g.validBids[i] as number),
    0.75,
  );
  const losers: ProfessionalLoser[] = [];
  if (fences.iqr > 0 && fences.lower >= 0) {
    for (const i of firms) {
      const r = ratio(i);
      if (r <= fences.lower && (g.validBids[i] as number) >= p75) {
        losers.push({ firm: i, wins: g.wins[i] as number, validBids: g.validBids[i] as number, ratio: r });
      }
    }
  }
  return { losers, fence: fences.lower, minBids: p75 };
}
