import { z } from 'zod';
import { ROLE_LABELS } from './enum-labels.js';
import { bool, date, enumOf, personId, requiredText, uscc } from './row-fields.js';

/** One person on one site on one day (import-format §3, 实名制考勤). */
export const attendanceRowSchema = z.object({
  tender_code: requiredText(100),
  person_id: personId({ required: true }),
  role: enumOf(ROLE_LABELS, { required: true }),
  employer_uscc: uscc(),
  work_date: date({ required: true }),
  present: bool({ required: true }),
});

export type AttendanceRowInput = z.output<typeof attendanceRowSchema>;
