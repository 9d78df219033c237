/**
 * R036 — Lowest bid disqualified (最低价投标被否决).
 *
 * Definition: the lowest submitted bid is disqualified, while the award criterion is price only.
 * Formula: the process (OCID, 1.0) is flagged if it has at least one active award, at least one valid bid with an
 * amount in the main currency, and the lowest submitted bid (pending, valid or disqualified; amount in the main
 * currency) is disqualified. On a tie for lowest, the first such bid in `/bids/details` decides.
 * Exclusions: the global ones; the price-comparison settings (which is how "price only" is configured);
 * no active award; no valid bid with an amount; amounts in another currency; invited and withdrawn bids.
 * Unlike R024/R035, pending awards do not exclude the process: one active award suffices.
 *
 * Source: cardinal-rs docs/cli/indicators/R/036.md; behaviour from src/indicators/r036.rs (including cardinal
 * 0.0.6's "exclude contracting processes in which no valid bid has an amount", docs/changelog.md).
 */
import type { CardinalIndicator } from './context.js';
import {
  asArray,
  asNumber,
  asObject,
  asString,
  comparesPrices,
  priceComparisonOf,
  statusOf,
  submittedBids,
  type PriceComparison,
} from './ocds.js';
import type { CardinalSettings, OcdsCompiledRelease } from './types.js';

export function isLowestBidDisqualified(
  release: OcdsCompiledRelease,
  comparison: PriceComparison,
  acceptsCurrency: (currency: string) => boolean,
): boolean {
  if (!comparesPrices(release, comparison)) return false;
  const awards = asArray(release.awards);
  if (!awards || !awards.some((award) => statusOf(award) === 'active')) return false;
  let lowest: number | undefined;
  let lowestIsDisqualified = false;
  let hasValidBidWithAmount = false;
  for (const bid of submittedBids(release)) {
    const value = asObject(bid['value']);
    const amount = asNumber(value?.['amount']);
    const currency = asString(value?.['currency']);
    if (amount === undefined || currency === undefined || !acceptsCurrency(currency)) continue;
    if (lowest === undefined || amount < lowest) {
      lowest = amount;
      lowestIsDisqualified = bid.status === 'disqualified';
    }
    if (bid.status === 'valid') hasValidBidWithAmount = true;
  }
  return hasValidBidWithAmount && lowestIsDisqualified;
}

export function createR036(settings: CardinalSettings): CardinalIndicator {
  const comparison = priceComparisonOf(settings);
  return {
    fold(release, ocid, context) {
      if (isLowestBidDisqualified(release, comparison, (c) => context.currency.accepts(c))) {
        context.setResult('OCID', ocid, 'R036', 1.0);
      }
    },
  };
}
