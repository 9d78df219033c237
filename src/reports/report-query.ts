/** The report's parameters, validated the same way for the CLI and `GET /api/reports/discount-trend`. */
import { z } from 'zod';
import { DIMENSIONS } from './dimensions.js';
import { REPORT_FORMATS } from './report-types.js';

export const MAX_YEARS = 50;

const year = (name: string) =>
  z
    .union([z.string(), z.number()], { error: `${name} 必填，应为四位年份 YYYY (${name} is required: YYYY)` })
    .transform((v) => String(v).trim())
    .pipe(
      z
        .string()
        .regex(/^\d{4}$/, { error: `${name} 应为四位年份，如 2019 (${name} must be a year YYYY)` })
        .transform(Number)
        .pipe(z.number().int().min(1990, { error: `${name} 不能早于 1990 (${name} ≥ 1990)` }).max(2100, { error: `${name} 不能晚于 2100 (${name} ≤ 2100)` })),
    );

const emptyToUndefined = (v: unknown) => (v === '' || v === null || v === 'all' || v === 'none' ? undefined : v);

export const discountTrendQuery = z
  .object({
    from: year('from'),
    to: year('to'),
    by: z.preprocess(
      emptyToUndefined,
      z.enum(DIMENSIONS, { error: `by 应为 ${DIMENSIONS.join(' | ')} (unknown dimension)` }).optional(),
    ),
    format: z.preprocess(
      emptyToUndefined,
      z.enum(REPORT_FORMATS, { error: `format 应为 ${REPORT_FORMATS.join(' | ')} (unknown format)` }).optional(),
    ),
  })
  .refine((q) => q.from <= q.to, { error: 'from 不能晚于 to (from must not be after to)', path: ['from'] })
  .refine((q) => q.to - q.from < MAX_YEARS, { error: `年份跨度不能超过 ${MAX_YEARS} 年 (at most ${MAX_YEARS} years)`, path: ['to'] });

export type DiscountTrendQuery = z.infer<typeof discountTrendQuery>;
