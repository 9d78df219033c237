import { z } from 'zod';
import { isoTime, paged } from '../app/openapi.js';
import { CASE_STATUSES } from './case-state.js';

/** The answers of /api/cases. Ids are numbers; `evidence` is the flags' own evidence, described on /api/flags. */
const caseFields = {
  id: z.number().int(),
  case_key: z.string().describe('去重键 (dedup key: kind, subject type and id)'),
  kind: z.string().describe('post_award 标后履约 | site_check 现场联动核查 | ring 围标串标团伙 | low_bid 异常低价 …'),
  subject_type: z.string(),
  subject_id: z.string(),
  title: z.string(),
  district: z.string().nullable(),
  priority: z.number().int().min(1).max(5).describe('1 最高 (1 is the most urgent)'),
  status: z.enum(CASE_STATUSES),
  assignee_id: z.number().int().nullable(),
  assignee_name: z.string().nullable(),
  due_at: isoTime.nullable(),
  outcome: z.string().nullable(),
  detectors: z.array(z.string()),
  version: z.number().int(),
  created_at: isoTime,
  updated_at: isoTime,
  closed_at: isoTime.nullable(),
};

export const caseListItem = z.looseObject({ ...caseFields, overdue: z.boolean() });
export const caseList = paged(caseListItem).extend({
  countsByStatus: z.record(z.string(), z.number().int()).describe('本人可见范围内各状态的案件数 (cases by status within your districts)'),
});
export const caseDetail = z.looseObject({ ...caseFields, evidence: z.record(z.string(), z.unknown()), evidence_hash: z.string().nullable() });

export const caseEvent = z.looseObject({
  id: z.number().int(),
  at: isoTime,
  actor_id: z.number().int().nullable(),
  actor_name: z.string(),
  action: z.string().describe('opened | routed | claimed | transition | reopened | note | evidence_changed …'),
  from_status: z.string().nullable(),
  to_status: z.string().nullable(),
  note: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export const caseEvents = z.array(caseEvent);

export const auditCheck = z.looseObject({
  ok: z.boolean(),
  events: z.number().int(),
  verified: z.number().int(),
  unchained: z.number().int(),
  firstBroken: z.unknown().nullable().describe('第一条校验失败的记录 (the first event that does not verify)'),
  head: z.string().nullable(),
});

/** Who can see a case now, by the read rule (district inspectors, city-wide inspectors, supervisors). */
export const caseAudience = z.looseObject({}).describe('现在能看到本案的人数，按类别 (who sees the case now, by kind)');
