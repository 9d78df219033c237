/**
 * Pure checks of the price and disqualification rules the detectors implement (domain-indicators.md §b).
 * The generator uses them twice: with wider "guard" margins to keep ordinary tenders clear of every rule
 * (so a detector's hit on a non-planted tender is a real false positive), and at the exact thresholds
 * to record which rules a planted case trips.
 */

export interface PricedBid {
  cents: number;
  valid: boolean;
}

export type RuleTrigger = 'mean' | 'second_lowest' | 'control';

export interface AlbRatios {
  mean: number;
  second: number;
  control: number;
}

/** 财库〔2026〕2号 defaults: strict "<" against 50 % of the valid mean, 50 % of the second lowest, 45 % of the ceiling. */
export const ALB_DEFAULT: AlbRatios = { mean: 0.5, second: 0.5, control: 0.45 };
/** Ordinary tenders stay clear of these wider ratios. */
export const ALB_GUARD: AlbRatios = { mean: 0.6, second: 0.6, control: 0.55 };

/** Rule triggers (T1–T3) per valid bid. */
export function albTriggers<T extends PricedBid>(bids: readonly T[], controlCents: number, r: AlbRatios = ALB_DEFAULT): Map<T, RuleTrigger[]> {
  const out = new Map<T, RuleTrigger[]>();
  const valid = bids.filter((b) => b.valid);
  if (valid.length === 0) return out;
  const mean = valid.reduce((s, b) => s + b.cents, 0) / valid.length;
  const sorted = [...valid].sort((a, b) => a.cents - b.cents);
  const lowest = sorted[0]!;
  const second = sorted[1];
  for (const b of valid) {
    const t: RuleTrigger[] = [];
    if (b.cents < r.mean * mean) t.push('mean');
    if (b === lowest && second && b.cents < r.second * second.cents) t.push('second_lowest');
    if (b.cents < r.control * controlCents) t.push('control');
    if (t.length > 0) out.set(b, t);
  }
  return out;
}

export type RegularPattern = 'arithmetic' | 'geometric' | 'round_percent';

export interface RegularThresholds {
  /** CV of the gaps between sorted prices */
  cvGap: number;
  /** CV of (ratio − 1) between sorted prices — see README on why not CV of the raw ratio */
  cvRatio: number;
  /** steps as multiples of 0.5 % of the lowest price, within this absolute tolerance */
  stepTolerance: number;
}

export const REGULAR_DEFAULT: RegularThresholds = { cvGap: 0.05, cvRatio: 0.01, stepTolerance: 0.0005 };
/** Planted patterns must not trip the other two patterns even at these slightly wider margins. */
export const REGULAR_MARGIN: RegularThresholds = { cvGap: 0.055, cvRatio: 0.012, stepTolerance: 0.0007 };
/** Ordinary tenders stay clear of these much wider margins. */
export const REGULAR_GUARD: RegularThresholds = { cvGap: 0.08, cvRatio: 0.03, stepTolerance: 0.0012 };

export const ROUND_STEP = 0.005;

function cv(xs: readonly number[]): number {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  if (mean <= 0) return Infinity;
  const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
  return Math.sqrt(variance) / mean;
}

/** Which regular-difference patterns the prices form (needs ≥ 3 prices; population CV). */
export function regularPatterns(prices: readonly number[], th: RegularThresholds = REGULAR_DEFAULT): Set<RegularPattern> {
  const out = new Set<RegularPattern>();
  if (prices.length < 3) return out;
  const p = [...prices].sort((a, b) => a - b);
  const gaps: number[] = [];
  const eps: number[] = [];
  for (let i = 1; i < p.length; i++) {
    gaps.push(p[i]! - p[i - 1]!);
    eps.push(p[i]! / p[i - 1]! - 1);
  }
  if (cv(gaps) < th.cvGap) out.add('arithmetic');
  if (cv(eps) < th.cvRatio) out.add('geometric');
  let allSteps = true;
  for (let i = 1; i < p.length; i++) {
    const rel = p[i]! / p[0]! - 1;
    const k = Math.round(rel / ROUND_STEP);
    if (k < 1 || Math.abs(rel - k * ROUND_STEP) > th.stepTolerance) {
      allSteps = false;
      break;
    }
  }
  if (allSteps) out.add('round_percent');
  return out;
}

/** Groups (size ≥ 2) of bids with exactly the same price. */
export function identicalGroups<T extends PricedBid>(bids: readonly T[]): T[][] {
  const by = new Map<number, T[]>();
  for (const b of bids) {
    const g = by.get(b.cents);
    if (g) g.push(b);
    else by.set(b.cents, [b]);
  }
  return [...by.values()].filter((g) => g.length > 1);
}

export type DisqPattern = 'all_but_winner_invalid' | 'lowest_invalid' | 'multi_disqualified';

/** R035 (one valid bid, ≥ 1 other disqualified), R036 (lowest submitted bid disqualified), PZ (≥ 2 disqualified). */
export function disqualificationPatterns(bids: readonly PricedBid[]): Set<DisqPattern> {
  const out = new Set<DisqPattern>();
  const invalid = bids.filter((b) => !b.valid).length;
  if (bids.length >= 2 && bids.length - invalid === 1) out.add('all_but_winner_invalid');
  if (invalid >= 2) out.add('multi_disqualified');
  const lowest = Math.min(...bids.map((b) => b.cents));
  if (bids.some((b) => !b.valid && b.cents === lowest) && bids.some((b) => b.valid)) out.add('lowest_invalid');
  return out;
}

export type Signal = `alb_${RuleTrigger}` | 'identical' | RegularPattern | DisqPattern;

/** Every rule signal a tender's bids show, at the given margins. */
export function tenderSignals(
  bids: readonly PricedBid[],
  controlCents: number,
  alb: AlbRatios = ALB_DEFAULT,
  regular: RegularThresholds = REGULAR_DEFAULT,
): Set<Signal> {
  const out = new Set<Signal>();
  for (const ts of albTriggers(bids, controlCents, alb).values()) for (const t of ts) out.add(`alb_${t}`);
  if (identicalGroups(bids).length > 0) out.add('identical');
  for (const p of regularPatterns(
    bids.filter((b) => b.valid).map((b) => b.cents),
    regular,
  ))
    out.add(p);
  for (const d of disqualificationPatterns(bids)) out.add(d);
  return out;
}

/** Signals an ordinary tender must not show (guard margins). */
export function guardSignals(bids: readonly PricedBid[], controlCents: number): Set<Signal> {
  return tenderSignals(bids, controlCents, ALB_GUARD, REGULAR_GUARD);
}
