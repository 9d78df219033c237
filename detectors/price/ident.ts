/**
 * IDENT — identical bid prices (cardinal-rs R028; 招标投标法实施条例第四十条(四) 投标文件异常一致).
 * Methodology: IDENT.md.
 *
 * Within one tender, two or more **different** bidders whose prices are equal to the fen (prices carry at most
 * 2 decimals, so comparing whole fen is exact equality without binary-fraction noise). A bidder repeating its own
 * price is not a match. Invalid bids count by default, as cardinal counts disqualified bids: a rejected cover bid
 * identical to another is still evidence.
 *
 * A tie is *abnormal* (异常一致) only when chance does not explain it in this market: tie-chance.ts computes the
 * probability of such a tie among the tender's bidders from the market's rounding and spread (market-profile.ts).
 * Flagged when that chance ≤ `maxChance`; score 0.9 at a chance of 10⁻³ or less, 0.6 at `maxChance`, log-linear
 * between; two thirds of that at the control price (a ceiling the tender set). Ties the market makes by design are
 * not flagged: at the lowest price in a market whose ties pile up there (a price floor, announced or computable).
 */
import { z } from 'zod';
import type { Detector } from '../detector.js';
import type { BidRow, Flag } from '../types.js';
import { CoverageCounter } from './coverage.js';
import { bidId, byString, money } from './format.js';
import { FEN_ROUNDNESS, discountRoundness, marketProfile, priceRoundness, type SegmentProfile } from '../market/market-profile.js';
import { tieChance, type TieChance } from './tie-chance.js';

export const IDENT_VERSION = '2.0.0';

export const identSettingsSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** Count invalid (否决) bids too (cardinal counts disqualified bids). */
  includeInvalid: z.boolean().default(true),
  /** A tie is flagged when its chance among independent bidders of this market is at most this. */
  maxChance: z.number().gt(0).max(1).default(0.01),
  /**
   * Ties at the lowest price: `auto` treats them as the market's design when its lowest-price tie rate is ≥ 2 % and
   * at least its rate of ties elsewhere (a floor); `design` always; `evidence` never.
   */
  floorTies: z.enum(['auto', 'design', 'evidence']).default('auto'),
  /** Spread assumed where the market is too small to measure (fewer than 30 tenders with bids). */
  priorCv: z.number().positive().max(1).default(0.05),
});
export type IdentSettings = z.infer<typeof identSettingsSchema>;

/** Groups of bids by different bidders at the same price (fen), each group sorted by USCC, groups by price. */
export function identicalPriceGroups(bids: readonly BidRow[], includeInvalid: boolean): BidRow[][] {
  // Fast path for the usual tender with no two equal prices: sort the fen values, compare neighbours.
  const fens: number[] = [];
  for (const b of bids) if (b.price > 0 && (includeInvalid || b.valid)) fens.push(Math.round(b.price * 100));
  fens.sort((a, b) => a - b);
  if (!fens.some((f, i) => i > 0 && f === fens[i - 1])) return [];
  const byFen = new Map<number, BidRow[]>();
  for (const b of bids) {
    if (!(b.price > 0) || (!includeInvalid && !b.valid)) continue;
    const fen = Math.round(b.price * 100);
    const list = byFen.get(fen);
    if (list) list.push(b);
    else byFen.set(fen, [b]);
  }
  const groups: BidRow[][] = [];
  for (const list of byFen.values()) {
    const one = new Map<string, BidRow>(); // a bidder's repeated bid at the same price counts once
    for (const b of list) if (!one.has(b.bidderUscc)) one.set(b.bidderUscc, b);
    if (one.size < 2) continue;
    groups.push([...one.values()].sort((a, b) => byString(a.bidderUscc, b.bidderUscc)));
  }
  return groups.sort((a, b) => a[0]!.price - b[0]!.price);
}

function names(bids: readonly BidRow[]): string {
  const shown = bids.slice(0, 3).map((b) => `${b.bidderName}（${b.bidderUscc}）`);
  return bids.length > 3 ? `${shown.join('、')} 等 ${bids.length} 家` : shown.join('、');
}

/** Whether ties at the lowest price are the market's design (a floor) rather than evidence. */
export function floorTiesAreDesign(p: SegmentProfile, mode: IdentSettings['floorTies']): boolean {
  if (mode !== 'auto') return mode === 'design';
  return p.informed && p.lowestTieRate >= 0.02 && p.lowestTieRate >= p.otherTieRate;
}

/** The chance of one tie group among a tender's bidders, in the market's price or discount space. */
export function groupChance(p: SegmentProfile, price: number, controlPrice: number | null, bidders: number, groupSize: number, meanPrice: number, priorCv: number): TieChance {
  const cv = p.informed && p.medianCv !== null && p.medianCv > 0 ? p.medianCv : priorCv;
  const sigma = cv * meanPrice;
  if (p.informed && p.discountRoundness && controlPrice !== null && controlPrice > 0) {
    return tieChance({ roundness: p.discountRoundness, level: discountRoundness(price, controlPrice), scale: controlPrice, bidders, groupSize, sigma });
  }
  return tieChance({ roundness: p.informed ? p.priceRoundness : FEN_ROUNDNESS, level: priceRoundness(price), scale: 1, bidders, groupSize, sigma });
}

