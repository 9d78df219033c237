/**
 * COBID — co-bidder graph, communities, rotation and rings (共同投标网络：团伙、轮流中标、固定陪标).
 *
 * Firms are nodes, co-bid counts the edge weights, A40 links a second layer; Louvain finds the communities
 * (communities.ts) and, inside each, the dense core around every firm (cores.ts), scored by cohesion and
 * exclusivity (group-measures.ts); pairs by rotation (R057) and recurrent winner / never-winner (R053); firms by the
 * professional-loser fence (R025) (pair-patterns.ts). Flagged cores and A40's links are joined into disjoint rings,
 * pattern pairs attach to them or stand alone (ring-assembly.ts). Graph-wide settings are read from `settings.base`
 * (a graph spans every category); `maxBiddersForEdges` is read per tender. Methodology: cobid.md.
 */
import { z } from 'zod';
import type { DatasetView } from '../dataset-view.js';
import type { Detector, DetectorContext, DetectorOutput } from '../detector.js';
import type { Flag, TenderRow } from '../types.js';
import { statutoryLinks } from './statutory-links.js';
import { buildCoBidGraph, pairKey, type CoBidGraph } from './cobid-graph.js';
import { detectCommunities, type Communities } from './communities.js';
import { adjacency, allCores, type Core } from './cores.js';
import { tendersTogetherFast } from './group-measures.js';
import { professionalLosers, recurrentWinnerPairs, rotationPairs } from './pair-patterns.js';
import { compareStrings } from './union-find.js';
import { coBidNull } from './cobid-null.js';
import { assembleRings, graphEvidence, type AssembledRing, type FlaggedCommunity } from './ring-assembly.js';

export const COBID_VERSION = '2.0.0';

export const cobidSettingsSchema = z.strictObject({
  /** Co-bids needed for an edge (w_ij ≥ 3). */
  minCoBids: z.number().int().min(1).default(3),
  /**
   * Keep only edges whose co-bid count a random-co-bidding null of the same market does not explain (cobid-null.ts):
   * rings are groups that meet more often than chance, not local markets.
   */
  nullModel: z.boolean().default(true),
  /** False-discovery rate of the Benjamini–Hochberg step over the tested pairs. */
  fdr: z.number().gt(0).lt(1).default(0.05),
  /** Tenders with more distinct bidders add no edges (per tender). */
  maxBiddersForEdges: z.number().int().min(2).default(50),
  /** Extra edge weight per tender in which a pair is linked under Art. 40. */
  article40Weight: z.number().min(0).default(3),
  /** Louvain resolution (1 = classic modularity). */
  resolution: z.number().positive().default(1),
  /** Seed of Louvain's random node order. */
  seed: z.number().int().min(0).default(1),
  /** Community flag: cohesion ≥ minCohesion and exclusivity ≥ minExclusivity, met ≥ minTendersTogether times. */
  minCohesion: z.number().min(0).max(1).default(0.3),
  minExclusivity: z.number().min(0).max(1).default(0.5),
  minTendersTogether: z.number().int().min(1).default(5),
  /** Communities larger than this are markets, not rings: measured, never flagged. */
  maxRingSize: z.number().int().min(2).default(12),
  /** Rotation (R057): W_ij + W_ji ≥ minEncounters and min/max ≥ minRotation. */
  minEncounters: z.number().int().min(2).default(5),
  minRotation: z.number().min(0).max(1).default(0.7),
  /** Recurrent winner (R053): w_ij ≥ recurrentMinCoBids, winner's share ≥ recurrentWinShare, loser never won. */
  recurrentMinCoBids: z.number().int().min(2).default(3),
  recurrentWinShare: z.number().gt(0).max(1).default(0.8),
  /** Professional loser (R025): wins/valid bids ≤ Q1 − k·IQR and valid bids ≥ P75. */
  loserFenceK: z.number().min(0).default(1.5),
  /** Valid bids a firm needs to enter the professional-loser fences at all. */
  loserMinBids: z.number().int().min(1).default(3),
  /** Graph evidence shrinkage T/(T + evidenceHalf), T = tenders where ≥ 2 members met. */
  evidenceHalf: z.number().min(0).default(5),
  /**
   * A pair held together only by a rotation or recurrent-winner pattern becomes a ring (and a ring investigation)
   * only at this score; below it the pattern stays a firm-level flag. In a market of a few specialised firms (勘察,
   * 设计, 监理) pairs meet often and alternate wins honestly; on the seed city the pattern-only pairs scored
   * 0.33–0.37 and were none of them planted, while every planted ring scored ≥ 0.77.
   */
  minPairRingScore: z.number().min(0).max(1).default(0.5),
});
export type CobidSettings = z.infer<typeof cobidSettingsSchema>;

