import type { BidRow, TenderRow } from '../types.js';

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

/** A TenderRow for specs: a 10,000,000-yuan 房建施工 tender by 综合评估法 in 玉山镇 unless told otherwise. */
export function tenderRow(code: string, over: Partial<TenderRow> = {}): TenderRow {
  const openDate = over.openDate ?? '2024-05-20';
  return {
    code,
    projectName: `项目 ${code}`,
    district: '玉山镇',
    category: 'building',
    workType: 'construction',
    tenderMethod: 'open',
    evaluationMethod: 'comprehensive',
    funding: 'state',
    controlPrice: 10_000_000,
    openDate,
    year: Number(openDate.slice(0, 4)),
    ...over,
  };
}
