/**
 * IDENT — identical bid prices (cardinal-rs R028; 招标投标法实施条例第四十条(四) 投标文件异常一致).
 * Methodology: IDENT.md.
 *
 * Within one tender, two or more **different** bidders whose prices are equal to the fen (prices carry at most
 * 2 decimals, so comparing whole fen is exact equality without binary-fraction noise). A bidder repeating its own
 * price is not a match. Every bid in a tie group is flagged. Invalid bids count by default, as cardinal counts
 * disqualified bids: a rejected cover bid identical to another is still evidence.
 */
import { z } from 'zod';
import type { Detector } from '../detector.js';
import type { BidRow, Flag } from '../types.js';
import { CoverageCounter } from './coverage.js';
import { bidId, byString, money } from './format.js';

export const IDENT_VERSION = '1.0.0';

export const identSettingsSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** Count invalid (否决) bids too (cardinal counts disqualified bids). */
  includeInvalid: z.boolean().default(true),
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

export const identDetector: Detector<IdentSettings> = {
  code: 'IDENT',
  version: IDENT_VERSION,
  title: '不同投标人报价完全相同 · Identical bid prices',
  family: 'price',
  settingsSchema: identSettingsSchema,
  // Exact ties between firms are rare in fen-priced bids; more than 5 % of tenders points at rounded or fixed prices.
  maxFlagShare: 0.05,
  run(view, settings) {
    const coverage = new CoverageCounter();
    const flags: Flag[] = [];
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
      for (const group of identicalPriceGroups(bids, s.includeInvalid)) {
        coverage.markFlagged(t.code);
        const price = group[0]!.price;
        // A tie at the control price is a tie at the ceiling, which the tender set, not the bidders: weaker.
        const atControl = t.controlPrice !== null && Math.round(t.controlPrice * 100) === Math.round(price * 100);
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
            score: atControl ? 0.6 : 0.9,
            severity: atControl ? 'medium' : 'high',
            explanation:
              `投标报价 ${money(price)} 元与 ${names(others)} 的报价完全相同（同价 ${distinct} 家${atControl ? '，等于最高投标限价' : ''}）；` +
              `属《招标投标法实施条例》第四十条（四）“不同投标人的投标文件异常一致”所列视为串通投标的情形，需核查，不是结论 ` +
              `(identical bid prices across different bidders; cardinal-rs R028)`,
            evidence: {
              rule: 'R028',
              price,
              valid: b.valid,
              matches: others.map((o) => ({ bidderUscc: o.bidderUscc, bidderName: o.bidderName, valid: o.valid })),
              groupSize: distinct,
              atControlPrice: atControl,
              controlPrice: t.controlPrice,
              includeInvalid: s.includeInvalid,
              source: '招标投标法实施条例 第四十条(四); cardinal-rs R028',
            },
          });
        }
      }
    }
    flags.sort((x, y) => byString(x.subjectId, y.subjectId));
    return { flags, coverage: coverage.result() };
  },
};