export const cobidDetector: Detector<CobidSettings> = {
  code: 'COBID',
  version: COBID_VERSION,
  title: '共同投标网络（团伙、轮流中标、固定陪标） · co-bidder graph, rings and rotation',
  family: 'collusion',
  settingsSchema: cobidSettingsSchema,
  maxFlagShare: 0.2,
  run(view, settings, ctx) {
    return runCobid(view, settings.base, (t) => settings.for(t).maxBiddersForEdges, ctx);
  },
};

function runCobid(view: DatasetView, s: CobidSettings, maxBidders: (t: TenderRow) => number, ctx: DetectorContext): DetectorOutput {
  const g = buildCoBidGraph(view, maxBidders);
  const links = statutoryLinks(ctx.previous);
  const a40 = new Map<number, number>();
  for (const l of links) {
    const i = g.index.get(l.pair[0]);
    const j = g.index.get(l.pair[1]);
    if (i === undefined || j === undefined) continue;
    const k = pairKey(g, i, j);
    a40.set(k, (a40.get(k) ?? 0) + 1);
  }
  const nul = s.nullModel ? coBidNull(view, g, { minCoBids: s.minCoBids, fdr: s.fdr, maxBiddersFor: maxBidders }) : null;
  const keepEdge = (k: number) => (g.w[k] as number) >= s.minCoBids && (!nul || nul.validated[k] === 1);
  const comms = detectCommunities(g, a40, s, keepEdge);
  const names = firmNames(view);

  const adj = adjacency(g, (k) => keepEdge(k) || a40.has(pairKey(g, g.pairI[k] as number, g.pairJ[k] as number)));
  const counter = new Int32Array(g.tenderCount);
  const cores = allCores(g, adj, comms.of, s.maxRingSize).map((c) => measureCore(g, comms, c, s, counter));
  const flaggedCores = cores.filter((c) => c.flagged);
  const bestCore = new Map<number, MeasuredCore>();
  for (const c of cores) {
    for (const i of c.indices) {
      const cur = bestCore.get(i);
      if (!cur || c.evidence > cur.evidence) bestCore.set(i, c);
    }
  }
  const rotations = rotationPairs(g, s);
  const recurrents = recurrentWinnerPairs(g, s);
  const losers = professionalLosers(g, s.loserFenceK, s.loserMinBids);

  const assembled = assembleRings(view, g, { links, communities: flaggedCores, rotations, recurrents }, s, names).filter(
    (r) => r.kind === 'consolidated' || r.score >= s.minPairRingScore,
  );
  const consolidatedOf = new Map<string, AssembledRing>();
  const pairRingOf = new Map<string, AssembledRing>();
  for (const r of assembled) {
    if (r.kind === 'consolidated') for (const m of r.members) consolidatedOf.set(m, r);
    else pairRingOf.set(r.members.join(','), r);
  }
  // a pattern pair's flag points at the ring holding both firms, else at its own pair ring, else (a pair below
  // minPairRingScore) at the firm
  const pairKeyOf = (a: string, b: string): string | null => {
    const ra = consolidatedOf.get(a);
    if (ra && ra === consolidatedOf.get(b)) return ra.key;
    return pairRingOf.get([a, b].sort(compareStrings).join(','))?.key ?? null;
  };

  const flags: Flag[] = [];
  for (const c of flaggedCores) flags.push(communityFlag(c, (consolidatedOf.get(c.members[0] as string) as AssembledRing).key, s, names));
  for (const r of rotations) flags.push(rotationFlag(g, r, pairKeyOf(g.firms[r.a] as string, g.firms[r.b] as string), s, names));
  for (const r of recurrents) flags.push(recurrentFlag(g, r, pairKeyOf(g.firms[r.winner] as string, g.firms[r.loser] as string), s, names));
  // a 第四十条 ring worth its own flag: links that reach beyond one pair in one tender (single links are A40's flags)
  for (const r of assembled) if (r.article40Links > 0 && (r.members.length >= 3 || r.linkTenders >= 2)) flags.push(article40RingFlag(r));
  for (const l of losers.losers) flags.push(loserFlag(g, l, losers.fence as number, losers.minBids as number, names));

  // validated partners and the co-bids beyond the null with them, per firm
  const partners = new Int32Array(g.firms.length);
  const excess = new Float64Array(g.firms.length);
  if (nul) {
    for (let k = 0; k < g.w.length; k++) {
      if (!nul.validated[k]) continue;
      const i = g.pairI[k] as number;
      const j = g.pairJ[k] as number;
      const x = (g.w[k] as number) - (nul.expected[k] as number);
      partners[i]++;
      partners[j]++;
      excess[i] += x;
      excess[j] += x;
    }
  }
  const firmMetrics = new Map<string, Record<string, number | null>>();
  for (let i = 0; i < g.firms.length; i++) {
    const c = comms.of[i] as number;
    const core = bestCore.get(i);
    firmMetrics.set(g.firms[i] as string, {
      cobid_community: c >= 0 ? c : null,
      cobid_core_size: core ? core.members.length : null,
      cobid_cohesion: core?.cohesion ?? null,
      cobid_exclusivity: core?.exclusivity ?? null,
      cobid_score: core?.evidence ?? 0,
      cobid_partners: nul ? (partners[i] as number) : null,
      cobid_excess: nul ? (excess[i] as number) : null,
    });
  }

  // pair-pattern rings are about a pair's history, not about tenders: only consolidated rings mark tenders
  const ringTenders = new Set<string>();
  for (const r of assembled) if (r.kind === 'consolidated') for (const t of r.tenders) ringTenders.add(t);
  const notApplicable = view.tenders.filter((t) => new Set((view.bidsOf.get(t.code) ?? []).map((b) => b.bidderUscc)).size < 2).length;
  const rings = assembled.map(({ indices: _i, encounters: _e, parts: _p, sources: _s, kind: _k, linkTenders: _t, ...ring }) => ring);
  return {
    flags: sortCobidFlags(flags),
    coverage: { applied: g.edgeTenders, flagged: ringTenders.size, notApplicable, excluded: g.skippedLarge },
    firmMetrics,
    rings,
  };
}

