import { firmRelationRowSchema, type FirmRelationRowInput } from '../firm-relation-row.schema.js';
import { firmRelationsStore } from './firm-relations-merge.repository.js';
import type { KindPipeline } from './kind-pipeline.js';

const STAGE_COLUMNS = [
  'line', 'status', 'firm_uscc', 'relation', 'person_hash', 'related_uscc', 'share_pct', 'valid_from', 'valid_to',
  'address_norm', 'phone_hash',
] as const;

/** 企业关联关系 rows: person IDs and phone numbers hashed before they reach the database. */
export const firmRelationsPipeline: KindPipeline<FirmRelationRowInput> = {
  kind: 'firm-relations',
  schema: firmRelationRowSchema,
  stageColumns: STAGE_COLUMNS,

  toStage(line, r, hasher) {
    return [
      line, 0, r.firm_uscc, r.relation, hasher.hash('person', r.person_id), r.related_uscc, r.share_pct, r.valid_from,
      r.valid_to, r.firm_address, hasher.hash('phone', r.firm_phone),
    ];
  },

  rejectedStage(line) {
    return [line, 1, ...new Array(STAGE_COLUMNS.length - 2).fill(null)];
  },

  store: firmRelationsStore,
};
