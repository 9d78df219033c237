/**
 * MARKET PROFILE — what is ordinary in the market a detector runs in (市场画像：报价粒度、离散程度、限价).
 *
 * Real markets differ in ways that change what a coincidence means: bids in whole thousands of yen tie far more
 * often than bids to the fen; discounts quoted with three decimals make "regular" steps likely; bids that cluster
 * within 1 % of each other meet at the same round number by chance. The profile measures these once per market
 * segment (category × work type × evaluation method, falling back to all tenders when a segment is small), so
 * IDENT and REGDIFF judge a coincidence against the market's own prices, not against the synthetic city.
 *
 *   priceUnit     the largest 1-2-5 unit u (0.01 元 … 1,000,000 元) of which at least `share` (90 %) of the
 *                 segment's valid bids are whole multiples: the rounding bidders use.
 *   discountUnit  the same for 下浮率 d = (C − P)/C, on a 1-2-5 series from 10⁻⁷ to 10⁻² (a discount quoted to
 *                 three decimals of a per cent is 10⁻⁵), within the price's own fen rounding; null when the
 *                 discounts are no rounder than chance or the segment has no control prices.
 *   medianCv      median coefficient of variation of the tenders' valid bids (tenders with ≥ 3 valid bids): how
 *                 tightly the market's bids cluster.
 *   roundness     the share π(u) of bids whose roundest unit is u (a bid of 3,680,000 sits on 10,000; one of
 *                 3,681,234.50 on 0.5): the market's heaping on round numbers, in price space and, where discounts
 *                 are rounded, in discount space. Ties are judged against it (price/tie-chance.ts).
 *   lowestTieRate share of tenders (≥ 3 distinct valid bidders) whose lowest price is shared by two or more
 *                 bidders, and otherTieRate the share with a tie elsewhere: a market with a price floor
 *                 (最低限价 / 成本警戒线, announced or computable) piles ties at the lowest price.
 *
 * effectiveUnit(t) = max(priceUnit, discountUnit × control price): the resolution at which the tender's bidders
 * actually choose a number. Pure; computed once per view and shared by the detectors (a WeakMap cache).
 */
import type { DatasetView } from '../dataset-view.js';
import { validBidsSorted } from '../dataset-view.js';
import { coefficientOfVariation, median } from '../lib/stats.js';
import type { BidRow, TenderRow } from '../types.js';

export interface SegmentProfile {
  key: string;
  tenders: number;
  bids: number;
  priceUnit: number;
  /** Share of valid bids that are multiples of priceUnit. */
  priceUnitShare: number;
  discountUnit: number | null;
  medianCv: number | null;
  lowestTieRate: number;
  otherTieRate: number;
  /** Price roundness: units (元, ascending) and the share of bids whose roundest unit each is. */
  priceRoundness: Roundness;
  /** Discount roundness (fractions), where discountUnit is set. */
  discountRoundness: Roundness | null;
  /** False when the segment is too small to say what is ordinary: callers then assume fen-precise, 5 % spread. */
  informed: boolean;
}

export interface Roundness {
  units: number[];
  share: number[];
}

export interface MarketProfile {
  /** The profile that applies to a tender: its segment's, or the whole market's when the segment is small. */
  of(t: Pick<TenderRow, 'category' | 'workType' | 'evaluationMethod'>): SegmentProfile;
  all: SegmentProfile;
  segments: ReadonlyMap<string, SegmentProfile>;
}

/** Segments smaller than this borrow the whole market's profile. */
export const MIN_SEGMENT_TENDERS = 30;
/** Share of bids that must sit on a unit for it to count as the market's rounding. */
export const UNIT_SHARE = 0.9;

/** 1-2-5 series in fen: 1 分 … 100 万元. */
const PRICE_UNITS_FEN: number[] = [];
for (let e = 0; e <= 8; e++) for (const m of [1, 2, 5]) PRICE_UNITS_FEN.push(m * 10 ** e);
/** 1-2-5 series of discount units, coarsest first: 5·10⁻³ … 10⁻⁷. */
const DISCOUNT_UNITS: number[] = [];
for (let e = 3; e <= 7; e++) for (const m of [5, 2, 1]) DISCOUNT_UNITS.push(m * 10 ** -e);
/** Discount roundness levels, coarsest first: 5·10⁻² (a whole 5 %) … 10⁻⁷. */
const DISCOUNT_LEVELS: number[] = [0.05, 0.02, 0.01, ...DISCOUNT_UNITS];

