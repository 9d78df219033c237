/**
 * 围标串标 rings (rotation + cover bids + shared 第四十条 fingerprints), a negative control that shares
 * only a public IP, and an 合理低价法 benchmark-shaping group (Conley–Decarolis).
 */
import type { Answers, LinkEvidence } from '../answers.js';
import { type BidDraft, drawDiscounts, drawFirms, makeBid, modelFor, normalBids, priceForDiscount, type SeedContext } from '../bids.js';
import { K_VALUES, reasonableBenchmark } from '../evaluation.js';
import type { Registries } from '../firms.js';
import { makeIp } from '../ids.js';
import type { Tender } from '../market.js';
import { ALB_GUARD, REGULAR_GUARD, tenderSignals } from '../signals.js';
import type { Built } from './built.js';
import type { Planner } from './planner.js';
import type { AvgPlan, Link, NegativePlan, RingPlan, RingStyle } from './types.js';

const STYLE_LINKS: Record<RingStyle, Link[]> = {
  machine: ['machine_code', 'mac'],
  bond_agent: ['bond_account', 'agent_id'],
  pm_agent: ['project_manager_id', 'agent_id'],
  soft: ['upload_ip', 'file_creator'],
};

const RINGS: readonly { id: string; size: number; style: RingStyle; category: 'building' | 'municipal'; startOffset: number }[] = [
  { id: 'R1', size: 4, style: 'machine', category: 'municipal', startOffset: 0 },
  { id: 'R2', size: 5, style: 'bond_agent', category: 'building', startOffset: 1 },
  { id: 'R3', size: 3, style: 'pm_agent', category: 'municipal', startOffset: 2 },
  { id: 'R4', size: 6, style: 'soft', category: 'building', startOffset: 3 },
];

export function planRings(p: Planner, answers: Answers): RingPlan[] {
  const plans: RingPlan[] = [];
  for (const cfg of RINGS) {
    const members = p.takeFirms(`construction:${cfg.category}`, cfg.size);
    // each member wins in turn, at least three rounds of rotation
    const count = Math.max(10, 3 * cfg.size);
    const start = p.fromYear + cfg.startOffset;
    const [from, to] = p.years(start, start + 2);
    const tenders = p.pickMany(count, from, to);
    const ring: RingPlan = { id: cfg.id, category: cfg.category, style: cfg.style, links: STYLE_LINKS[cfg.style], members, tenders };
    tenders.forEach((i, turn) => {
      const invited = turn % 3 === 2 && cfg.size <= 7;
      p.set(i, {
        bid: { kind: 'ring', ring, turn },
        override: {
          workType: 'construction',
          category: cfg.category,
          evaluationMethod: turn % 2 === 0 ? 'lowest_evaluated_price' : 'comprehensive',
          tenderMethod: invited ? 'invited' : 'open',
          funding: invited ? 'private' : 'state',
          bidders: cfg.size + (invited ? 0 : p.rng.int(1, 4)),
        },
        noSite: true,
      });
    });
    answers.rings.push({
      id: cfg.id,
      category: cfg.category,
      members: members.map((f) => f.uscc),
      tenders: [],
      winners: [],
      links: ring.links,
      evidence: [],
    });
    plans.push(ring);
  }
  return plans;
}

/** Fingerprint fields two bids share. */
export function sharedLinks(a: BidDraft, b: BidDraft): Link[] {
  const out: Link[] = [];
  if (a.station.machineCode === b.station.machineCode) out.push('machine_code');
  if (a.station.mac === b.station.mac) out.push('mac');
  if (a.bond === b.bond) out.push('bond_account');
  if (a.pmId === b.pmId) out.push('project_manager_id');
  if (a.agentId === b.agentId) out.push('agent_id');
  if (a.ip === b.ip) out.push('upload_ip');
  if (a.creator === b.creator) out.push('file_creator');
  return out;
}

function pairEvidence(tenderCode: string, bids: readonly BidDraft[]): LinkEvidence[] {
  const out: LinkEvidence[] = [];
  for (let i = 0; i < bids.length; i++)
    for (let j = i + 1; j < bids.length; j++) {
      const links = sharedLinks(bids[i]!, bids[j]!);
      if (links.length > 0) out.push({ tenderCode, bidderUsccs: [bids[i]!.firm.uscc, bids[j]!.firm.uscc], links });
    }
  return out;
}

/** Outsiders priced above the designated winner (they lose on price, as a ring needs). */
function outsiderBids(ctx: SeedContext, t: Tender, n: number, winnerDiscount: number): BidDraft[] {
  const m = modelFor(t);
  const firms = drawFirms(ctx, t, n, ctx.roleFirms);
  return firms.map((f) => {
    let d = drawDiscounts(ctx.rng, m, 1)[0]!;
    for (let k = 0; k < 30 && d > winnerDiscount - 0.004; k++) d = drawDiscounts(ctx.rng, m, 1)[0]!;
    if (d > winnerDiscount - 0.004) d = winnerDiscount - ctx.rng.float(0.005, 0.03);
    return makeBid(ctx, t, f, priceForDiscount(t, d));
  });
}

