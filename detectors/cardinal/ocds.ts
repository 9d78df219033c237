/**
 * Defensive readers for OCDS compiled releases, and the selections and exclusions that cardinal-rs shares between
 * indicators (src/lib.rs `Indicators::*` helpers, docs/cli/indicators/index.md "Global configuration").
 *
 * A field of the wrong JSON type counts as absent: nothing here throws on odd input.
 */
import type { OcdsBid, OcdsCompiledRelease } from './types.js';

export type JsonObject = Record<string, unknown>;

export function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

export function asArray(value: unknown): readonly unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A JSON number (finite: JSON has no NaN or Infinity). */
export function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** `/x/status` as a string, if `x` is an object with a string status. */
export function statusOf(value: unknown): string | undefined {
  return asString(asObject(value)?.['status']);
}

/** The string `id` of each organization reference in an array (others are skipped: "missing ids" exclusion). */
export function idsOf(references: unknown): string[] {
  const ids: string[] = [];
  for (const reference of asArray(references) ?? []) {
    const id = asString(asObject(reference)?.['id']);
    if (id !== undefined) ids.push(id);
  }
  return ids;
}

/**
 * cardinal's pipe-separated lists: Rust `split_terminator('|')` — "a|b" → {a, b}; a trailing "|" adds nothing;
 * "" and unset → the empty set. No trimming: "a | b" → {"a ", " b"}.
 */
export function pipeSet(value: string | undefined): ReadonlySet<string> {
  if (value === undefined || value === '') return new Set();
  const parts = value.split('|');
  if (parts[parts.length - 1] === '') parts.pop();
  return new Set(parts);
}

export function tenderOf(release: OcdsCompiledRelease): JsonObject | undefined {
  return asObject(release.tender);
}

/** Global exclusion: `/tender/status` is "cancelled". */
export function isCancelled(release: OcdsCompiledRelease): boolean {
  return statusOf(release.tender) === 'cancelled';
}

/**
 * Match on `/tender/procurementMethodDetails` with an allow list (`include`) or a deny list (`exclude`).
 * An allow list works only if non-empty and then wins; a deny list works even when empty.
 * If the field is not a string, the process matches only when no allow list is in force.
 */
export function matchesProcurementMethodDetails(
  release: OcdsCompiledRelease,
  include: ReadonlySet<string>,
  exclude: ReadonlySet<string>,
): boolean {
  const details = asString(tenderOf(release)?.['procurementMethodDetails']);
  if (details === undefined) return include.size === 0;
  return include.size === 0 ? !exclude.has(details) : include.has(details);
}

/**
 * Whether a process takes part in price comparisons (R024, R028, R036, R058). Excluded if
 * `no_price_comparison_procurement_methods` is set and matches, or if `price_comparison_procurement_methods` is
 * set and doesn't match (or `procurementMethodDetails` is unset).
 */
export interface PriceComparison {
  include: ReadonlySet<string>;
  exclude: ReadonlySet<string>;
}

export function priceComparisonOf(settings: {
  price_comparison_procurement_methods?: string;
  no_price_comparison_procurement_methods?: string;
}): PriceComparison {
  return {
    include: pipeSet(settings.price_comparison_procurement_methods),
    exclude: pipeSet(settings.no_price_comparison_procurement_methods),
  };
}

export function comparesPrices(release: OcdsCompiledRelease, comparison: PriceComparison): boolean {
  return matchesProcurementMethodDetails(release, comparison.include, comparison.exclude);
}

/** `/bids/details` as an array, if it is one. */
export function bidDetails(release: OcdsCompiledRelease): readonly unknown[] | undefined {
  return asArray(asObject(release.bids)?.['details']);
}

/** A bid whose status is known to be a string. */
export type StatusedBid = OcdsBid & JsonObject & { status: string };

/**
 * Submitted bids: status pending, valid or disqualified — any string status except "invited" and "withdrawn"
 * (docs/cli/indicators/index.md glossary, "submitted"). Bids without a string status are not submitted.
 */
export function submittedBids(release: OcdsCompiledRelease): StatusedBid[] {
  const submitted: StatusedBid[] = [];
  for (const bid of bidDetails(release) ?? []) {
    const object = asObject(bid);
    const status = asString(object?.['status']);
    if (object && status !== undefined && status !== 'invited' && status !== 'withdrawn') {
      submitted.push(object as StatusedBid);
    }
  }
  return submitted;
}

/**
 * The active awards and the bids, only if every award with a string status is final: "active" is kept,
 * "cancelled" and "unsuccessful" are ignored (earlier attempts), any other status ("pending", "invalid", …)
 * excludes the process. Both `/awards` and `/bids/details` must be arrays. Awards without a string status are
 * ignored. Used by R024/R058 (the gap) and R035.
 */
export function finalAwardsAndBids(
  release: OcdsCompiledRelease,
): { activeAwards: JsonObject[]; details: readonly unknown[] } | undefined {
  const awards = asArray(release.awards);
  const details = bidDetails(release);
  if (!awards || !details) return undefined;
  const activeAwards: JsonObject[] = [];
  for (const award of awards) {
    const status = statusOf(award);
    if (status === undefined || status === 'cancelled' || status === 'unsuccessful') continue;
    if (status !== 'active') return undefined;
    activeAwards.push(award as JsonObject);
  }
  return { activeAwards, details };
}

/** A valid bid with one tenderer (with a string id) and a numeric amount in a string currency. */
export interface PricedBid {
  tendererId: string;
  amount: number;
  currency: string;
}

/** The valid, single-tenderer, priced bids, in file order (bids by several tenderers are left out: cardinal #17). */
export function validSingleTendererBids(details: readonly unknown[]): PricedBid[] {
  const bids: PricedBid[] = [];
  for (const bid of details) {
    const object = asObject(bid);
    if (!object || object['status'] !== 'valid') continue;
    const value = asObject(object['value']);
    const amount = asNumber(value?.['amount']);
    const currency = asString(value?.['currency']);
    const tenderers = asArray(object['tenderers']);
    if (amount === undefined || currency === undefined || !tenderers || tenderers.length !== 1) continue;
    const tendererId = asString(asObject(tenderers[0])?.['id']);
    if (tendererId !== undefined) bids.push({ tendererId, amount, currency });
  }
  return bids;
}

export function sameSet<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}
