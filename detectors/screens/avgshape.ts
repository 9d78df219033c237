/**
 * AVGSHAPE — average-rule shaping test for 合理低价法 / 平均值法 tenders (Conley & Decarolis 2016, 基准价操纵).
 *
 * Under an average benchmark the winner is the bid closest to B(bids) (benchmark.ts), so a group can win by
 * placing supporting bids that move B towards its partner's price. For each candidate group with ≥ 2 valid bids
 * in the tender — 第四十条-linked firms (A40 links, joined across tenders), COBID rings, and the Louvain communities
 * of the co-bidder graph — shaping-test.ts asks whether removing the group's bids moves B and flips the winner more
 * than removing random bids of the same number; flagged at p ≤ `alpha`. Methodology: avgshape.md.
 */
import { z } from 'zod';
import type { DatasetView } from '../dataset-view.js';
import { validBidsSorted } from '../dataset-view.js';
import type { Detector, DetectorContext, DetectorOutput } from '../detector.js';
import type { BidRow, Flag, TenderRow } from '../types.js';
import { statutoryLinks } from '../rings/statutory-links.js';
import { sortFlags } from '../rings/flag-order.js';
import { mulberry32, seedFrom } from '../rings/prng.js';
import { compareStrings, joinIntoRings } from '../rings/union-find.js';
import type { BenchmarkRule } from './benchmark.js';
import { isAverageBenchmark } from './methods.js';
import { shapingTest, type ShapingResult } from './shaping-test.js';

export const AVGSHAPE_VERSION = '1.0.0';

export const avgshapeSettingsSchema = z.strictObject({
  /** Benchmark factor K (B = base × K). */
  k: z.number().gt(0).max(2).default(0.97),
  /** Up to this many valid bids the base is the plain mean. */
  smallN: z.number().int().min(1).default(5),
  /** Bids dropped at each end before the trimmed mean (n > smallN). */
  dropEach: z.number().int().min(0).default(1),
  /** Bids deviating more than this from the trimmed mean leave the average. */
  maxDeviation: z.number().positive().default(0.2),
  /** Winner rule: weight of the relative distance above / below B. */
  aboveWeight: z.number().positive().default(1),
  belowWeight: z.number().positive().default(0.5),
  /** Valid bids needed. */
  minBids: z.number().int().min(4).default(4),
  /** A group may hold at most this share of the valid bids (random groups need room to be drawn). */
  maxGroupShare: z.number().gt(0).max(1).default(0.5),
  /** Random same-size removals per test (exact enumeration when there are fewer subsets). */
  draws: z.number().int().min(19).max(100000).default(999),
  seed: z.number().int().min(0).default(1),
  alpha: z.number().gt(0).lt(1).default(0.05),
});
export type AvgshapeSettings = z.infer<typeof avgshapeSettingsSchema>;

export const avgshapeDetector: Detector<AvgshapeSettings> = {
  code: 'AVGSHAPE',
  version: AVGSHAPE_VERSION,
  title: '平均值法基准价操纵检验 · average-rule shaping test (Conley–Decarolis)',
  family: 'collusion',
  settingsSchema: avgshapeSettingsSchema,
  // several groups are tested per tender at α = 0.05, so the null flag rate per tender is above 5 %
  maxFlagShare: 0.15,
  run(view, settings, ctx) {
    return runAvgshape(view, (t) => settings.for(t), ctx);
  },
};

interface Candidate {
  members: string[];
  sources: string[];
  ringKey: string | null;
}

