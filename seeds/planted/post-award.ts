/**
 * 标后履约 cases: big change orders, many change orders, 低价中标高价结算, contract ≠ award, PM replaced,
 * works "completed" within 60 days. The bids are ordinary; the contract carries the anomaly.
 */
import type { Answers } from '../answers.js';
import { round4 } from '../answers.js';
import { discountOf, drawFirms, modelFor, normalBids, priceForDiscount, type SeedContext } from '../bids.js';
import type { ContractDraft, PostAwardPattern } from '../contracts.js';
import type { Tender } from '../market.js';
import { guardSignals } from '../signals.js';
import type { Built } from './built.js';
import type { Planner } from './planner.js';

export const POST_AWARD_PATTERNS: readonly PostAwardPattern[] = [
  'change_order_share',
  'change_order_count',
  'low_bid_high_settlement',
  'contract_price_mismatch',
  'pm_changed',
  'fast_completion',
];

export function planPostAward(p: Planner, perPattern: number): void {
  const [from] = p.years(p.fromYear, p.fromYear);
  const lastSigned = p.asOf - 120;
  for (const pattern of POST_AWARD_PATTERNS) {
    let range: [number, number] = [from, lastSigned];
    if (pattern === 'low_bid_high_settlement') {
      // old enough to be completed and settled by the cut-off
      const [, end] = p.years(p.fromYear, Math.max(p.fromYear, p.toYear - 3));
      range = [from, end];
    }
    for (const i of p.pickMany(perPattern, range[0], range[1])) {
      const r = p.rng;
      const override =
        pattern === 'low_bid_high_settlement'
          ? { workType: 'construction' as const, evaluationMethod: 'lowest_evaluated_price' as const, control: [5e6, 30e6] as const }
          : pattern === 'fast_completion'
            ? { workType: 'construction' as const, control: [20e6, 80e6] as const }
            : { workType: r.chance(0.8) ? ('construction' as const) : ('epc' as const) };
      p.set(i, { bid: { kind: 'normal' }, override: { ...override, tenderMethod: 'open' }, contract: pattern, noSite: true });
    }
  }
}

/**
 * 低价中标: the winner bids past its peer group's upper Tukey fence (for a normal cell the fence is ≈ μ + 2.7σ),
 * which is what makes it "low" for PERF (issue: a winner flagged ALB, or with a 下浮率 above its peer fence).
 */
export function buildDeepWinner(ctx: SeedContext, t: Tender): Built {
  const bids = normalBids(ctx, t, drawFirms(ctx, t, t.bidders, ctx.roleFirms), false);
  const m = modelFor(t);
  const lowest = bids.reduce((a, b) => (b.cents < a.cents ? b : a));
  lowest.cents = priceForDiscount(t, m.mu + ctx.rng.float(3.2, 3.6) * m.sigma);
  return { bids, accept: (ev) => ev.winner === lowest && guardSignals(bids, t.controlCents).size === 0 };
}

export function recordPostAward(answers: Answers, t: Tender, pattern: PostAwardPattern, c: ContractDraft): void {
  const detail: Record<string, string | number | boolean> = {};
  switch (pattern) {
    case 'change_order_share':
      detail.changeShare = round4(c.changeTotalCents / c.contractCents);
      break;
    case 'change_order_count':
      detail.changeOrderCount = c.changeCount;
      break;
    case 'low_bid_high_settlement':
      detail.winnerDiscount = round4(discountOf(t, c.winningCents));
      detail.settlementRatio = round4((c.settlementCents ?? 0) / c.winningCents);
      break;
    case 'contract_price_mismatch':
      detail.contractToAward = round4(c.contractCents / c.winningCents);
      break;
    case 'pm_changed':
      detail.projectManagerChanged = true;
      break;
    case 'fast_completion':
      detail.daysToCompletion = (c.actualDay ?? 0) - c.contractDay;
      break;
  }
  answers.postAward.push({ tenderCode: t.code, pattern, winnerUscc: c.winnerUscc, detail });
}
