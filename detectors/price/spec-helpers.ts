/**
 * Builders for the price detectors' specs: small datasets written by hand, defaults filled in.
 * Not used at run time.
 */
import type { DetectorContext, DetectorOutput } from '../detector.js';
import { viewOf, type DatasetView } from '../dataset-view.js';
import { resolveSettings } from '../settings.js';
import type { Detector } from '../detector.js';
import type { BidRow, Dataset, TenderRow } from '../types.js';
import { bidRow, tenderRow } from '../lib/rows.js';

export function tender(code: string, over: Partial<TenderRow> = {}): TenderRow {
  return tenderRow(code, { openDate: '2024-05-20', ...over });
}

/** A bid; `discount` is derived from `control` when given (as the importer does). */
export function bid(tenderCode: string, uscc: string, price: number, over: Partial<BidRow> = {}, control: number | null = null): BidRow {
  return bidRow({ tenderCode, bidderUscc: uscc, bidderName: `公司${uscc}`, price, ...over }, control);
}

/** A tender and its bids from a price list; bidder ids B1, B2, … unless given. */
export function tenderWithBids(
  code: string,
  prices: number[],
  over: Partial<TenderRow> = {},
  bidOver: (i: number) => Partial<BidRow> = () => ({}),
): { tender: TenderRow; bids: BidRow[] } {
  const t = tender(code, over);
  return { tender: t, bids: prices.map((p, i) => bid(code, `B${i + 1}`, p, bidOver(i), t.controlPrice)) };
}

export function dataset(parts: { tender: TenderRow; bids: BidRow[] }[]): Dataset {
  return { tenders: parts.map((p) => p.tender), bids: parts.flatMap((p) => p.bids), contracts: [], attendance: [] };
}

export const NO_CONTEXT: DetectorContext = { asOf: '2026-01-01', previous: new Map() };

/** Resolve raw settings as runDetectors does and run one detector. */
export function runOne<S extends Record<string, unknown>>(
  detector: Detector<S>,
  data: Dataset | DatasetView,
  raw: unknown = {},
  ctx: DetectorContext = NO_CONTEXT,
): DetectorOutput {
  const view = 'bidsOf' in data ? data : viewOf(data);
  const { settings } = resolveSettings(detector.code, detector.settingsSchema, raw);
  return detector.run(view, settings, ctx);
}
