/**
 * Turns the evidence of A40 and COBID into rings.
 *
 * Consolidated rings: every 第四十条 link and every flagged core joins its firms (union–find), so these rings are
 * disjoint. Rotation (R057) and recurrent-winner (R053) pairs are pair evidence: they count towards the ring that
 * holds both firms; a pattern pair outside any such ring becomes a two-firm ring of its own. Pairs are never
 * chained through union–find — in a market with a few strong firms, rotation-like pairs are common and would glue
 * half the market into one "ring". So a firm can sit in one consolidated ring and in pattern-pair rings;
 * `primaryRingOf` picks one per firm (highest score). Ring score: noisy-OR of the evidence (below).
 */
import type { DatasetView } from '../dataset-view.js';
import type { Ring } from '../detector.js';
import type { StatutoryLink } from './statutory-links.js';
import type { CoBidGraph } from './cobid-graph.js';
import { cohesion, encounters, exclusivity, groupRotation, type Encounters } from './group-measures.js';
import type { RecurrentPair, RotationPair } from './pair-patterns.js';
import { ringKey } from './ring-key.js';
import { compareStrings, joinIntoRings } from './union-find.js';

export interface FlaggedCommunity {
  id: number;
  members: string[];
  cohesion: number;
  exclusivity: number;
  tendersTogether: number;
}

export interface RingInputs {
  links: StatutoryLink[];
  communities: FlaggedCommunity[];
  rotations: RotationPair[];
  recurrents: RecurrentPair[];
}

export interface RingSettings {
  minEncounters: number;
  minRotation: number;
  /** T / (T + evidenceHalf): shrinks the graph evidence of groups that met only a few times. */
  evidenceHalf: number;
}

/**
 * Weights of the pair patterns in the ring score. Rotation and recurrent winners are weak alone — two equally strong
 * competitors alternate wins by themselves — so a pattern pair scores below a tight group (√(coh·exc) up to 1) or a
 * hard 第四十条 link (0.9). Chosen by that reasoning, not fitted to labels (cobid.md).
 */
export const RING_WEIGHTS = { rotation: 0.3, recurrent: 0.3 } as const;

export interface AssembledRing extends Ring {
  /** Graph indices of the members. */
  indices: number[];
  encounters: Encounters;
  parts: { article40: number; graph: number; rotation: number; recurrent: number };
  sources: string[];
  /** 'consolidated' (A40 links / cores) or 'pair' (a rotation or recurrent-winner pair on its own). */
  kind: 'consolidated' | 'pair';
  /** Distinct tenders the ring's 第四十条 links were found in. */
  linkTenders: number;
}

/** Graph evidence of a group: √(cohesion · exclusivity) shrunk by how often the group met. */
export function graphEvidence(coh: number | null, exc: number | null, tendersTogether: number, evidenceHalf: number): number {
  if (coh === null || exc === null) return 0;
  const shrink = tendersTogether + evidenceHalf === 0 ? 0 : tendersTogether / (tendersTogether + evidenceHalf);
  return Math.sqrt(Math.max(0, coh) * Math.max(0, exc)) * shrink;
}

/** Noisy-OR: 1 − Π(1 − pₖ), each pₖ clamped to [0, 1]. */
export function noisyOr(parts: readonly number[]): number {
  let q = 1;
  for (const p of parts) q *= 1 - Math.min(1, Math.max(0, p));
  return 1 - q;
}

