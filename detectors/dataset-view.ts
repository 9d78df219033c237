import type { AttendanceRow, BidRow, ContractRow, Dataset, TenderRow } from './types.js';

/**
 * The dataset indexed once for every detector: tenders by code, each tender's bids, contracts and attendance.
 * Built in one pass; 1,000,000 bids index in well under a second.
 */
export interface DatasetView {
  dataset: Dataset;
  tenders: readonly TenderRow[];
  tender: ReadonlyMap<string, TenderRow>;
  bidsOf: ReadonlyMap<string, readonly BidRow[]>;
  contractOf: ReadonlyMap<string, ContractRow>;
  attendanceOf: ReadonlyMap<string, readonly AttendanceRow[]>;
  /** The tenders each firm bid in: tender codes per USCC. */
  tendersOfFirm: ReadonlyMap<string, readonly string[]>;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

export function viewOf(dataset: Dataset): DatasetView {
  const tender = new Map<string, TenderRow>();
  for (const t of dataset.tenders) tender.set(t.code, t);
  const bidsOf = new Map<string, BidRow[]>();
  const tendersOfFirm = new Map<string, string[]>();
  for (const b of dataset.bids) {
    push(bidsOf, b.tenderCode, b);
    push(tendersOfFirm, b.bidderUscc, b.tenderCode);
  }
  const contractOf = new Map<string, ContractRow>();
  for (const c of dataset.contracts) contractOf.set(c.tenderCode, c);
  const attendanceOf = new Map<string, AttendanceRow[]>();
  for (const a of dataset.attendance) push(attendanceOf, a.tenderCode, a);
  return { dataset, tenders: dataset.tenders, tender, bidsOf, contractOf, attendanceOf, tendersOfFirm };
}

/** Valid bids of a tender with a positive price, sorted ascending by price (ties by USCC for determinism). */
export function validBidsSorted(view: DatasetView, code: string): BidRow[] {
  const bids = (view.bidsOf.get(code) ?? []).filter((b) => b.valid && b.price > 0);
  return bids.sort((a, b) => a.price - b.price || (a.bidderUscc < b.bidderUscc ? -1 : a.bidderUscc > b.bidderUscc ? 1 : 0));
}