interface MeasuredCore extends FlaggedCommunity {
  indices: number[];
  flagged: boolean;
  evidence: number;
}

function measureCore(g: CoBidGraph, comms: Communities, c: Core, s: CobidSettings, counter: Int32Array): MeasuredCore {
  const members = c.members.map((i) => g.firms[i] as string);
  const together = tendersTogetherFast(g, c.members, counter);
  const flagged = c.cohesion >= s.minCohesion && c.exclusivity >= s.minExclusivity && together >= s.minTendersTogether;
  return {
    id: comms.of[c.members[0] as number] as number,
    indices: c.members,
    members,
    cohesion: c.cohesion,
    exclusivity: c.exclusivity,
    tendersTogether: together,
    flagged,
    evidence: graphEvidence(c.cohesion, c.exclusivity, together, s.evidenceHalf),
  };
}

function firmNames(view: DatasetView): Map<string, string> {
  const names = new Map<string, string>();
  for (const b of view.dataset.bids) if (!names.has(b.bidderUscc) && b.bidderName) names.set(b.bidderUscc, b.bidderName);
  return names;
}

function label(u: string, names: ReadonlyMap<string, string>): string {
  const n = names.get(u);
  return n && n !== u ? `${n}（${u}）` : u;
}

const f2 = (x: number) => x.toFixed(2);

