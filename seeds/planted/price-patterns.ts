/**
 * 第四十条(四) price signals: regular differences (arithmetic, geometric, whole-percent steps) formed by all
 * valid bids of a tender, and identical prices from different firms. Each planted tender shows its one
 * pattern and no other, even at slightly widened thresholds.
 */
import { drawFirms, makeBid, modelFor, normalBids, priceForDiscount, type SeedContext } from '../bids.js';
import type { Tender } from '../market.js';
import { yuan } from '../money.js';
import {
  ALB_GUARD,
  identicalGroups,
  REGULAR_DEFAULT,
  REGULAR_GUARD,
  REGULAR_MARGIN,
  type RegularPattern,
  regularPatterns,
  tenderSignals,
} from '../signals.js';
import { type Built, others } from './built.js';
import type { Planner } from './planner.js';

export function planRegular(p: Planner, perPattern: number): void {
  const [from, to] = p.years(p.fromYear, p.toYear);
  const r = p.rng;
  for (const pattern of ['arithmetic', 'geometric', 'round_percent'] as const) {
    for (const i of p.pickMany(perPattern, from, to)) {
      const override =
        pattern === 'geometric'
          ? {
              workType: r.pick(['supervision', 'design', 'survey'] as const),
              evaluationMethod: 'lowest_evaluated_price' as const,
              tenderMethod: 'open' as const,
              bidders: 5,
            }
          : {
              workType: 'construction' as const,
              evaluationMethod: r.pick(['lowest_evaluated_price', 'comprehensive'] as const),
              tenderMethod: 'open' as const,
              bidders: pattern === 'arithmetic' ? r.int(4, 6) : r.int(4, 5),
            };
      p.set(i, { bid: { kind: 'regular', pattern }, override, noSite: true });
    }
  }
}

/** Sorted prices forming the pattern, or null when they would not fit under the ceiling. */
function patternPrices(ctx: SeedContext, t: Tender, pattern: RegularPattern, n: number): number[] | null {
  const { rng } = ctx;
  const m = modelFor(t);
  const ceiling = t.controlCents * 0.998;
  const out: number[] = [];
  if (pattern === 'arithmetic') {
    const first = priceForDiscount(t, m.mu + rng.float(0.3, 1.0) * m.sigma);
    const maxStep = Math.min(0.03, (ceiling / first - 1) / (n - 1));
    if (maxStep < 0.012) return null;
    // a round gap, as a hand-made series would have (e.g. 每档相差 120,000 元)
    const gap = Math.max(1, Math.floor((first * rng.float(0.012, maxStep)) / 100_000)) * 100_000;
    for (let k = 0; k < n; k++) out.push(first + k * gap);
  } else if (pattern === 'geometric') {
    const ratio = rng.float(1.06, 1.07);
    const top = t.controlCents * (1 - rng.float(0.005, 0.02));
    const first = top / ratio ** (n - 1);
    for (let k = 0; k < n; k++) out.push(Math.round((first * ratio ** k) / 100) * 100);
  } else {
    const steps = [0, ...rng.sample([1, 2, 3, 4, 5, 6, 7, 8, 9], n - 1).sort((a, b) => a - b)];
    const top = steps[steps.length - 1]!;
    let first = priceForDiscount(t, m.mu + rng.float(0.3, 1.0) * m.sigma);
    first = Math.min(first, ceiling / (1 + top / 100));
    first = Math.floor(first / 10_000) * 10_000; // a whole 100 yuan, so every k % step is a whole yuan
    for (const k of steps) out.push((first * (100 + k)) / 100);
  }
  return out[out.length - 1]! <= ceiling ? out : null;
}

export function buildRegular(ctx: SeedContext, t: Tender, pattern: RegularPattern): Built {
  const firms = drawFirms(ctx, t, t.bidders, ctx.roleFirms);
  const prices = patternPrices(ctx, t, pattern, firms.length);
  const shuffled = ctx.rng.shuffle(prices ? [...prices] : firms.map(() => 0));
  const bids = firms.map((f, i) => makeBid(ctx, t, f, shuffled[i]!));
  return {
    bids,
    accept: () => {
      if (!prices) return false;
      const cents = bids.map((b) => b.cents);
      if (!regularPatterns(cents, REGULAR_DEFAULT).has(pattern)) return false;
      if (others(regularPatterns(cents, REGULAR_MARGIN), [pattern]).length > 0) return false;
      return others(tenderSignals(bids, t.controlCents, ALB_GUARD, REGULAR_DEFAULT), [pattern]).length === 0;
    },
    record: (answers) => {
      answers.regularDiff.push({ tenderCode: t.code, pattern, bidderUsccs: bids.map((b) => b.firm.uscc) });
    },
  };
}

export function planIdentical(p: Planner, count: number): void {
  const [from, to] = p.years(p.fromYear, p.toYear);
  p.pickMany(count, from, to).forEach((i, j) => {
    const override = {
      workType: p.rng.pick(['construction', 'construction', 'supervision'] as const),
      tenderMethod: 'open' as const,
      bidders: p.rng.int(6, 12),
    };
    p.set(i, { bid: { kind: 'identical', size: j === 0 ? 3 : 2 }, override, noSite: true });
  });
}

export function buildIdentical(ctx: SeedContext, t: Tender, size: number): Built {
  const bids = normalBids(ctx, t, drawFirms(ctx, t, t.bidders, ctx.roleFirms), false);
  // not the lowest bid: a copied price is a cover bid, not the designated winner's
  const sorted = [...bids].sort((a, b) => a.cents - b.cents);
  const copies = ctx.rng.sample(sorted.slice(1), size);
  for (const b of copies) b.cents = copies[0]!.cents;
  return {
    bids,
    accept: () => {
      const groups = identicalGroups(bids);
      if (groups.length !== 1 || groups[0]!.length !== size) return false;
      return others(tenderSignals(bids, t.controlCents, ALB_GUARD, REGULAR_GUARD), ['identical']).length === 0;
    },
    record: (answers) => {
      answers.identicalPrices.push({ tenderCode: t.code, bidderUsccs: copies.map((b) => b.firm.uscc), price: yuan(copies[0]!.cents) });
    },
  };
}
