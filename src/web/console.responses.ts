import { z } from 'zod';
import { ROLES } from '../auth/roles.js';

/** The answers of the console's helper routes. */
export const me = z.looseObject({
  id: z.number().int(),
  name: z.string(),
  role: z.enum(ROLES),
  roleLabel: z.string(),
  district: z.string().nullable(),
  can: z.record(z.string(), z.boolean()),
});

export const attendance = z.looseObject({
  tender: z.looseObject({ code: z.string(), projectName: z.string() }),
  basis: z.string().describe('bid_pm 标书所列项目经理 | site_pm 考勤登记的项目经理'),
  threshold: z.number().describe('到岗率标准 (presence standard the SITE flag used)'),
  judgedBy: z.string().nullable(),
  days: z.array(z.looseObject({ date: z.string() })),
  months: z.array(z.looseObject({ month: z.string(), below: z.boolean(), pmDays: z.number().int(), siteDays: z.number().int() })),
  persons: z.array(z.looseObject({ ref: z.string(), role: z.string() })),
  employers: z.array(z.looseObject({ uscc: z.string(), name: z.string().nullable() })),
});

export const ringGraph = z.object({
  ring: z.looseObject({ id: z.number().int(), key: z.string(), members: z.array(z.string()), score: z.number() }),
  nodes: z.array(z.looseObject({ uscc: z.string(), name: z.string().nullable(), bids: z.number().int(), wins: z.number().int() })),
  edges: z.array(z.looseObject({ a: z.string(), b: z.string(), coBids: z.number().int() })),
});

export const districts = z.array(z.object({ district: z.string(), tenders: z.number().int() }));
export const assignees = z.array(z.object({ id: z.number().int(), name: z.string(), role: z.enum(ROLES), district: z.string().nullable() }));

/** Why a console may be empty: tenders in the reader's districts, the last import and the detection runs. */
export const dataState = z.looseObject({}).describe('辖区内标段数、最近导入与检测 (tenders in scope, last import, detection runs)');