function communityFlag(c: FlaggedCommunity, key: string, s: CobidSettings, names: ReadonlyMap<string, string>): Flag {
  const shown = c.members.slice(0, 8).map((u) => label(u, names)).join('、') + (c.members.length > 8 ? ` 等 ${c.members.length} 家` : '');
  const score = graphEvidence(c.cohesion, c.exclusivity, c.tendersTogether, s.evidenceHalf);
  return {
    detector: 'COBID',
    version: COBID_VERSION,
    subjectType: 'ring',
    subjectId: key,
    tenderCode: null,
    bidderUscc: c.members[0] as string,
    score,
    severity: score >= 0.5 ? 'medium' : 'low',
    explanation:
      `共同投标网络中的紧密团体（${c.members.length} 家）：${shown}。共同参与投标 ${c.tendersTogether} 次；内聚度 ${f2(c.cohesion)}` +
      `（≥ ${s.minCohesion}：成员两两平均在各自 ${Math.round(c.cohesion * 100)}% 的投标中相遇）、排他性 ${f2(c.exclusivity)}（≥ ${s.minExclusivity}：` +
      `${Math.round(c.exclusivity * 100)}% 的共同投标发生在团体内部）。依据 Wachs–Kertész 共同投标网络方法；此为核查线索，不是定性结论 ` +
      `(tight co-bidding group: cohesion ${f2(c.cohesion)}, exclusivity ${f2(c.exclusivity)}, met ${c.tendersTogether} times; a reason to review, not a finding)`,
    evidence: {
      rule: 'community',
      community: c.id,
      members: c.members,
      cohesion: c.cohesion,
      exclusivity: c.exclusivity,
      tendersTogether: c.tendersTogether,
      thresholds: { minCohesion: s.minCohesion, minExclusivity: s.minExclusivity, minTendersTogether: s.minTendersTogether, maxRingSize: s.maxRingSize },
    },
  };
}

function rotationFlag(g: CoBidGraph, r: ReturnType<typeof rotationPairs>[number], key: string | null, s: CobidSettings, names: ReadonlyMap<string, string>): Flag {
  const a = g.firms[r.a] as string;
  const b = g.firms[r.b] as string;
  return {
    detector: 'COBID',
    version: COBID_VERSION,
    subjectType: key ? 'ring' : 'firm',
    subjectId: key ?? a,
    tenderCode: null,
    bidderUscc: a,
    score: 0.5 * r.ratio,
    severity: 'low',
    explanation:
      `轮流中标：${label(a, names)} 与 ${label(b, names)} 同场投标 ${r.coBids} 次，其中前者胜 ${r.wab} 次、后者胜 ${r.wba} 次，` +
      `轮换比 min/max = ${f2(r.ratio)}（≥ ${s.minRotation}，且互胜合计 ${r.wab + r.wba} ≥ ${s.minEncounters} 次）。` +
      `可能是轮流坐庄，也可能是两家实力相近的正常竞争；此为核查线索，不是定性结论 ` +
      `(bid rotation R057: wins ${r.wab}:${r.wba}, ratio ${f2(r.ratio)}; a reason to review, not a finding)`,
    evidence: { rule: 'rotation', pair: [a, b], wins: [r.wab, r.wba], coBids: r.coBids, ratio: r.ratio, minRotation: s.minRotation, minEncounters: s.minEncounters },
  };
}

