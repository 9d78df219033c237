import type { BidRow } from '../types.js';

/**
 * A BidRow from the fields that matter to the caller; everything else is "not known": a valid, losing, unranked bid
 * with no bid personnel and no file fingerprints, and a 下浮率 computed only when a control price is given.
 * Used by specs, benchmarks and evaluation loaders that build datasets without the database.
 */
export function bidRow(
  fields: Pick<BidRow, 'tenderCode' | 'bidderUscc' | 'price'> & Partial<BidRow>,
  controlPrice: number | null = null,
): BidRow {
  return {
    bidderName: fields.bidderUscc,
    discount: controlPrice === null ? null : (controlPrice - fields.price) / controlPrice,
    valid: true,
    invalidReason: null,
    isWinner: false,
    rank: null,
    projectManagerHash: null,
    technicalLeadHash: null,
    agentHash: null,
    bondAccountHash: null,
    fileMachineCode: null,
    fileMac: null,
    uploadIp: null,
    fileCreator: null,
    ...fields,
  };
}