export function assembleRings(view: DatasetView, g: CoBidGraph, input: RingInputs, s: RingSettings, names: ReadonlyMap<string, string>): AssembledRing[] {
  const name = (i: number) => g.firms[i] as string;
  const groups = joinIntoRings(
    input.links.map((l) => l.pair),
    input.communities.map((c) => c.members),
  );
  const ringOf = new Map<string, number>();
  groups.forEach((m, r) => m.forEach((u) => ringOf.set(u, r)));
  const own: RingInputs[] = groups.map(() => ({ links: [], communities: [], rotations: [], recurrents: [] }));
  for (const l of input.links) own[ringOf.get(l.pair[0]) as number]?.links.push(l);
  for (const c of input.communities) own[ringOf.get(c.members[0] as string) as number]?.communities.push(c);
  // pattern pairs: inside a consolidated ring when both firms are in it, else a ring of their own
  const pairRings = new Map<string, RingInputs & { members: string[] }>();
  const place = (a: string, b: string, put: (x: RingInputs) => void) => {
    const ra = ringOf.get(a);
    if (ra !== undefined && ra === ringOf.get(b)) return put(own[ra] as RingInputs);
    const members = [a, b].sort(compareStrings);
    const key = members.join(',');
    let pr = pairRings.get(key);
    if (!pr) pairRings.set(key, (pr = { members, links: [], communities: [], rotations: [], recurrents: [] }));
    put(pr);
  };
  for (const r of input.rotations) place(name(r.a), name(r.b), (x) => x.rotations.push(r));
  for (const r of input.recurrents) place(name(r.winner), name(r.loser), (x) => x.recurrents.push(r));

  const out = groups.map((members, r) => buildRing(view, g, members, own[r] as RingInputs, s, names, 'consolidated'));
  for (const pr of pairRings.values()) out.push(buildRing(view, g, pr.members, pr, s, names, 'pair'));
  return out.sort((a, b) => compareStrings(a.members.join(','), b.members.join(',')));
}

/** One ring per firm for exports: the highest score, then the larger ring, then the smaller key. */
export function primaryRingOf(rings: readonly Ring[]): Map<string, Ring> {
  const out = new Map<string, Ring>();
  for (const r of rings) {
    for (const m of r.members) {
      const cur = out.get(m);
      if (!cur || r.score > cur.score || (r.score === cur.score && (r.members.length > cur.members.length || (r.members.length === cur.members.length && r.key < cur.key)))) {
        out.set(m, r);
      }
    }
  }
  return out;
}

function buildRing(
  view: DatasetView,
  g: CoBidGraph,
  members: string[],
  own: RingInputs,
  s: RingSettings,
  names: ReadonlyMap<string, string>,
  kind: 'consolidated' | 'pair',
): AssembledRing {
  const indices = members.map((m) => g.index.get(m) as number);
  const enc = encounters(view, members, g);
  const coh = cohesion(g, indices);
  const exc = exclusivity(g, indices);
  const rotation = groupRotation(enc, s.minEncounters);
  const { links, communities, rotations, recurrents } = own;

  const parts = {
    article40: links.reduce((m, l) => Math.max(m, l.score), 0),
    graph: graphEvidence(coh, exc, enc.tenders.length, s.evidenceHalf),
    rotation: rotations.length > 0 || (rotation !== null && rotation >= s.minRotation) ? RING_WEIGHTS.rotation * Math.max(rotation ?? 0, ...rotations.map((r) => r.ratio)) : 0,
    recurrent: recurrents.length > 0 ? RING_WEIGHTS.recurrent : 0,
  };
  const score = noisyOr(Object.values(parts));
  const sources = [
    links.length ? 'article40' : null,
    communities.length ? 'community' : null,
    rotations.length ? 'rotation' : null,
    recurrents.length ? 'recurrent_winner' : null,
  ].filter((x): x is string => x !== null);
  const articleCounts = new Map<string, number>();
  for (const l of links) for (const a of new Set(l.matches.filter((m) => l.rule !== 'hard' || m.kind === 'hard').map((m) => m.article))) articleCounts.set(a, (articleCounts.get(a) ?? 0) + 1);
  const winsBy = Object.fromEntries(members.map((m, i) => [m, enc.winsBy[i] as number]));
  const key = ringKey(members);

  return {
    key,
    members,
    tenders: enc.tenders,
    rotation,
    cohesion: coh,
    exclusivity: exc,
    article40Links: links.length,
    score,
    explanation: explainRing(members, enc, coh, exc, rotation, links.length, articleCounts, communities, rotations, recurrents, score, names, g),
    evidence: {
      kind,
      sources,
      scoreParts: parts,
      tendersTogether: enc.tenders.length,
      winsInside: winsBy,
      links: links.slice(0, 200).map((l) => ({ pair: l.pair, tender: l.tender, rule: l.rule, matches: l.matches })),
      linksTotal: links.length,
      articles: Object.fromEntries([...articleCounts].sort()),
      communities: communities.map((c) => ({ members: c.members, cohesion: c.cohesion, exclusivity: c.exclusivity, tendersTogether: c.tendersTogether })),
      rotationPairs: rotations.map((r) => ({ pair: [g.firms[r.a], g.firms[r.b]], wins: [r.wab, r.wba], ratio: r.ratio, coBids: r.coBids })),
      recurrentPairs: recurrents.map((r) => ({ winner: g.firms[r.winner], loser: g.firms[r.loser], coBids: r.coBids, winnerWins: r.winnerWins, share: r.share })),
    },
    indices,
    encounters: enc,
    parts,
    sources,
    kind,
    linkTenders: new Set(links.map((l) => l.tender)).size,
  };
}

