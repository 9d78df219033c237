import { z } from 'zod';
import { isoTime, paged } from '../app/openapi.js';
import { ROLES } from './roles.js';

/** The answers of /api/users. A key appears only in the answer that creates it; lists show its first characters. */
export const account = z.object({
  id: z.number().int(),
  name: z.string(),
  role: z.enum(ROLES),
  district: z.string().nullable(),
  key_prefix: z.string().describe('密钥前 7 位，用于辨认 (the key’s first 7 characters, to tell keys apart)'),
  created_at: isoTime,
  disabled_at: isoTime.nullable().describe('吊销时间 (revoked at)'),
});
const authUser = z.object({ id: z.number().int(), name: z.string(), role: z.enum(ROLES), district: z.string().nullable() });
export const accounts = paged(account).omit({ items: true }).extend({ users: z.array(account) });
export const withNewKey = z.object({ user: z.union([account, authUser]), apiKey: z.string().regex(/^bw_/).describe('只显示这一次 (shown once)') });
export const revoked = z.object({ user: account, alreadyRevoked: z.boolean() });
