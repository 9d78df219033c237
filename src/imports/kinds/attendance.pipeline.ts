import { attendanceRowSchema, type AttendanceRowInput } from '../attendance-row.schema.js';
import { attendanceStore } from './attendance-merge.repository.js';
import type { KindPipeline } from './kind-pipeline.js';

const STAGE_COLUMNS = ['line', 'status', 'tender_code', 'person_hash', 'role', 'employer_uscc', 'work_date', 'present'] as const;

/** 实名制考勤 rows: one person, one site, one day; person IDs hashed before they reach the database. */
export const attendancePipeline: KindPipeline<AttendanceRowInput> = {
  kind: 'attendance',
  schema: attendanceRowSchema,
  stageColumns: STAGE_COLUMNS,

  toStage(line, r, hasher) {
    return [line, 0, r.tender_code, hasher.hash('person', r.person_id), r.role, r.employer_uscc, r.work_date, r.present];
  },

  rejectedStage(line, tenderCode) {
    return [line, 1, tenderCode, null, null, null, null, null];
  },

  store: attendanceStore,
};
