/**
 * 否决 patterns (cardinal R035/R036/R038, Prozorro sas-3-2): all bids but the winner's disqualified, the
 * lowest bid disqualified, a firm disqualified again and again, and single-bid tenders.
 */
import type { Answers } from '../answers.js';
import { drawFirms, INVALID_REASONS, normalBids, type SeedContext } from '../bids.js';
import type { Tender } from '../market.js';
import { disqualificationPatterns, tenderSignals } from '../signals.js';
import { type Built, others } from './built.js';
import type { Planner } from './planner.js';
import type { RepeatPlan } from './types.js';

/** What the 评标报告 says for the lowest bid thrown out: procedural, not price. */
const LOWEST_REASONS = ['未按要求提供投标保证金', '投标文件未按招标文件要求签字盖章', '资格审查不合格', '项目经理有在建工程'] as const;
/** A shell that keeps failing qualification. */
const REPEAT_REASONS = [
  '资格审查不合格',
  '企业资质等级不满足招标文件要求',
  '未按要求提供投标保证金',
  '类似工程业绩不满足招标文件要求',
  '投标文件未按招标文件要求签字盖章',
  '项目经理有在建工程',
] as const;

export function planDisqualification(p: Planner, answers: Answers, perPattern: number, repeatFirms: number, singleBids: number): RepeatPlan[] {
  const [from, to] = p.years(p.fromYear, p.toYear);
  const r = p.rng;
  for (const i of p.pickMany(perPattern, from, to))
    p.set(i, { bid: { kind: 'all_but_winner_invalid' }, override: { tenderMethod: 'open', bidders: r.int(4, 7) }, noSite: true });
  for (const i of p.pickMany(perPattern, from, to))
    p.set(i, {
      bid: { kind: 'lowest_invalid' },
      override: { workType: 'construction', evaluationMethod: 'lowest_evaluated_price', tenderMethod: 'open', bidders: r.int(5, 10) },
      noSite: true,
    });
  for (const i of p.pickMany(singleBids, from, to)) p.set(i, { bid: { kind: 'single_bid' }, override: { bidders: 1 }, noSite: true });

  const series: RepeatPlan[] = [];
  for (let s = 0; s < repeatFirms; s++) {
    const [firm] = p.takeFirms(s % 2 === 0 ? 'construction:building' : 'construction:municipal', 1, false);
    const plan: RepeatPlan = { firm: firm!, tenders: p.pickMany(8, from, to) };
    plan.tenders.forEach((i, j) => {
      p.set(i, {
        bid: { kind: 'repeat_disqualified', series: plan, invalid: j !== 3 },
        override: {
          workType: 'construction',
          category: firm!.building ? 'building' : 'municipal',
          evaluationMethod: 'lowest_evaluated_price',
          tenderMethod: 'open',
          bidders: r.int(5, 9),
        },
        noSite: true,
      });
    });
    series.push(plan);
    answers.disqualification.push({ bidderUscc: firm!.uscc, pattern: 'repeat_disqualified', tenders: [], disqualified: 0, submitted: 0 });
  }
  return series;
}

export function buildAllButWinnerInvalid(ctx: SeedContext, t: Tender): Built {
  const bids = normalBids(ctx, t, drawFirms(ctx, t, t.bidders, ctx.roleFirms), false);
  const lowest = bids.reduce((a, b) => (b.cents < a.cents ? b : a));
  const reasons = ctx.rng.shuffle([...INVALID_REASONS]);
  bids
    .filter((b) => b !== lowest)
    .forEach((b, j) => {
      b.valid = false;
      b.reason = reasons[j % reasons.length]!;
    });
  return {
    bids,
    accept: () => {
      const d = disqualificationPatterns(bids);
      return d.has('all_but_winner_invalid') && !d.has('lowest_invalid');
    },
    record: (answers) => answers.disqualification.push({ tenderCode: t.code, pattern: 'all_but_winner_invalid' }),
  };
}

export function buildLowestInvalid(ctx: SeedContext, t: Tender): Built {
  const bids = normalBids(ctx, t, drawFirms(ctx, t, t.bidders, ctx.roleFirms), false);
  const lowest = bids.reduce((a, b) => (b.cents < a.cents ? b : a));
  lowest.valid = false;
  lowest.reason = ctx.rng.pick(LOWEST_REASONS);
  return {
    bids,
    accept: () => others(tenderSignals(bids, t.controlCents), ['lowest_invalid']).length === 0,
    record: (answers) => answers.disqualification.push({ tenderCode: t.code, pattern: 'lowest_invalid' }),
  };
}

export function buildRepeatDisqualified(ctx: SeedContext, t: Tender, series: RepeatPlan, invalid: boolean): Built {
  const firms = [...drawFirms(ctx, t, t.bidders - 1, ctx.roleFirms), series.firm];
  const bids = normalBids(ctx, t, ctx.rng.shuffle(firms), false);
  const mine = bids.find((b) => b.firm === series.firm)!;
  // never the lowest: its failures must not look like R036
  const lowest = bids.reduce((a, b) => (b.cents < a.cents ? b : a));
  if (lowest === mine) {
    const highest = bids.reduce((a, b) => (b.cents > a.cents ? b : a));
    [mine.cents, highest.cents] = [highest.cents, mine.cents];
  }
  if (invalid) {
    mine.valid = false;
    mine.reason = REPEAT_REASONS[series.tenders.indexOf(t.index) % REPEAT_REASONS.length]!;
  }
  return {
    bids,
    accept: () => tenderSignals(bids, t.controlCents).size === 0,
    record: (answers) => {
      const a = answers.disqualification.find((d) => 'bidderUscc' in d && d.bidderUscc === series.firm.uscc);
      if (!a || !('tenders' in a)) return;
      a.tenders.push(t.code);
      a.submitted++;
      if (invalid) a.disqualified++;
    },
  };
}

export function buildSingleBid(ctx: SeedContext, t: Tender): Built {
  const bids = normalBids(ctx, t, drawFirms(ctx, t, 1, ctx.roleFirms), false);
  return { bids, record: (answers) => answers.singleBid.push(t.code) };
}

