import { boqRowSchema, type BoqRowInput } from '../boq-row.schema.js';
import { boqStore } from './boq-merge.repository.js';
import type { KindPipeline } from './kind-pipeline.js';
import { digest60, money2 } from './row-digest.js';

const STAGE_COLUMNS = [
  'line', 'status', 'tender_code', 'bidder_uscc', 'line_no', 'item_code', 'item_name', 'unit', 'quantity',
  'unit_price', 'amount', 'rdigest',
] as const;

/**
 * 工程量清单报价 rows: one line of one bid. Files run to millions of lines, so this streams exactly like bids
 * (parsed in a worker thread, COPY into the staging table, one set-based merge); the row digest is taken here so the
 * merge can tell an unchanged bid's lines from changed ones by a sum, without a sort.
 */
export const boqPipeline: KindPipeline<BoqRowInput> = {
  kind: 'boq',
  schema: boqRowSchema,
  stageColumns: STAGE_COLUMNS,

  toStage(line, r) {
    const digest = digest60([r.line_no, r.item_code, r.item_name, r.unit, r.quantity, money2(r.unit_price), money2(r.amount)]);
    return [
      line, 0, r.tender_code, r.bidder_uscc, r.line_no, r.item_code, r.item_name, r.unit, r.quantity, r.unit_price,
      r.amount, digest,
    ];
  },

  /** A refused line still names its bid, so that the bid's other lines stay out with it. */
  rejectedStage(line, tenderCode, cells) {
    const bidder = cells?.['bidder_uscc']?.trim().toUpperCase();
    return [line, 1, tenderCode, bidder ? bidder : null, ...new Array(STAGE_COLUMNS.length - 4).fill(null)];
  },

  store: boqStore,
};
