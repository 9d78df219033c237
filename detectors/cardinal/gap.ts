/**
 * The gap shared by R024 (price close to winning bid) and R058 (heavily discounted bid):
 *
 *   gap = (secondLowestValidBidAmount − winningBidAmount) / winningBidAmount
 *
 * computed once per contracting process (cardinal-rs `SecondLowestBidRatio`, src/indicators/util.rs; definitions in
 * docs/cli/indicators/R/024.md and R/058.md, "Methodology" and "Exclusions").
 *
 * A process has a gap only if:
 * - it takes part in price comparisons (`no_price_comparison_procurement_methods` /
 *   `price_comparison_procurement_methods`);
 * - `/awards` and `/bids/details` are arrays and no award is pending, invalid or otherwise non-final
 *   (cancelled and unsuccessful awards are ignored);
 * - there is exactly one active award, with exactly one supplier that has an id (cardinal issues #14, #17);
 * - among the valid bids that have one tenderer with an id and an amount in the main currency, the winner (the
 *   supplier) has a bid and someone else has a bid. The winning bid is the winner's lowest; the second-lowest
 *   bid is the lowest of the others (first one wins a tie);
 * - the winning bid is not above the second-lowest (else the award criteria are not price only).
 *
 * bidwatch divergence: a 0/0 gap (winning and second-lowest bids both zero) is dropped; cardinal would keep a NaN
 * that can never be flagged but would shift its quartiles in an order-dependent way.
 */
import type { CardinalIndicator, Gap, RunContext } from './context.js';
import {
  comparesPrices,
  finalAwardsAndBids,
  idsOf,
  priceComparisonOf,
  validSingleTendererBids,
  type PriceComparison,
} from './ocds.js';
import type { CardinalSettings, OcdsCompiledRelease } from './types.js';

/** The gap of one process, or undefined when the process is excluded. Reads and may fix the main currency. */
export function secondLowestBidGap(
  release: OcdsCompiledRelease,
  comparison: PriceComparison,
  acceptsCurrency: (currency: string) => boolean,
): Gap | undefined {
  if (!comparesPrices(release, comparison)) return undefined;
  const final = finalAwardsAndBids(release);
  if (!final || final.activeAwards.length !== 1) return undefined;
  const suppliers = final.activeAwards[0]!['suppliers'];
  if (!Array.isArray(suppliers) || suppliers.length !== 1) return undefined;
  const [supplierId] = idsOf(suppliers);
  if (supplierId === undefined) return undefined;

  let winner: { id: string; amount: number } | undefined;
  let other: { id: string; amount: number } | undefined;
  for (const bid of validSingleTendererBids(final.details)) {
    if (!acceptsCurrency(bid.currency)) continue;
    if (bid.tendererId === supplierId) {
      if (!winner || bid.amount < winner.amount) winner = { id: bid.tendererId, amount: bid.amount };
    } else if (!other || bid.amount < other.amount) {
      other = { id: bid.tendererId, amount: bid.amount };
    }
  }
  if (!winner || !other || !(other.amount >= winner.amount)) return undefined;
  const ratio = (other.amount - winner.amount) / winner.amount;
  if (Number.isNaN(ratio)) return undefined;
  return { ratio, winner: winner.id, lowestNonWinner: other.id };
}

/** The pass that fills `context.gaps`; run before R024 and R058 when either is enabled. */
export function createGapPass(settings: CardinalSettings): CardinalIndicator {
  const comparison = priceComparisonOf(settings);
  return {
    fold(release, ocid, context: RunContext) {
      const gap = secondLowestBidGap(release, comparison, (c) => context.currency.accepts(c));
      // One line per ocid is expected; a repeated ocid overwrites, as in cardinal.
      if (gap) context.gaps.set(ocid, gap);
    },
  };
}
