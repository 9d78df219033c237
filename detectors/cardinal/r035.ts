/**
 * R035 — All except winning bid disqualified (除中标人外其余投标均被否决).
 *
 * Definition: bids are disqualified if not submitted by the single tenderer of the winning bid.
 * Formula: the process is flagged if
 * - exactly one tenderer id appears on valid bids,
 * - that set of one equals the set of supplier ids of all active awards, and
 * - n = the number of distinct tenderer ids on disqualified bids, other than that one, is ≥ `[R035] threshold`
 *   (default 1; values below 1 count as 1).
 * Value: n for the process (OCID); the winner gets 0.0 in the Tenderer group.
 * Exclusions: the global ones; `/awards` or `/bids/details` missing; an award that is pending, invalid or any
 * status other than active, cancelled, unsuccessful (awards without a status are ignored); tenderer/supplier
 * references without an id. Pending, invited and withdrawn bids are ignored. No price is read: neither the
 * price-comparison settings nor the currency apply.
 *
 * Source: cardinal-rs docs/cli/indicators/R/035.md; behaviour from src/indicators/r035.rs (the winner's Tenderer
 * flag is cardinal 0.0.6's "R035: Flag the winner", docs/changelog.md, newer than the R035.md output section).
 */
import type { CardinalIndicator } from './context.js';
import { asArray, asObject, asString, finalAwardsAndBids, idsOf, sameSet } from './ocds.js';
import type { CardinalSettings, OcdsCompiledRelease } from './types.js';

export const R035_DEFAULT_THRESHOLD = 1;

/** The winner and the number of other disqualified tenderers, if the process is flagged. */
export function allExceptWinnerDisqualified(
  release: OcdsCompiledRelease,
  threshold: number,
): { winner: string; disqualified: number } | undefined {
  const final = finalAwardsAndBids(release);
  if (!final) return undefined;
  const suppliers = new Set<string>();
  for (const award of final.activeAwards) for (const id of idsOf(award['suppliers'])) suppliers.add(id);
  const valid = new Set<string>();
  const disqualified = new Set<string>();
  for (const bid of final.details) {
    const object = asObject(bid);
    const status = asString(object?.['status']);
    if (!object || !asArray(object['tenderers'])) continue;
    const target = status === 'valid' ? valid : status === 'disqualified' ? disqualified : undefined;
    if (target) for (const id of idsOf(object['tenderers'])) target.add(id);
  }
  if (valid.size !== 1 || !sameSet(valid, suppliers)) return undefined;
  const [winner] = valid;
  let others = 0;
  for (const id of disqualified) if (!valid.has(id)) others += 1;
  return others >= threshold ? { winner: winner!, disqualified: others } : undefined;
}

export function createR035(settings: CardinalSettings): CardinalIndicator {
  const threshold = Math.max(settings.R035?.threshold ?? R035_DEFAULT_THRESHOLD, 1);
  return {
    fold(release, ocid, context) {
      const hit = allExceptWinnerDisqualified(release, threshold);
      if (!hit) return;
      context.setResult('OCID', ocid, 'R035', hit.disqualified);
      context.setResult('Tenderer', hit.winner, 'R035', 0.0);
    },
  };
}
