/**
 * Builders for the PERF and SITE specs (not used by the detectors). Every row starts from plain defaults so a spec
 * states only the fields its hand computation depends on.
 */
import type { z } from 'zod';
import type { Detector, DetectorContext, DetectorOutput } from '../detector.js';
import { viewOf } from '../dataset-view.js';
import { resolveSettings, type SettingsFor } from '../settings.js';
import type { AttendanceRow, BidRow, ContractRow, Dataset, TenderRow } from '../types.js';
import type { LowBidStatus } from './low-bid-status.js';
import type { ContractFacts } from './rule.js';
import { perfSettingsSchema } from './settings.js';
import { bidRow, tenderRow } from '../lib/rows.js';

export function tender(code: string, over: Partial<TenderRow> = {}): TenderRow {
  return tenderRow(code, { openDate: '2024-01-10', ...over });
}

export function bid(tenderCode: string, bidderUscc: string, over: Partial<BidRow> = {}): BidRow {
  const price = over.price ?? 9_000_000;
  return bidRow({ tenderCode, bidderUscc, bidderName: `公司 ${bidderUscc}`, price, ...over }, 10_000_000);
}

export function contract(tenderCode: string, winnerUscc: string, over: Partial<ContractRow> = {}): ContractRow {
  return {
    tenderCode,
    winnerUscc,
    contractPrice: 9_000_000,
    contractDate: '2024-02-01',
    plannedCompletion: null,
    changeOrderTotal: null,
    changeOrderCount: null,
    settlementPrice: null,
    actualCompletion: null,
    projectManagerChanged: null,
    ...over,
  };
}

export function att(
  tenderCode: string,
  personHash: string,
  role: AttendanceRow['role'],
  workDate: string,
  over: Partial<AttendanceRow> = {},
): AttendanceRow {
  return { tenderCode, personHash, role, employerUscc: 'W', workDate, present: true, ...over };
}

/** Every calendar day from `from` to `to` inclusive (YYYY-MM-DD). */
export function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = Date.parse(`${from}T00:00:00Z`); d <= Date.parse(`${to}T00:00:00Z`); d += 86_400_000) {
    out.push(new Date(d).toISOString().slice(0, 10));
  }
  return out;
}

export function dataset(over: Partial<Dataset> = {}): Dataset {
  return { tenders: [], bids: [], contracts: [], attendance: [], ...over };
}

export function settingsOf<S extends Record<string, unknown>>(schema: z.ZodType<S>, raw: unknown = {}): SettingsFor<S> {
  return resolveSettings('TEST', schema, raw).settings;
}

export function run<S extends Record<string, unknown>>(
  d: Detector<S>,
  ds: Dataset,
  raw: unknown = {},
  ctx: Partial<DetectorContext> = {},
): DetectorOutput {
  return d.run(viewOf(ds), settingsOf(d.settingsSchema, raw), { asOf: '2025-06-30', previous: new Map(), ...ctx });
}


/** ContractFacts for one PERF rule; the winner counts as not low unless `low` says otherwise. */
export function perfFacts(
  c: ContractRow,
  opts: { tender?: TenderRow; bid?: BidRow; settings?: Record<string, unknown>; low?: LowBidStatus } = {},
): ContractFacts {
  const low: LowBidStatus = opts.low ?? { path: 'ALB', low: false, triggers: [], discount: null, upperFence: null };
  return {
    contract: c,
    tender: 'tender' in opts ? opts.tender : tender(c.tenderCode),
    winningBid: opts.bid,
    settings: perfSettingsSchema.parse(opts.settings ?? {}),
    lowBid: () => low,
  };
}