export function buildRing(ctx: SeedContext, t: Tender, ring: RingPlan, turn: number): Built {
  const { rng } = ctx;
  const k = ring.members.length;
  const m = modelFor(t);
  const dWin = m.mu + rng.float(0.6, 1.3) * m.sigma;
  const winner = makeBid(ctx, t, ring.members[turn % k]!, priceForDiscount(t, dWin));
  const covers = ring.members
    .filter((_, j) => j !== turn % k)
    .map((f) => makeBid(ctx, t, f, Math.round(winner.cents * (1 + rng.float(0.004, 0.025)))));
  covers.forEach((c, j) => {
    switch (ring.style) {
      case 'machine': // the winner's PC built the cover files (第四十条(一))
        c.station = winner.station;
        break;
      case 'bond_agent': // all bonds from one account (六); one agent handles two bids (二)
        c.bond = winner.bond;
        if (j === turn % covers.length) c.agentId = winner.agentId;
        break;
      case 'pm_agent': // same PM named (三), or same agent (二)
        if (j % 2 === 0) {
          c.pmId = winner.pmId;
          c.pm = null;
        } else {
          c.agentId = winner.agentId;
        }
        break;
      case 'soft': // uploaded from one network by one author: two soft links
        c.ip = winner.ip;
        c.creator = winner.creator;
        break;
    }
  });
  const outsiders = outsiderBids(ctx, t, t.bidders - k, dWin);
  const bids = rng.shuffle([winner, ...covers, ...outsiders]);
  return {
    bids,
    forced: winner,
    accept: (ev) => ev.winner === winner && tenderSignals(bids, t.controlCents, ALB_GUARD, REGULAR_GUARD).size === 0,
    record: (answers) => {
      const a = answers.rings.find((r) => r.id === ring.id)!;
      a.tenders.push(t.code);
      a.winners.push({ tenderCode: t.code, bidderUscc: winner.firm.uscc });
      a.evidence.push(...pairEvidence(t.code, [winner, ...covers]));
    },
  };
}

export function planNegativeControl(p: Planner, reg: Registries, answers: Answers): NegativePlan {
  const [a, b] = p.takeFirms('construction:building', 2);
  const [from, to] = p.years(p.fromYear + 1, p.toYear - 1);
  const pair: NegativePlan = {
    id: 'N1',
    a: a!,
    b: b!,
    sharedIp: reg.ips.claim(() => makeIp(p.rng, true)),
    tenders: p.pickMany(5, from, to),
  };
  for (const i of pair.tenders) {
    p.set(i, {
      bid: { kind: 'negative_ip', pair },
      override: { workType: 'construction', category: 'building', tenderMethod: 'open', bidders: p.rng.int(6, 10) },
      noSite: true,
    });
  }
  answers.negativeControls.push({
    id: pair.id,
    kind: 'single_soft_link',
    bidderUsccs: [pair.a.uscc, pair.b.uscc],
    links: ['upload_ip'],
    tenders: [],
    expect: 'no_ring',
  });
  return pair;
}

export function buildNegativeControl(ctx: SeedContext, t: Tender, pair: NegativePlan): Built {
  const firms = [...drawFirms(ctx, t, t.bidders - 2, ctx.roleFirms), pair.a, pair.b];
  const bids = normalBids(ctx, t, ctx.rng.shuffle(firms), false);
  const mine = bids.filter((b) => b.firm === pair.a || b.firm === pair.b);
  // both uploaded over the trading centre's visitor Wi-Fi: one soft link, nothing else
  for (const b of mine) b.ip = pair.sharedIp;
  return {
    bids,
    record: (answers) => answers.negativeControls.find((n) => n.id === pair.id)!.tenders.push(t.code),
  };
}

export function planAvgShaping(p: Planner, answers: Answers): AvgPlan {
  const members = p.takeFirms('construction:building', 4);
  const [from, to] = p.years(p.fromYear + 1, p.fromYear + 4);
  const group: AvgPlan = { id: 'G1', category: 'building', members, tenders: p.pickMany(12, from, to) };
  group.tenders.forEach((i, turn) => {
    p.set(i, {
      bid: { kind: 'avg_shaping', group, turn },
      override: {
        workType: 'construction',
        category: 'building',
        evaluationMethod: 'reasonable_low_price',
        tenderMethod: 'open',
        funding: 'state',
        bidders: 4 + p.rng.int(6, 10),
      },
      noSite: true,
    });
  });
  answers.avgShaping.push({
    id: group.id,
    method: 'reasonable_low_price',
    members: members.map((f) => f.uscc),
    tenders: [],
    beneficiaries: [],
    direction: 'up',
  });
  return group;
}

/**
 * Three members bid at the ceiling (下浮 0.2–1.2 %) to lift the trimmed mean; the fourth, in turn, bids
 * just under the lifted benchmark and wins.
 */
export function buildAvgShaping(ctx: SeedContext, t: Tender, group: AvgPlan, turn: number): Built {
  const { rng } = ctx;
  const k = group.members.length;
  const outsiders = normalBids(ctx, t, drawFirms(ctx, t, t.bidders - k, ctx.roleFirms), false);
  const beneficiary = makeBid(ctx, t, group.members[turn % k]!, 0);
  const supports = group.members
    .filter((_, j) => j !== turn % k)
    .map((f) => makeBid(ctx, t, f, priceForDiscount(t, rng.float(0.002, 0.012))));
  const K = rng.pick(K_VALUES);
  const eps = rng.float(0.0004, 0.0012);
  let price = priceForDiscount(t, modelFor(t).mu);
  const fixed = [...outsiders, ...supports].map((b) => b.cents);
  for (let it = 0; it < 12; it++) price = Math.round(K * reasonableBenchmark([...fixed, price]) * (1 - eps));
  beneficiary.cents = price;
  const bids = rng.shuffle([...outsiders, ...supports, beneficiary]);
  return {
    bids,
    forced: beneficiary,
    fixedK: K,
    accept: (ev) => ev.winner === beneficiary && tenderSignals(bids, t.controlCents, ALB_GUARD, REGULAR_GUARD).size === 0,
    record: (answers) => {
      const a = answers.avgShaping.find((g) => g.id === group.id)!;
      a.tenders.push(t.code);
      a.beneficiaries.push({ tenderCode: t.code, bidderUscc: beneficiary.firm.uscc });
    },
  };
}
