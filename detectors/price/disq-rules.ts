/**
 * The per-tender disqualification patterns of DISQ (cardinal-rs R018, R035, R036 on bidwatch rows). Pure.
 * "Disqualified" = a bid with `valid` false (否决/无效); "submitted" = every bid on record.
 */
import type { BidRow, TenderMethod } from '../types.js';
import { byString } from './format.js';

/** R018: exactly one bidder submitted, in a tender method the setting lists as competitive. */
export function singleBidder(bids: readonly BidRow[], method: TenderMethod, methods: readonly TenderMethod[]): string | null {
  if (!methods.includes(method) || bids.length === 0) return null;
  const first = bids[0]!.bidderUscc;
  return bids.every((b) => b.bidderUscc === first) ? first : null;
}

/**
 * R035: exactly one bidder has valid bids, it is the (only) winner, and at least `threshold` other bidders were
 * disqualified. Returns the winner and the disqualified others (sorted), or null.
 */
export function allButWinnerDisqualified(bids: readonly BidRow[], threshold: number): { winner: string; disqualified: string[] } | null {
  // Early exits first: most tenders have several valid bidders (checked without allocating).
  let valid: string | undefined;
  for (const b of bids) {
    if (!b.valid) continue;
    if (valid === undefined) valid = b.bidderUscc;
    else if (b.bidderUscc !== valid) return null;
  }
  if (valid === undefined) return null;
  let won = false;
  for (const b of bids) {
    if (!b.isWinner) continue;
    if (b.bidderUscc !== valid) return null; // another winner: the award set is not the one valid bidder
    won = true;
  }
  if (!won) return null;
  const disqualified = [...new Set(bids.filter((b) => !b.valid && b.bidderUscc !== valid).map((b) => b.bidderUscc))].sort(byString);
  return disqualified.length >= Math.max(1, threshold) ? { winner: valid, disqualified } : null;
}

/**
 * R036: the lowest submitted price belongs to a disqualified bid, strictly below every valid bid (a valid bid at the
 * same price means the lowest price was not what was rejected), with a winner and at least one valid priced bid.
 * Returns the disqualified lowest bid (ties: lowest USCC) and the lowest valid price, or null.
 */
export function lowestBidDisqualified(bids: readonly BidRow[]): { lowest: BidRow; lowestValid: number } | null {
  if (!bids.some((b) => b.isWinner)) return null;
  let lowestInvalid: BidRow | undefined;
  let lowestValid = Infinity;
  for (const b of bids) {
    if (!(b.price > 0)) continue;
    if (b.valid) lowestValid = Math.min(lowestValid, b.price);
    else if (!lowestInvalid || b.price < lowestInvalid.price || (b.price === lowestInvalid.price && byString(b.bidderUscc, lowestInvalid.bidderUscc) < 0)) {
      lowestInvalid = b;
    }
  }
  if (!lowestInvalid || lowestValid === Infinity || !(lowestInvalid.price < lowestValid)) return null;
  return { lowest: lowestInvalid, lowestValid };
}
