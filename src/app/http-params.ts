import { z } from 'zod';

/**
 * The building blocks of every route's zod schemas, so that a value PostgreSQL would refuse never reaches it:
 * a NUL byte in text ("invalid byte sequence for encoding UTF8: 0x00") or an id past bigint was a 500 (issue 14).
 */

/** C0 control characters and DEL: never part of a name, a code or a search term. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * A record id in a path. Ids are JavaScript numbers end to end (INT8 is parsed to Number), so anything beyond
 * 2^53 − 1 cannot name a stored row: it is refused as bad input, as are signs, decimals and leading zeros.
 */
export const idParam = z
  .string()
  .regex(/^[1-9][0-9]{0,15}$/, { error: '编号应为正整数 (id must be a positive integer)' })
  .transform(Number)
  .refine((n) => Number.isSafeInteger(n), { error: '编号过大 (id too large)' });

/** A one-line value for a filter, a code or a file name: at most `max` characters, no control characters. */
export function lineText(max: number) {
  return z
    .string()
    .max(max, { error: `最多 ${max} 个字符 (at most ${max} characters)` })
    .refine((s) => !CONTROL.test(s), { error: '不能包含控制字符 (no control characters)' });
}

/** Free text from a person (notes, outcomes): lines and tabs are fine, a NUL byte is not (PostgreSQL text refuses it). */
export function freeText(max: number) {
  return z
    .string()
    .max(max, { error: `最多 ${max} 个字符 (at most ${max} characters)` })
    .refine((s) => !s.includes('\u0000'), { error: '不能包含 NUL 字符 (no NUL characters)' });
}

/** Page number and size for a list route: every list has a bounded page. */
export function paging(maxPageSize: number) {
  return {
    page: z.coerce.number().int().min(1).max(100_000).optional(),
    page_size: z.coerce.number().int().min(1).max(maxPageSize).optional(),
  };
}

/** `LIKE` / `ILIKE` pattern that matches `s` literally (with `ESCAPE '\'`): `q=%` must not match everything. */
export function likeLiteral(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}

/** A tender code in a path (import-format: free text, at most 100 characters in practice). */
export const tenderCodeParam = lineText(200).pipe(z.string().min(1));
