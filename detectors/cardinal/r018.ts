/**
 * R018 — Single bid received (单一投标).
 *
 * Definition: only one tenderer submitted a bid in a competitive procedure.
 * Formula: flag the process (OCID, value 1.0) if `/tender/numberOfTenderers` = 1 and `/tender/procurementMethod`
 * is one of the competitive methods (`[R018] procurement_methods`, default "open|selective"; an explicitly empty
 * list means every method, and a missing method then matches too).
 * Exclusions: the global ones (ocid not a string, cancelled tender, `[exclusions] procurement_method_details`);
 * `numberOfTenderers` that is not the number 1 (negative, missing, a string). Not a price indicator: the
 * price-comparison settings and the currency do not apply.
 *
 * Source: cardinal-rs docs/cli/indicators/R/018.md; behaviour checked against src/indicators/r018.rs and the
 * shared fixture R018.jsonl. Divergence: cardinal reads the JSON literal `1.0` as not-an-integer and does not
 * flag it; after JSON.parse bidwatch cannot tell `1.0` from `1` and flags it.
 */
import type { CardinalIndicator } from './context.js';
import { asString, pipeSet, tenderOf } from './ocds.js';
import type { CardinalSettings, OcdsCompiledRelease } from './types.js';

export const R018_DEFAULT_PROCUREMENT_METHODS = 'open|selective';

export function isSingleBid(release: OcdsCompiledRelease, methods: ReadonlySet<string>): boolean {
  const tender = tenderOf(release);
  if (!tender) return false;
  if (methods.size > 0) {
    const method = asString(tender['procurementMethod']);
    if (method === undefined || !methods.has(method)) return false;
  }
  return tender['numberOfTenderers'] === 1;
}

export function createR018(settings: CardinalSettings): CardinalIndicator {
  const methods = pipeSet(settings.R018?.procurement_methods ?? R018_DEFAULT_PROCUREMENT_METHODS);
  return {
    fold(release, ocid, context) {
      if (isSingleBid(release, methods)) context.setResult('OCID', ocid, 'R018', 1.0);
    },
  };
}