/** The roundest 1-2-5 unit (元) a price is a whole multiple of. */
export function priceRoundness(price: number): number {
  const f = Math.round(price * 100);
  let best = 1;
  for (const u of PRICE_UNITS_FEN) if (f % u === 0) best = u;
  return best / 100;
}

/** The roundest discount level (fraction) a discount sits on within its price's fen rounding; 10⁻⁷ at the finest. */
export function discountRoundness(price: number, control: number): number {
  const d = (control - price) / control;
  const tol = 0.005 / control + 1e-12;
  for (const v of DISCOUNT_LEVELS) if (Math.abs(d - Math.round(d / v) * v) <= tol) return v;
  return 1e-7;
}

function roundnessOf(levels: readonly number[]): Roundness {
  const count = new Map<number, number>();
  for (const u of levels) count.set(u, (count.get(u) ?? 0) + 1);
  const units = [...count.keys()].sort((a, b) => a - b);
  return { units, share: units.map((u) => (count.get(u) as number) / levels.length) };
}

/** What an uninformed market is assumed to be: prices to the fen (the import contract's precision). */
export const FEN_ROUNDNESS: Roundness = { units: [0.01], share: [1] };

export function segmentKey(t: Pick<TenderRow, 'category' | 'workType' | 'evaluationMethod'>): string {
  return `${t.category}|${t.workType}|${t.evaluationMethod}`;
}

/** The largest unit of which at least `share` of the prices are whole multiples (in fen, so exact). */
export function roundingUnit(prices: readonly number[], share = UNIT_SHARE): { unit: number; share: number } {
  if (prices.length === 0) return { unit: 0.01, share: 1 };
  const fens = prices.map((p) => Math.round(p * 100));
  let best = { unit: 0.01, share: 1 };
  for (const u of PRICE_UNITS_FEN) {
    let hits = 0;
    for (const f of fens) if (f % u === 0) hits++;
    const s = hits / fens.length;
    if (s >= share) best = { unit: u / 100, share: s };
  }
  return best;
}

/**
 * The coarsest discount unit v on which at least `share` of the discounts sit, each within its price's rounding
 * (half a fen over the control price) — or null when that is true only of units so fine that chance explains it
 * (a unit is only believed when its expected chance share, the rounding window over v, is below half of `share`).
 */
export function discountRoundingUnit(pairs: ReadonlyArray<{ price: number; control: number }>, share = UNIT_SHARE): number | null {
  if (pairs.length === 0) return null;
  for (const v of DISCOUNT_UNITS) {
    let hits = 0;
    let window = 0;
    for (const { price, control } of pairs) {
      const d = (control - price) / control;
      const tol = 0.005 / control + 1e-12; // the price's own rounding to the fen, in discount terms
      const k = Math.round(d / v);
      if (Math.abs(d - k * v) <= tol) hits++;
      window += Math.min(1, (2 * tol) / v);
    }
    const chance = window / pairs.length;
    if (hits / pairs.length >= share && chance < share / 2) return v;
  }
  return null;
}

/** Number of tied lowest bidders and whether any other price is tied (distinct bidders, fen precision). */
export function tiesOf(sorted: readonly BidRow[]): { lowestTied: boolean; otherTied: boolean } {
  let lowestTied = false;
  let otherTied = false;
  const firstFen = sorted.length ? Math.round((sorted[0] as BidRow).price * 100) : 0;
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1] as BidRow;
    const b = sorted[i] as BidRow;
    if (a.bidderUscc === b.bidderUscc) continue;
    const fa = Math.round(a.price * 100);
    if (fa !== Math.round(b.price * 100)) continue;
    if (fa === firstFen) lowestTied = true;
    else otherTied = true;
  }
  return { lowestTied, otherTied };
}