/** 0.9 at a chance of 10⁻³ or less, 0.6 at 10⁻², log-linear between (and below 0.6 for larger maxChance). */
export function tieScore(chance: number): number {
  const lg = -Math.log10(Math.max(chance, 1e-12));
  return Math.max(0.1, Math.min(0.9, 0.3 * lg));
}

function pctText(x: number): string {
  return x < 0.0001 ? '< 0.01%' : `${(x * 100).toFixed(x < 0.01 ? 2 : 1)}%`;
}

export const identDetector: Detector<IdentSettings> = {
  code: 'IDENT',
  version: IDENT_VERSION,
  title: '不同投标人报价完全相同 · Identical bid prices',
  family: 'price',
  settingsSchema: identSettingsSchema,
  // Ties that chance explains are no longer flagged; more than 5 % of tenders still points at fixed prices.
  maxFlagShare: 0.05,
  run(view, settings) {
    const coverage = new CoverageCounter();
    const flags: Flag[] = [];
    const tenderMetrics = new Map<string, Record<string, number | null>>();
    const market = marketProfile(view);
    for (const t of view.tenders) {
      const s = settings.for(t);
      if (!s.enabled) {
        coverage.excluded += 1;
        continue;
      }
      const bids = view.bidsOf.get(t.code) ?? [];
      const counted = bids.filter((b) => b.price > 0 && (s.includeInvalid || b.valid));
      if (!counted.some((b) => b.bidderUscc !== counted[0]!.bidderUscc)) {
        coverage.notApplicable += 1;
        continue;
      }
      coverage.applied += 1;
      const groups = identicalPriceGroups(bids, s.includeInvalid);
      if (groups.length === 0) continue;
      const profile = market.of(t);
      const bidders = new Set(counted.map((b) => b.bidderUscc)).size;
      const meanPrice = counted.reduce((a, b) => a + b.price, 0) / counted.length;
      const lowest = counted.reduce((lo, b) => Math.min(lo, b.price), Infinity);
      const floorDesign = floorTiesAreDesign(profile, s.floorTies);
      let minChance = 1;
      for (const group of groups) {
        const price = group[0]!.price;
        const atControl = t.controlPrice !== null && Math.round(t.controlPrice * 100) === Math.round(price * 100);
        const atFloor = floorDesign && Math.round(price * 100) === Math.round(lowest * 100);
        const chance = groupChance(profile, price, t.controlPrice, bidders, group.length, meanPrice, s.priorCv);
        minChance = Math.min(minChance, chance.chance);
        if (atFloor || chance.chance > s.maxChance) continue;
        coverage.markFlagged(t.code);
        const base = tieScore(chance.chance);
        const score = atControl ? (base * 2) / 3 : base;
        const severity = score >= 0.8 ? 'high' : score >= 0.5 ? 'medium' : 'low';
        const distinct = group.length;
        for (const b of group) {
          const others = group.filter((o) => o.bidderUscc !== b.bidderUscc);
          flags.push({
            detector: 'IDENT',
            version: IDENT_VERSION,
            subjectType: 'bid',
            subjectId: bidId(t.code, b.bidderUscc),
            tenderCode: t.code,
            bidderUscc: b.bidderUscc,
            score,
            severity,
            explanation:
              `投标报价 ${money(price)} 元与 ${names(others)} 的报价完全相同（同价 ${distinct} 家${atControl ? '，等于最高投标限价' : ''}）；` +
              `按本市场的报价取整与离散程度，${bidders} 家独立报价出现这样的雷同的概率约 ${pctText(chance.chance)}（≤ ${pctText(s.maxChance)} 才标记）；` +
              `属《招标投标法实施条例》第四十条（四）“不同投标人的投标文件异常一致”所列视为串通投标的情形，需核查，不是结论 ` +
              `(identical bid prices across different bidders, chance ${chance.chance.toPrecision(2)} in this market; cardinal-rs R028)`,
            evidence: {
              rule: 'R028',
              price,
              valid: b.valid,
              matches: others.map((o) => ({ bidderUscc: o.bidderUscc, bidderName: o.bidderName, valid: o.valid })),
              groupSize: distinct,
              atControlPrice: atControl,
              controlPrice: t.controlPrice,
              includeInvalid: s.includeInvalid,
              chance: { value: chance.chance, perPair: chance.perPair, expectedTies: chance.expected, bidders, sigma: chance.sigma, widthYuan: chance.widthYuan, maxChance: s.maxChance },
              market: { segment: profile.key, informed: profile.informed, priceUnit: profile.priceUnit, discountUnit: profile.discountUnit, medianCv: profile.medianCv, lowestTieRate: profile.lowestTieRate, otherTieRate: profile.otherTieRate },
              source: '招标投标法实施条例 第四十条(四); cardinal-rs R028',
            },
          });
        }
      }
      tenderMetrics.set(t.code, { tie_chance: minChance });
    }
    flags.sort((x, y) => byString(x.subjectId, y.subjectId));
    return { flags, coverage: coverage.result(), tenderMetrics };
  },
};
