/**
 * 异常低价: (a) bids tripping the 财库〔2026〕2号 rule triggers (< 50 % of the valid mean, lowest < 50 % of the
 * second lowest, < 45 % of the ceiling); (b) statistical outliers: 下浮率 ≈ μ + 5σ of the peer cell
 * (year × category × work type × method), far above its Tukey fence yet clear of every rule trigger.
 */
import { round4 } from '../answers.js';
import { discountOf, drawFirms, modelFor, normalBids, priceForDiscount, type SeedContext } from '../bids.js';
import type { Tender } from '../market.js';
import { albTriggers, tenderSignals } from '../signals.js';
import { type Built, others } from './built.js';
import type { Planner } from './planner.js';
import type { LowTrigger } from './types.js';

const STAT_METHODS = ['lowest_evaluated_price', 'comprehensive', 'reasonable_low_price'] as const;

export function planLowBids(p: Planner, perTrigger: number): void {
  const [from, to] = p.years(p.fromYear, p.toYear);
  const triggers: LowTrigger[] = ['mean', 'second_lowest', 'control', 'statistical'];
  for (const trigger of triggers) {
    p.pickMany(perTrigger, from, to).forEach((i, j) => {
      const r = p.rng;
      const base = { workType: 'construction', tenderMethod: 'open', funding: 'state' } as const;
      const override =
        trigger === 'control'
          ? { ...base, evaluationMethod: 'lowest_evaluated_price' as const, bidders: r.int(6, 12) }
          : trigger === 'second_lowest'
            ? { ...base, evaluationMethod: 'reasonable_low_price' as const, bidders: r.int(5, 8) }
            : trigger === 'mean'
              ? { ...base, evaluationMethod: r.pick(['reasonable_low_price', 'comprehensive'] as const), bidders: r.int(10, 16) }
              : {
                  ...base,
                  category: j % 2 === 0 ? ('building' as const) : ('municipal' as const),
                  evaluationMethod: STAT_METHODS[j % 3]!,
                  bidders: r.int(6, 12),
                };
      p.set(i, { bid: { kind: 'low_bid', trigger }, override, noSite: true });
    });
  }
}

export function buildLowBid(ctx: SeedContext, t: Tender, trigger: LowTrigger): Built {
  const { rng } = ctx;
  const bids = normalBids(ctx, t, drawFirms(ctx, t, t.bidders, ctx.roleFirms), false);
  const target = rng.pick(bids);
  const rest = bids.filter((b) => b !== target);
  const C = t.controlCents;
  const sum = rest.reduce((s, b) => s + b.cents, 0);
  const second = Math.min(...rest.map((b) => b.cents));
  // P ≥ 0.5·mean(valid) ⇔ P ≥ 0.5·S/(n − 0.5), S = sum of the other bids
  const halfMean = (0.5 * sum) / (bids.length - 0.5);
  const between = (lo: number, hi: number, fallback: () => number): number => (lo < hi ? Math.round(rng.float(lo, hi)) : fallback());
  switch (trigger) {
    case 'control': // under 45 % of the ceiling, and where the others allow, clear of the other two rules
      target.cents = between(Math.max(0.5 * second, halfMean) * 1.005, 0.448 * C, () => Math.round(C * rng.float(0.4, 0.445)));
      break;
    case 'second_lowest': // under half the runner-up, and where it allows, above 45 % of the ceiling
      target.cents = between(0.452 * C, 0.5 * second * 0.995, () => Math.round(second * rng.float(0.44, 0.49)));
      break;
    case 'mean':
      target.cents = Math.round(halfMean * rng.float(0.9, 0.98));
      break;
    case 'statistical': {
      const m = modelFor(t);
      target.cents = priceForDiscount(t, m.mu + rng.float(4.6, 5.4) * m.sigma);
      break;
    }
  }
  const found = albTriggers(bids, C);
  const mine = found.get(target) ?? [];
  return {
    bids,
    accept: () => {
      if (others(tenderSignals(bids, C), ['alb_mean', 'alb_second_lowest', 'alb_control']).length > 0) return false;
      if (trigger === 'statistical') return found.size === 0;
      return mine.includes(trigger) && found.size === 1;
    },
    record: (answers) => {
      answers.lowBids.push({
        tenderCode: t.code,
        bidderUscc: target.firm.uscc,
        trigger,
        triggers: trigger === 'statistical' ? ['statistical'] : mine,
        discount: round4(discountOf(t, target.cents)),
      });
    },
  };
}