interface Acc {
  tenders: number;
  prices: number[];
  pairs: Array<{ price: number; control: number }>;
  cvs: number[];
  tieTenders: number;
  lowestTies: number;
  otherTies: number;
}

function profileOf(key: string, a: Acc): SegmentProfile {
  const unit = roundingUnit(a.prices);
  const discountUnit = discountRoundingUnit(a.pairs);
  return {
    informed: a.tenders >= MIN_SEGMENT_TENDERS,
    priceRoundness: roundnessOf(a.prices.map(priceRoundness)),
    discountRoundness: discountUnit === null ? null : roundnessOf(a.pairs.map((p) => discountRoundness(p.price, p.control))),
    key,
    tenders: a.tenders,
    bids: a.prices.length,
    priceUnit: unit.unit,
    priceUnitShare: unit.share,
    discountUnit,
    medianCv: a.cvs.length ? median(a.cvs) : null,
    lowestTieRate: a.tieTenders ? a.lowestTies / a.tieTenders : 0,
    otherTieRate: a.tieTenders ? a.otherTies / a.tieTenders : 0,
  };
}

/** Bids sampled per segment for the rounding units (every k-th bid): enough for a 90 % share, bounded at scale. */
const MAX_SAMPLE = 200_000;

export function computeMarketProfile(view: DatasetView): MarketProfile {
  const acc = new Map<string, Acc>();
  const all: Acc = { tenders: 0, prices: [], pairs: [], cvs: [], tieTenders: 0, lowestTies: 0, otherTies: 0 };
  const totalBids = view.dataset.bids.length;
  const every = Math.max(1, Math.ceil(totalBids / MAX_SAMPLE));
  let seen = 0;
  for (const t of view.tenders) {
    const key = segmentKey(t);
    let a = acc.get(key);
    if (!a) acc.set(key, (a = { tenders: 0, prices: [], pairs: [], cvs: [], tieTenders: 0, lowestTies: 0, otherTies: 0 }));
    const bids = validBidsSorted(view, t.code);
    if (bids.length === 0) continue;
    a.tenders++;
    all.tenders++;
    for (const b of bids) {
      if (seen++ % every !== 0) continue;
      a.prices.push(b.price);
      all.prices.push(b.price);
      if (t.controlPrice !== null && t.controlPrice > 0) {
        a.pairs.push({ price: b.price, control: t.controlPrice });
        all.pairs.push({ price: b.price, control: t.controlPrice });
      }
    }
    if (bids.length >= 3) {
      const cv = coefficientOfVariation(bids.map((b) => b.price));
      if (cv !== null) {
        a.cvs.push(cv);
        all.cvs.push(cv);
      }
    }
    if (new Set(bids.map((b) => b.bidderUscc)).size >= 3) {
      const ties = tiesOf(bids);
      for (const x of [a, all]) {
        x.tieTenders++;
        if (ties.lowestTied) x.lowestTies++;
        if (ties.otherTied) x.otherTies++;
      }
    }
  }
  const whole = profileOf('*', all);
  const segments = new Map<string, SegmentProfile>();
  for (const [key, a] of acc) if (a.tenders >= MIN_SEGMENT_TENDERS) segments.set(key, profileOf(key, a));
  return { all: whole, segments, of: (t) => segments.get(segmentKey(t)) ?? whole };
}

const cache = new WeakMap<DatasetView, MarketProfile>();

/** The market profile of a view, computed on first use and shared by every detector of the run. */
export function marketProfile(view: DatasetView): MarketProfile {
  let p = cache.get(view);
  if (!p) cache.set(view, (p = computeMarketProfile(view)));
  return p;
}

/** The resolution at which a tender's bidders choose a number: max(price rounding, discount rounding × control). */
export function effectiveUnit(p: SegmentProfile, controlPrice: number | null): number {
  const byDiscount = p.discountUnit !== null && controlPrice !== null && controlPrice > 0 ? p.discountUnit * controlPrice : 0;
  return Math.max(p.priceUnit, byDiscount);
}
