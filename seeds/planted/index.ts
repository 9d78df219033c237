/** The whole plan of planted cases, and the dispatch from a tender's spec to its builder. */
import type { Answers } from '../answers.js';
import { drawFirms, normalBids, type SeedContext } from '../bids.js';
import type { Registries } from '../firms.js';
import type { Tender } from '../market.js';
import type { Built } from './built.js';
import { buildAllButWinnerInvalid, buildLowestInvalid, buildRepeatDisqualified, buildSingleBid, planDisqualification } from './disqualification.js';
import { buildLowBid, planLowBids } from './low-bids.js';
import type { Planner } from './planner.js';
import { buildDeepWinner, planPostAward } from './post-award.js';
import { buildIdentical, buildRegular, planIdentical, planRegular } from './price-patterns.js';
import { buildAvgShaping, buildNegativeControl, buildRing, planAvgShaping, planNegativeControl, planRings } from './rings.js';
import { buildPmPair, planSite } from './site.js';
import type { PlantSpec } from './types.js';

/** How many cases of each kind (the same at every scale: planted cases stay rare). */
export const PLANTED = {
  lowBidsPerTrigger: 12,
  regularPerPattern: 4,
  identical: 6,
  disqualificationPerPattern: 6,
  repeatFirms: 2,
  singleBids: 6,
  postAwardPerPattern: 6,
} as const;

/** The smallest run that has room for every planted case in its date ranges. */
export const MIN_TENDERS = 800;

export function makePlan(p: Planner, reg: Registries, answers: Answers): void {
  // groups first: they need whole runs of tenders in their years
  planRings(p, answers);
  planAvgShaping(p, answers);
  planNegativeControl(p, reg, answers);
  planSite(p);
  const shells = planDisqualification(p, answers, PLANTED.disqualificationPerPattern, PLANTED.repeatFirms, PLANTED.singleBids);
  planLowBids(p, PLANTED.lowBidsPerTrigger);
  planRegular(p, PLANTED.regularPerPattern);
  planIdentical(p, PLANTED.identical);
  planPostAward(p, PLANTED.postAwardPerPattern);
  // the repeat-disqualified firms are shells: they bid only in their own series
  for (const s of shells) s.firm.weight = 0;
  for (const pool of p.market.pools.values()) pool.rebuild();
}

export function buildTenderBids(ctx: SeedContext, t: Tender, spec: PlantSpec | undefined): Built {
  const bid = spec?.bid ?? { kind: 'normal' as const };
  switch (bid.kind) {
    case 'normal':
      if (spec?.contract === 'low_bid_high_settlement') return buildDeepWinner(ctx, t);
      // planted tenders draw their competitors from firms without a planted role
      return { bids: normalBids(ctx, t, drawFirms(ctx, t, t.bidders, spec ? ctx.roleFirms : undefined)) };
    case 'low_bid':
      return buildLowBid(ctx, t, bid.trigger);
    case 'regular':
      return buildRegular(ctx, t, bid.pattern);
    case 'identical':
      return buildIdentical(ctx, t, bid.size);
    case 'ring':
      return buildRing(ctx, t, bid.ring, bid.turn);
    case 'negative_ip':
      return buildNegativeControl(ctx, t, bid.pair);
    case 'avg_shaping':
      return buildAvgShaping(ctx, t, bid.group, bid.turn);
    case 'all_but_winner_invalid':
      return buildAllButWinnerInvalid(ctx, t);
    case 'lowest_invalid':
      return buildLowestInvalid(ctx, t);
    case 'repeat_disqualified':
      return buildRepeatDisqualified(ctx, t, bid.series, bid.invalid);
    case 'single_bid':
      return buildSingleBid(ctx, t);
    case 'pm_pair':
      return buildPmPair(ctx, t, bid.pair);
  }
}
