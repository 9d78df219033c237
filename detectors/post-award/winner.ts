import type { BidRow } from '../types.js';

/**
 * The winning bid of a tender. With a contract, it is the bid of the contract's winner (its `isWinner` bid first);
 * a contract whose winner has no bid in the data gets none — we never compare a contract with another firm's bid.
 * Without a contract, it is the `isWinner` bid (the lowest USCC if the data hold several, for determinism).
 */
export function winningBid(bids: readonly BidRow[] | undefined, winnerUscc?: string | null): BidRow | undefined {
  if (!bids || bids.length === 0) return undefined;
  let best: BidRow | undefined;
  for (const b of bids) {
    if (winnerUscc) {
      if (b.bidderUscc !== winnerUscc) continue;
      if (!best || (b.isWinner && !best.isWinner)) best = b;
    } else if (b.isWinner && (!best || b.bidderUscc < best.bidderUscc)) {
      best = b;
    }
  }
  return best;
}
