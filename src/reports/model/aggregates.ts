/** The shapes of the report's SQL aggregates (discount-trend.repository.ts), shared with the pure model. */

export const QUANTILES = [0.1, 0.25, 0.5, 0.75, 0.9] as const;

export interface TenderAgg {
  year: number;
  /** The dimension value, or null on the per-year total row. */
  value: string | null;
  tenders: number;
  awarded: number;
  meanValidBidders: number | null;
  winnerMean: number | null;
  /** P10, P25, P50, P75, P90 of the winning 下浮率, null when no tender was awarded. */
  winnerQ: number[] | null;
  abnormalBids: number;
  abnormalWinners: number;
}

export interface BidAgg {
  year: number;
  value: string | null;
  bids: number;
  validBids: number;
  /** Valid bids with a 下浮率 (a control price). */
  discountedBids: number;
  bidMean: number | null;
  bidQ: number[] | null;
}

export interface FactorCellRow {
  levels: Record<string, string>;
  n: number;
  sy: number;
  syy: number;
}

/** The decomposition's factors: year first, then every dimension. */
export const FACTORS = ['year', 'category', 'work_type', 'evaluation_method', 'district', 'bidder_count', 'price_band'] as const;
export type Factor = (typeof FACTORS)[number];


/** One 招标人 or 招标代理机构 and the findings on its tenders and on itself (partyFindings). */
export interface PartyAgg {
  uscc: string;
  name: string | null;
  tenders: number;
  awarded: number;
  /** Tenders with exactly one valid bid. */
  singleBid: number;
  winnerMedian: number | null;
  /** Awards whose winning bid ALB flagged as abnormally low. */
  lowAwards: number;
  flaggedTenders: number;
  flags: number;
  highFlags: number;
  /** Flags on its tenders, per detector code. */
  detectors: Record<string, number>;
  /** The party-level indicators that flagged the party itself (BCONC, BR038, BSINGLE, BLOWBID). */
  ownCodes: string[];
  ownExplanation: string | null;
}
