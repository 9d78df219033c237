import type { ImportKind } from '../import-kinds.js';
import { attendancePipeline } from './attendance.pipeline.js';
import { bidsPipeline } from './bids.pipeline.js';
import { boqPipeline } from './boq.pipeline.js';
import { contractsPipeline } from './contracts.pipeline.js';
import { firmRelationsPipeline } from './firm-relations.pipeline.js';
import type { KindPipeline } from './kind-pipeline.js';

export const PIPELINES: Record<ImportKind, KindPipeline<any>> = {
  bids: bidsPipeline,
  contracts: contractsPipeline,
  attendance: attendancePipeline,
  'firm-relations': firmRelationsPipeline,
  boq: boqPipeline,
};
