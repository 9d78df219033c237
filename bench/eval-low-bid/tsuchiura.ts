/**
 * Tsuchiura (Japan) municipal works auctions → a bidwatch Dataset, for evaluating ALB against a real label.
 * Data: Chassang, Kawai, Nakabayashi & Ortner, "Robust Screens for Non-Competitive Bidding in Procurement
 * Auctions", Econometrica 90(1), 2022, `missing_bids` replication repository (MIT licence).
 *
 * Mapping: one auction (`pid`) → one tender; `reserveprice` → control price; each row with a bid > 0 → a bid
 * (rows with an empty bid are not bids: 41 rows, none labelled); `winner` → isWinner; `bidder_id` → the firm.
 * Every bid is marked valid: `belowminprice` (bid under the auction's floor price, hence disqualified) is the label
 * and must not leak into the detectors. All auctions are public works with the lowest price winning, so
 * category/work type/evaluation method are constant (municipal / construction / lowest_evaluated_price) and ALB's
 * peer groups reduce to year window × control-price band.
 */
import type { BidRow, Dataset, TenderRow } from '../../detectors/types.js';
import { bidRow } from '../../detectors/lib/rows.js';

export interface TsuchiuraRow {
  year: string;
  pid: string;
  date: string;
  reserveprice: string;
  minprice: string;
  bid: string;
  winner: string;
  belowminprice: string;
  bidder_id: string;
  bidder: string;
}


export interface LabelledDataset {
  dataset: Dataset;
  /** bid subject id `${tenderCode}/${uscc}` → belowminprice. */
  label: Map<string, boolean>;
  /** tender codes of auctions that had a floor price (the only ones where the label can be 1). */
  withFloor: Set<string>;
  droppedRows: number;
}

export function toDataset(rows: readonly TsuchiuraRow[]): LabelledDataset {
  const tenders = new Map<string, TenderRow>();
  const bids: BidRow[] = [];
  const label = new Map<string, boolean>();
  const withFloor = new Set<string>();
  let droppedRows = 0;
  for (const r of rows) {
    const price = Number(r.bid);
    const code = `TSU-${r.pid}`;
    if (!tenders.has(code)) {
      const d = r.date;
      tenders.set(code, {
        code,
        projectName: `Tsuchiura ${r.pid}`,
        district: 'Tsuchiura',
        category: 'municipal',
        workType: 'construction',
        tenderMethod: 'open',
        evaluationMethod: 'lowest_evaluated_price',
        funding: 'state',
        controlPrice: Number(r.reserveprice) > 0 ? Number(r.reserveprice) : null,
        openDate: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`,
        year: Number(r.year),
      });
    }
    if (r.minprice !== '') withFloor.add(code);
    if (!(r.bid !== '' && price > 0)) {
      droppedRows += 1;
      continue;
    }
    const control = tenders.get(code)!.controlPrice;
    // `bidder_id` merges some distinct firms (same normalised name, different `uneditedbidder`): 27 auctions have
    // a bidder_id twice. A suffix keeps each bid's subject id unique.
    let uscc = `TSU${r.bidder_id}`;
    for (let k = 2; label.has(`${code}/${uscc}`); k++) uscc = `TSU${r.bidder_id}#${k}`;
    // every bid valid: the label (disqualified as too low) must never reach the detectors
    bids.push(bidRow({ tenderCode: code, bidderUscc: uscc, bidderName: r.bidder, price, isWinner: r.winner === '1' }, control || null));
    label.set(`${code}/${uscc}`, r.belowminprice === '1');
  }
  return { dataset: { tenders: [...tenders.values()], bids, contracts: [], attendance: [] }, label, withFloor, droppedRows };
}