function runAvgshape(view: DatasetView, forTender: (t: TenderRow) => AvgshapeSettings, ctx: DetectorContext): DetectorOutput {
  const groupsOf = candidateIndex(ctx);
  const flags: Flag[] = [];
  const tenderMetrics = new Map<string, Record<string, number | null>>();
  const coverage = { applied: 0, flagged: 0, notApplicable: 0, excluded: 0 };

  for (const t of view.tenders) {
    if (!isAverageBenchmark(t.evaluationMethod)) {
      coverage.notApplicable++;
      continue;
    }
    const s = forTender(t);
    const bids = validBidsSorted(view, t.code);
    if (bids.length < s.minBids) {
      coverage.excluded++;
      continue;
    }
    const candidates = groupsOf(bids).filter((c) => positionsOf(bids, c.members).length <= s.maxGroupShare * bids.length);
    const sorted = bids.map((b) => b.price);
    const rule: BenchmarkRule = s;
    let minP: number | null = null;
    let flagged = false;
    let tested = 0;
    for (const c of candidates) {
      const rng = mulberry32(seedFrom(s.seed, t.code, c.members.join(',')));
      const r = shapingTest(sorted, positionsOf(bids, c.members), rule, s.draws, rng);
      if (!r) continue;
      tested++;
      minP = minP === null ? r.p : Math.min(minP, r.p);
      if (r.p <= s.alpha) {
        flagged = true;
        flags.push(shapingFlag(t, bids, c, r, s));
      }
    }
    if (tested === 0) {
      coverage.notApplicable++; // no candidate group to test in this tender
      continue;
    }
    coverage.applied++;
    if (flagged) coverage.flagged++;
    tenderMetrics.set(t.code, { avgshape_p: minP });
  }
  return { flags: sortFlags(flags), coverage, tenderMetrics };
}

function positionsOf(bids: readonly BidRow[], members: readonly string[]): number[] {
  const set = new Set(members);
  const out: number[] = [];
  bids.forEach((b, i) => {
    if (set.has(b.bidderUscc)) out.push(i);
  });
  return out;
}

/**
 * Candidate groups: A40 components (links joined across all tenders), COBID rings and Louvain communities, each
 * cut down to the firms present in a tender; groups with < 2 firms present are dropped, equal groups merged.
 */
function candidateIndex(ctx: DetectorContext): (bids: readonly BidRow[]) => Candidate[] {
  const groupOf = new Map<string, Array<{ id: string; source: string; ringKey: string | null }>>();
  const add = (firm: string, id: string, source: string, ringKey: string | null) => {
    const list = groupOf.get(firm);
    const e = { id, source, ringKey };
    if (list) list.push(e);
    else groupOf.set(firm, [e]);
  };
  joinIntoRings(statutoryLinks(ctx.previous).map((l) => l.pair)).forEach((members, i) => {
    for (const m of members) add(m, `a40:${i}`, 'article40', null);
  });
  const cobid = ctx.previous.get('COBID');
  for (const r of cobid?.rings ?? []) for (const m of r.members) add(m, `ring:${r.key}`, 'ring', r.key);
  // Rotation and recurrent-winner pairs too, also those too weak to be rings on their own: shaping is what would
  // make them strong.
  for (const f of cobid?.flags ?? []) {
    const pair = f.evidence.pair;
    if ((f.evidence.rule === 'rotation' || f.evidence.rule === 'recurrent_winner') && Array.isArray(pair) && pair.length === 2) {
      const id = `pattern:${[...pair].sort(compareStrings).join(',')}`;
      for (const m of pair as string[]) add(m, id, 'pattern', f.subjectType === 'ring' ? f.subjectId : null);
    }
  }
  for (const [firm, m] of cobid?.firmMetrics ?? []) {
    const c = m.cobid_community;
    if (c !== null && c !== undefined) add(firm, `community:${c}`, 'community', null);
  }
  return (bids) => {
    const byGroup = new Map<string, { members: Set<string>; source: string; ringKey: string | null }>();
    for (const b of bids) {
      for (const e of groupOf.get(b.bidderUscc) ?? []) {
        let g = byGroup.get(e.id);
        if (!g) byGroup.set(e.id, (g = { members: new Set(), source: e.source, ringKey: e.ringKey }));
        g.members.add(b.bidderUscc);
      }
    }
    const merged = new Map<string, Candidate>();
    for (const g of byGroup.values()) {
      if (g.members.size < 2) continue;
      const members = [...g.members].sort(compareStrings);
      const key = members.join(',');
      const c = merged.get(key);
      if (c) {
        if (!c.sources.includes(g.source)) c.sources.push(g.source);
        c.ringKey ??= g.ringKey;
      } else merged.set(key, { members, sources: [g.source], ringKey: g.ringKey });
    }
    return [...merged.entries()].sort((a, b) => compareStrings(a[0], b[0])).map(([, c]) => ({ ...c, sources: c.sources.sort() }));
  };
}

