/**
 * 现场联动核查 cases on sites in the attendance window: PM on site < 80 % of a month's working days
 * (建质〔2011〕111号), key roles staffed by people other than the bid named, one PM on two sites / two active
 * contracts, and a workforce employed by another firm (违法分包/转包).
 */
import { drawFirms, normalBids, type SeedContext } from '../bids.js';
import type { Tender } from '../market.js';
import type { Built } from './built.js';
import type { Planner } from './planner.js';
import type { PairPlan } from './types.js';

export function planSite(p: Planner): PairPlan[] {
  // awarded 2–14 months before the window, running on through it
  const from = p.window.from - 420;
  const to = p.window.from - 60;
  const base = { workType: 'construction', tenderMethod: 'open' } as const;
  for (const i of p.pickMany(6, from, to)) p.set(i, { bid: { kind: 'normal' }, override: base, activeInWindow: true, site: { pattern: 'pm_presence' } });
  p.pickMany(5, from, to).forEach((i, j) =>
    p.set(i, {
      bid: { kind: 'normal' },
      override: base,
      activeInWindow: true,
      site: { pattern: 'key_role_mismatch', roles: j < 3 ? ['project_manager'] : ['project_manager', 'technical_lead'] },
    }),
  );
  for (const i of p.pickMany(5, from, to))
    p.set(i, { bid: { kind: 'normal' }, override: base, activeInWindow: true, site: { pattern: 'workforce_other_employer' } });

  const pairs: PairPlan[] = [];
  for (const [id, sameDaySites] of [
    ['P1', true],
    ['P2', false],
  ] as const) {
    const [firm] = p.takeFirms('construction:building', 1);
    const [first, second] = p.pickMany(2, from, to);
    const pair: PairPlan = { id, firm: firm!, first: first!, second: second!, sameDaySites };
    for (const i of [pair.first, pair.second]) {
      p.set(i, {
        bid: { kind: 'pm_pair', pair },
        override: { ...base, category: 'building', evaluationMethod: 'comprehensive' },
        activeInWindow: true,
        ...(sameDaySites ? { site: { pattern: 'pair_site' as const, pair } } : { noSite: true }),
      });
    }
    pairs.push(pair);
  }
  return pairs;
}

/** The pair's firm wins both tenders; the second bid names the PM already running the first site. */
export function buildPmPair(ctx: SeedContext, t: Tender, pair: PairPlan): Built {
  const firms = [...drawFirms(ctx, t, t.bidders - 1, ctx.roleFirms), pair.firm];
  const bids = normalBids(ctx, t, ctx.rng.shuffle(firms), false);
  const mine = bids.find((b) => b.firm === pair.firm)!;
  if (t.index === pair.second) {
    if (!pair.pm) throw new Error('seed: PM pair generated out of order');
    // the same person, still busy on the first site: his busy spell is extended by the second award
    mine.pm = pair.pm;
    mine.pmId = pair.pm.id;
  }
  return {
    bids,
    forced: mine,
    accept: (ev) => ev.winner === mine,
    record: (answers) => {
      if (t.index === pair.first) {
        pair.pm = mine.pm ?? undefined;
        pair.firstCode = t.code;
        return;
      }
      answers.site.push({ tenderCode: pair.firstCode!, pattern: 'pm_two_active_contracts', role: 'project_manager', otherTenderCode: t.code });
    },
  };
}
