import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { z } from 'zod';

/**
 * Response schemas for the API description, written once as zod and turned into OpenAPI 3.0 by zod itself
 * (`z.toJSONSchema`, target openapi-3.0): the same object documents a route and, in test/openapi.test.ts, checks
 * its real answers. (nestjs-zod does not accept Nest 12; Nest 12 already documents zod request schemas.)
 */
type JsonSchema = Record<string, unknown>;
const asOpenApi = (schema: z.ZodType): JsonSchema => z.toJSONSchema(schema, { target: 'openapi-3.0', unrepresentable: 'any', io: 'output' }) as JsonSchema;

/** Every 4xx/5xx body (HttpErrorFilter). */
export const errorBody = z.object({
  error: z.object({
    code: z.string().describe('机器可读的错误码 (machine-readable code), e.g. validation_failed, already_claimed'),
    message: z.string().describe('中文在前、英文在后的说明 (Chinese first, English beside)'),
    details: z.unknown().nullable(),
  }),
});

const ERROR_TEXT: Record<number, string> = {
  400: '请求参数不正确 (bad input)',
  401: '需要有效的 API 密钥 (no valid key)',
  403: '角色无权执行此操作 (role not allowed)',
  404: '不存在或不在本人可见范围 (not found or outside your districts)',
  409: '与当前状态冲突 (conflicts with the current state)',
  413: '请求体过大 (too large)',
  429: '请求过于频繁 (rate limited)',
};

/** The success answer of a route, and the error answers it can give (each with the one error shape). */
export function ApiAnswer(schema: z.ZodType, opts: { status?: number; description: string; errors?: number[] }) {
  const errors = opts.errors ?? [400, 401, 403];
  return applyDecorators(
    ApiResponse({ status: opts.status ?? 200, description: opts.description, schema: asOpenApi(schema) }),
    ...errors.map((status) => ApiResponse({ status, description: ERROR_TEXT[status] ?? '', schema: asOpenApi(errorBody) })),
  );
}

/** Money and rates as PostgreSQL numeric renders them: decimal text, never a float. */
export const decimalText = z.string().regex(/^-?\d+(\.\d+)?$/).describe('十进制文本 (numeric as text)');
export const isoTime = z.string().describe('ISO 8601 时间 (timestamp)');

/** A bounded page of a list route. */
export const paged = <T extends z.ZodType>(item: T) =>
  z.object({ total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), items: z.array(item) });
