/** Small builders for the collusion specs: a tender and a bid with every field filled with a neutral value. */
import type { BidRow, Dataset, EvaluationMethod, TenderRow } from '../types.js';
import { bidRow } from '../lib/rows.js';

export function tender(code: string, over: Partial<TenderRow> = {}): TenderRow {
  return {
    code,
    projectName: `项目 ${code}`,
    district: '玉山镇',
    category: 'municipal',
    workType: 'construction',
    tenderMethod: 'open',
    evaluationMethod: 'lowest_evaluated_price' as EvaluationMethod,
    funding: 'state',
    controlPrice: 1_000_000,
    openDate: '2025-03-01',
    year: 2025,
    ...over,
  };
}

export function bid(tenderCode: string, bidderUscc: string, price: number, over: Partial<BidRow> = {}): BidRow {
  return bidRow({ tenderCode, bidderUscc, price, ...over });
}

export function dataset(tenders: TenderRow[], bids: BidRow[]): Dataset {
  return { tenders, bids, contracts: [], attendance: [] };
}

/**
 * Tenders from a compact list: each entry is the bidders of one tender, the first listed `*name` wins.
 * Prices rise with position so that every tender is valid and sorted predictably.
 */
export function fromMeetings(meetings: string[][], prefix = 'T'): Dataset {
  const tenders: TenderRow[] = [];
  const bids: BidRow[] = [];
  meetings.forEach((firms, i) => {
    const code = `${prefix}${i + 1}`;
    tenders.push(tender(code));
    firms.forEach((f, k) => {
      const winner = f.startsWith('*');
      bids.push(bid(code, winner ? f.slice(1) : f, 100 + k, { isWinner: winner }));
    });
  });
  return dataset(tenders, bids);
}
