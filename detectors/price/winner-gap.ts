/**
 * The winner gap shared by WGAP's R024 and R058, cardinal-rs's `SecondLowestBidRatio` applied to bidwatch rows:
 *
 *   d = (B₂ − B_w) / B_w
 *
 * B_w = the winner's lowest valid bid; B₂ = the lowest valid bid of any other bidder (ties: lowest USCC).
 * Valid = `valid` and price > 0. The outcome says why a tender has no gap (coverage counts it).
 */
import type { BidRow } from '../types.js';
import { byString } from './format.js';

export type GapOutcome =
  | { kind: 'gap'; gap: number; winner: BidRow; second: BidRow }
  | { kind: 'not_applicable'; reason: 'no_winner' | 'no_other_valid_bid' }
  | { kind: 'excluded'; reason: 'several_winners' | 'winner_bid_not_valid' | 'winner_not_lowest' };

export function winnerGap(bids: readonly BidRow[]): GapOutcome {
  let w: string | undefined;
  for (const b of bids) {
    if (!b.isWinner) continue;
    // Several winners (lots or a data error): which bid won is unclear (cardinal issues #14, #17).
    if (w !== undefined && w !== b.bidderUscc) return { kind: 'excluded', reason: 'several_winners' };
    w = b.bidderUscc;
  }
  if (w === undefined) return { kind: 'not_applicable', reason: 'no_winner' };
  let winner: BidRow | undefined;
  let second: BidRow | undefined;
  for (const b of bids) {
    if (!b.valid || !(b.price > 0)) continue;
    if (b.bidderUscc === w) {
      if (!winner || b.price < winner.price) winner = b;
    } else if (!second || b.price < second.price || (b.price === second.price && byString(b.bidderUscc, second.bidderUscc) < 0)) {
      second = b;
    }
  }
  if (!winner) return { kind: 'excluded', reason: 'winner_bid_not_valid' };
  if (!second) return { kind: 'not_applicable', reason: 'no_other_valid_bid' };
  // A winner above the runner-up was chosen on more than price: the gap says nothing (cardinal's exclusion).
  if (second.price < winner.price) return { kind: 'excluded', reason: 'winner_not_lowest' };
  return { kind: 'gap', gap: (second.price - winner.price) / winner.price, winner, second };
}