function recurrentFlag(g: CoBidGraph, r: ReturnType<typeof recurrentWinnerPairs>[number], key: string | null, s: CobidSettings, names: ReadonlyMap<string, string>): Flag {
  const w = g.firms[r.winner] as string;
  const l = g.firms[r.loser] as string;
  return {
    detector: 'COBID',
    version: COBID_VERSION,
    subjectType: key ? 'ring' : 'firm',
    subjectId: key ?? l,
    tenderCode: null,
    bidderUscc: l,
    score: 0.4,
    severity: 'low',
    explanation:
      `固定陪标：${label(l, names)} 共投标 ${g.validBids[r.loser]} 次从未中标，其中与 ${label(w, names)} 同场 ${r.coBids} 次，` +
      `后者胜 ${r.winnerWins} 次（${Math.round(r.share * 100)}% ≥ ${Math.round(s.recurrentWinShare * 100)}%）。此为核查线索，不是定性结论 ` +
      `(recurrent winner / never-winner R053: ${r.winnerWins} of ${r.coBids} joint tenders won by the same firm; the other never won; a reason to review)`,
    evidence: { rule: 'recurrent_winner', pair: [w, l], winner: w, loser: l, coBids: r.coBids, winnerWins: r.winnerWins, share: r.share, loserValidBids: g.validBids[r.loser] },
  };
}

function article40RingFlag(r: AssembledRing): Flag {
  return {
    detector: 'COBID',
    version: COBID_VERSION,
    subjectType: 'ring',
    subjectId: r.key,
    tenderCode: null,
    bidderUscc: r.members[0] as string,
    score: r.score,
    severity: r.parts.article40 >= 0.9 ? 'high' : 'medium',
    explanation: r.explanation,
    evidence: { rule: 'article40_ring', members: r.members, article40Links: r.article40Links, sources: r.sources, ...r.evidence },
  };
}

function loserFlag(g: CoBidGraph, l: ReturnType<typeof professionalLosers>['losers'][number], fence: number, minBids: number, names: ReadonlyMap<string, string>): Flag {
  const u = g.firms[l.firm] as string;
  return {
    detector: 'COBID',
    version: COBID_VERSION,
    subjectType: 'firm',
    subjectId: u,
    tenderCode: null,
    bidderUscc: u,
    score: 0.3,
    severity: 'low',
    explanation:
      `职业陪标嫌疑：${label(u, names)} 有效投标 ${l.validBids} 次（≥ 全体 P75 ${minBids.toFixed(1)}）、中标 ${l.wins} 次，` +
      `中标率 ${(l.ratio * 100).toFixed(1)}% ≤ 下限 Q1 − 1.5·IQR = ${(fence * 100).toFixed(1)}%。此为核查线索，不是定性结论 ` +
      `(professional loser R025: ${l.wins} wins in ${l.validBids} valid bids; a reason to review, not a finding)`,
    evidence: { rule: 'professional_loser', wins: l.wins, validBids: l.validBids, ratio: l.ratio, lowerFence: fence, minBids },
  };
}

function sortCobidFlags(flags: Flag[]): Flag[] {
  const rank: Record<string, number> = { community: 0, article40_ring: 1, rotation: 2, recurrent_winner: 3, professional_loser: 4 };
  return flags.sort(
    (a, b) =>
      (rank[String(a.evidence.rule)] ?? 9) - (rank[String(b.evidence.rule)] ?? 9) ||
      (a.subjectId < b.subjectId ? -1 : a.subjectId > b.subjectId ? 1 : 0) ||
      ((a.bidderUscc ?? '') < (b.bidderUscc ?? '') ? -1 : (a.bidderUscc ?? '') > (b.bidderUscc ?? '') ? 1 : 0),
  );
}

