import { contractRowSchema, type ContractRowInput } from '../contract-row.schema.js';
import { contractsStore } from './contracts-merge.repository.js';
import type { KindPipeline } from './kind-pipeline.js';

const STAGE_COLUMNS = [
  'line', 'status', 'tender_code', 'winner_uscc', 'contract_price', 'contract_date', 'planned_completion',
  'change_order_total', 'change_order_count', 'settlement_price', 'actual_completion', 'pm_changed',
] as const;

/** 标后履约 rows: one per awarded tender, keyed by tender_code; the tender must already be imported. */
export const contractsPipeline: KindPipeline<ContractRowInput> = {
  kind: 'contracts',
  schema: contractRowSchema,
  stageColumns: STAGE_COLUMNS,

  toStage(line, r) {
    return [
      line, 0, r.tender_code, r.winner_uscc, r.contract_price, r.contract_date, r.planned_completion,
      r.change_order_total, r.change_order_count, r.settlement_price, r.actual_completion, r.project_manager_changed,
    ];
  },

  rejectedStage(line, tenderCode) {
    return [line, 1, tenderCode, ...new Array(STAGE_COLUMNS.length - 3).fill(null)];
  },

  store: contractsStore,
};
