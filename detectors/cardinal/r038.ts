/**
 * R038 — Excessive disqualified bids (否决投标比例异常偏高).
 *
 * Definition: the ratio of disqualified bids to submitted bids is a high outlier per buyer, procuring entity or
 * tenderer.
 * Formula: across all processes in the file,
 *   buyer ratio            = disqualified bids / submitted bids in the buyer's processes (`/buyer/id`),
 *   procuring-entity ratio = the same per `/tender/procuringEntity/id`,
 *   tenderer ratio         = the tenderer's disqualified bids / its submitted bids (each id on a bid counts).
 * Submitted = status pending, valid or disqualified. In each group, ids whose denominator is below the minimum are
 * left out; the upper fence is Q3 + 1.5·IQR of the remaining ratios (statrs type-8 quartiles) or `[R038]
 * threshold`; an id is flagged with its ratio if ratio ≥ fence. A group is skipped if it has no ratios or its
 * fence is not > 0 (when 75 % of ids have no disqualified bid).
 * Minimums: `minimum_submitted_bids` (default 2) for tenderers; `minimum_contracting_processes` (default 2) for
 * buyers and procuring entities.
 * Exclusions: the global ones; processes with no submitted bid; references without an id. No price is read.
 *
 * Source: cardinal-rs docs/cli/indicators/R/038.md; behaviour from src/indicators/r038.rs.
 * Docs vs code: R038.md says buyers and procuring entities "with fewer than 2 contracting processes are
 * excluded", but cardinal compares `minimum_contracting_processes` with the buyer's number of submitted bids
 * (the fraction's denominator), and its own demonstration (docs/examples/R/038.jsonl → {"Buyer":{"B":{"R038":0.5}}},
 * where B has one process with two bids) only holds under that reading. bidwatch follows the code.
 */
import type { CardinalIndicator, Fraction, RunContext } from './context.js';
import { asObject, asString, idsOf, submittedBids, tenderOf } from './ocds.js';
import { lowerQuartile, upperFence, upperQuartile } from './quartiles.js';
import type { CardinalGroup, CardinalSettings, OcdsCompiledRelease } from './types.js';

export const R038_DEFAULT_MINIMUM_SUBMITTED_BIDS = 2;
export const R038_DEFAULT_MINIMUM_CONTRACTING_PROCESSES = 2;

function add(map: Map<string, Fraction>, id: string, numerator: number, denominator: number): void {
  const f = map.get(id);
  if (f) {
    f.numerator += numerator;
    f.denominator += denominator;
  } else {
    map.set(id, { numerator, denominator });
  }
}

/** Add one process's submitted and disqualified bids to the running fractions. */
export function countDisqualifiedBids(release: OcdsCompiledRelease, fractions: RunContext['r038']): void {
  const bids = submittedBids(release);
  if (bids.length === 0) return;
  let disqualified = 0;
  for (const bid of bids) {
    const increment = bid.status === 'disqualified' ? 1 : 0;
    disqualified += increment;
    for (const id of idsOf(bid['tenderers'])) add(fractions.Tenderer, id, increment, 1);
  }
  const buyer = asString(asObject(release.buyer)?.['id']);
  if (buyer !== undefined) add(fractions.Buyer, buyer, disqualified, bids.length);
  const entity = asString(asObject(tenderOf(release)?.['procuringEntity'])?.['id']);
  if (entity !== undefined) add(fractions.ProcuringEntity, entity, disqualified, bids.length);
}

type R038Group = CardinalGroup & keyof RunContext['r038'];

export interface R038Outcome {
  ratios: Map<string, number>;
  /** Set when computed from the data (no threshold given). */
  q1?: number;
  q3?: number;
  fence: number;
  /** Ids whose ratio ≥ fence; empty when the fence is not > 0. */
  flagged: Map<string, number>;
}

/**
 * R038's decision over one group's fractions, as cardinal has it: ids whose denominator is below `minimum` are left
 * out; the fence is Q3 + 1.5·IQR of the rest (statrs type 8) or `threshold`; ids with ratio ≥ fence are flagged;
 * nothing is flagged when the fence is not > 0. Null when no id remains. Shared by the OCDS runner and the
 * buyer / agency indicator on bidwatch's Dataset (detectors/buyer/br038.ts).
 */
export function r038Outcome(fractions: ReadonlyMap<string, Fraction>, minimum: number, threshold: number | undefined): R038Outcome | null {
  const ratios = new Map<string, number>();
  for (const [id, f] of fractions) {
    if (f.denominator >= minimum) ratios.set(id, f.numerator / f.denominator);
  }
  if (ratios.size === 0) return null;
  const out: R038Outcome = { ratios, fence: threshold ?? 0, flagged: new Map() };
  if (threshold === undefined) {
    const values = [...ratios.values()];
    out.q1 = lowerQuartile(values);
    out.q3 = upperQuartile(values);
    out.fence = upperFence(out.q1, out.q3);
  }
  if (out.fence > 0) for (const [id, ratio] of ratios) if (ratio >= out.fence) out.flagged.set(id, ratio);
  return out;
}

function flagGroup(context: RunContext, group: R038Group, minimum: number, threshold: number | undefined): void {
  const o = r038Outcome(context.r038[group], minimum, threshold);
  if (!o) return;
  if (o.q1 !== undefined && o.q3 !== undefined) {
    context.setMeta('R038', `${group}_q1`, o.q1);
    context.setMeta('R038', `${group}_q3`, o.q3);
  }
  context.setMeta('R038', `${group}_upper_fence`, o.fence);
  for (const [id, ratio] of o.flagged) context.setResult(group, id, 'R038', ratio);
}

export function createR038(settings: CardinalSettings): CardinalIndicator {
  const threshold = settings.R038?.threshold;
  const minimumBids = settings.R038?.minimum_submitted_bids ?? R038_DEFAULT_MINIMUM_SUBMITTED_BIDS;
  const minimumProcesses =
    settings.R038?.minimum_contracting_processes ?? R038_DEFAULT_MINIMUM_CONTRACTING_PROCESSES;
  return {
    fold(release, _ocid, context) {
      countDisqualifiedBids(release, context.r038);
    },
    finalize(context) {
      flagGroup(context, 'Buyer', minimumProcesses, threshold);
      flagGroup(context, 'ProcuringEntity', minimumProcesses, threshold);
      flagGroup(context, 'Tenderer', minimumBids, threshold);
    },
  };
}