function f2(x: number | null): string {
  return x === null ? '—' : x.toFixed(2);
}

function explainRing(
  members: string[],
  enc: Encounters,
  coh: number | null,
  exc: number | null,
  rotation: number | null,
  nLinks: number,
  articles: Map<string, number>,
  communities: FlaggedCommunity[],
  rotations: RotationPair[],
  recurrents: RecurrentPair[],
  score: number,
  names: ReadonlyMap<string, string>,
  g: CoBidGraph,
): string {
  const label = (u: string) => {
    const n = names.get(u);
    return n && n !== u ? `${n}（${u}）` : u;
  };
  const shown = members.slice(0, 8).map(label).join('、') + (members.length > 8 ? ` 等 ${members.length} 家` : '');
  const zh: string[] = [`共同参与投标 ${enc.tenders.length} 次`, `内聚度 ${f2(coh)}、排他性 ${f2(exc)}`];
  if (nLinks) {
    const arts = [...articles].sort().map(([a, n]) => `${a} ${n} 条`).join('，');
    zh.push(`第四十条/第三十四条关联 ${nLinks} 条（按条款：${arts}）`);
  }
  if (communities.length) zh.push(`共同投标网络中形成紧密团体（内聚度 ≥ 阈值且一半以上共同投标发生在团体内部）`);
  if (rotations.length) {
    const r = rotations[0] as RotationPair;
    zh.push(`轮流中标：${label(g.firms[r.a] as string)} 与 ${label(g.firms[r.b] as string)} 相互胜出 ${r.wab}:${r.wba}（比值 ${f2(r.ratio)}）${rotations.length > 1 ? ` 等 ${rotations.length} 对` : ''}`);
  } else if (rotation !== null) {
    zh.push(`成员间中标轮换比 ${f2(rotation)}`);
  }
  if (recurrents.length) {
    const r = recurrents[0] as RecurrentPair;
    zh.push(`固定陪标：${label(g.firms[r.loser] as string)} 从未中标，与 ${label(g.firms[r.winner] as string)} 同场 ${r.coBids} 次、后者胜 ${r.winnerWins} 次${recurrents.length > 1 ? ` 等 ${recurrents.length} 对` : ''}`);
  }
  const en = `ring of ${members.length} firms: met in ${enc.tenders.length} tenders, cohesion ${f2(coh)}, exclusivity ${f2(exc)}, ${nLinks} Art. 40/34 links, rotation ${f2(rotation)}; score ${score.toFixed(2)}`;
  return `疑似围标串标团伙（${members.length} 家）：${shown}。${zh.join('；')}。综合评分 ${score.toFixed(2)}；此为核查线索，不是定性结论 (${en}; a reason to review, not a finding)`;
}
