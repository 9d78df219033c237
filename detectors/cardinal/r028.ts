/**
 * R028 — Identical bid prices (不同投标人报价完全相同).
 *
 * Definition: different tenderers submitted bids with the same price.
 * Formula: among the submitted bids (status pending, valid or disqualified) that have an amount, a currency and at
 * least one tenderer id, two bids with the same (amount, currency) and different sets of tenderer ids flag the
 * process (OCID, 1.0) and every tenderer of both bids (Tenderer, 1.0). A tenderer may repeat its own price; the
 * order of tenderers within a bid does not matter; 1 and 1.0 are the same amount, 1 and 1.1 are not, and the same
 * amount in two currencies is not a match.
 * Exclusions: the global ones; the price-comparison settings (prices predetermined by the buyer); bids without
 * tenderer ids. There is no main-currency filter: the currency is part of the price.
 *
 * Source: cardinal-rs docs/cli/indicators/R/028.md; behaviour checked against src/indicators/r028.rs and the
 * shared fixture R028.jsonl.
 */
import type { CardinalIndicator } from './context.js';
import {
  asArray,
  asNumber,
  asObject,
  asString,
  comparesPrices,
  priceComparisonOf,
  sameSet,
  submittedBids,
  type PriceComparison,
} from './ocds.js';
import type { CardinalSettings, OcdsCompiledRelease } from './types.js';

/** The tenderers that share a price with a different set of tenderers, or undefined if none do. */
export function identicalPriceTenderers(
  release: OcdsCompiledRelease,
  comparison: PriceComparison,
): Set<string> | undefined {
  if (!comparesPrices(release, comparison)) return undefined;
  const flagged = new Set<string>();
  let hit = false;
  const seen = new Map<string, ReadonlySet<string>>(); // "amount currency" → the last bid's tenderer ids
  for (const bid of submittedBids(release)) {
    const tenderers = asArray(bid['tenderers']);
    const value = asObject(bid['value']);
    const amount = asNumber(value?.['amount']);
    const currency = asString(value?.['currency']);
    if (!tenderers || amount === undefined || currency === undefined) continue;
    const ids = new Set<string>();
    for (const t of tenderers) {
      const id = asString(asObject(t)?.['id']);
      if (id !== undefined) ids.add(id);
    }
    if (ids.size === 0) continue;
    const price = `${String(amount)}\u0000${currency}`; // String(-0) === "0": −0 and 0 are one price
    const other = seen.get(price);
    if (other && !sameSet(ids, other)) {
      hit = true;
      for (const id of ids) flagged.add(id);
      for (const id of other) flagged.add(id);
    }
    seen.set(price, ids);
  }
  return hit ? flagged : undefined;
}

export function createR028(settings: CardinalSettings): CardinalIndicator {
  const comparison = priceComparisonOf(settings);
  return {
    fold(release, ocid, context) {
      const tenderers = identicalPriceTenderers(release, comparison);
      if (!tenderers) return;
      context.setResult('OCID', ocid, 'R028', 1.0);
      for (const id of tenderers) context.setResult('Tenderer', id, 'R028', 1.0);
    },
  };
}