const SOURCE_ZH: Record<string, string> = { article40: '第四十条特征码关联', ring: '疑似团伙', community: '共同投标网络社区', pattern: '轮流中标/固定陪标组合' };

function shapingFlag(t: TenderRow, bids: readonly BidRow[], c: Candidate, r: ShapingResult, s: AvgshapeSettings): Flag {
  const name = (i: number) => {
    const b = bids[i] as BidRow;
    return b.bidderName && b.bidderName !== b.bidderUscc ? `${b.bidderName}（${b.bidderUscc}）` : b.bidderUscc;
  };
  const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(2)}%`;
  const shown = c.members.slice(0, 6).join('、') + (c.members.length > 6 ? ` 等 ${c.members.length} 家` : '');
  const flipZh = r.flip ? `，中标人由 ${name(r.winner)} 变为 ${name(r.winnerWithout)}` : '，中标人不变';
  const method = r.exact ? `全部 ${r.draws} 种同数量报价组合` : `${r.draws} 次同数量随机报价组合（固定种子 ${s.seed}，可复现）`;
  return {
    detector: 'AVGSHAPE',
    version: AVGSHAPE_VERSION,
    subjectType: 'tender',
    subjectId: t.code,
    tenderCode: t.code,
    bidderUscc: c.members[0] as string,
    score: (r.flip ? 0.7 : 0.5) * (1 - r.p),
    severity: r.flip ? 'medium' : 'low',
    explanation:
      `标段 ${t.code}（合理低价法，${bids.length} 个有效报价）：去掉 ${shown}（${c.sources.map((x) => SOURCE_ZH[x] ?? x).join('、')}）` +
      `的 ${r.removed.length} 个报价后，评标基准价由 ${r.benchmark.toFixed(2)} 变为 ${r.benchmarkWithout.toFixed(2)}（${pct(r.shift)}）${flipZh}；` +
      `在${method}中，影响同等或更大的比例 p = ${r.p.toFixed(3)}（≤ ${s.alpha}）。依据 Conley–Decarolis 平均价法基准价操纵检验（K = ${s.k}）；` +
      `此为统计线索，不是定性结论 (removing the group's ${r.removed.length} bids moves the benchmark ${pct(r.shift)}` +
      `${r.flip ? ' and changes the winner' : ''}; permutation p = ${r.p.toFixed(3)}; a reason to review, not a finding)`,
    evidence: {
      rule: 'shaping',
      group: c.members,
      sources: c.sources,
      ringKey: c.ringKey,
      removedBids: r.removed.map((i) => (bids[i] as BidRow).bidderUscc),
      benchmark: r.benchmark,
      benchmarkWithout: r.benchmarkWithout,
      shift: r.shift,
      flip: r.flip,
      winner: (bids[r.winner] as BidRow).bidderUscc,
      winnerWithout: r.winnerWithout >= 0 ? (bids[r.winnerWithout] as BidRow).bidderUscc : null,
      recordedWinners: bids.filter((b) => b.isWinner).map((b) => b.bidderUscc),
      p: r.p,
      extreme: r.extreme,
      draws: r.draws,
      exact: r.exact,
      seed: s.seed,
      alpha: s.alpha,
      benchmarkRule: { k: s.k, smallN: s.smallN, dropEach: s.dropEach, maxDeviation: s.maxDeviation, aboveWeight: s.aboveWeight, belowWeight: s.belowWeight },
    },
  };
}
