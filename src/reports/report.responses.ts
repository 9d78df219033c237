import { z } from 'zod';
import { isoTime } from '../app/openapi.js';

const bilingual = z.object({ zh: z.string(), en: z.string() });

const partySection = z.object({
  kind: z.enum(['buyer', 'agency']),
  label: z.string(),
  total: z.number().int(),
  shown: z.number().int(),
  rows: z.array(
    z.looseObject({
      uscc: z.string(),
      name: z.string().nullable(),
      tenders: z.number().int(),
      flagged_tenders: z.number().int(),
      flags: z.number().int(),
      high_flags: z.number().int(),
      indicators: z.string().describe('本级指标代码 (BCONC, BR038, BSINGLE, BLOWBID)'),
    }),
  ),
});

/** The JSON form of the annual 下浮率 report (format=json); each row and trend is described in the README. */
export const discountTrendReport = z.looseObject({
  report: z.string(),
  title: z.string(),
  from: z.number().int(),
  to: z.number().int(),
  by: z.string().nullable(),
  by_label: z.string().nullable(),
  generated_at: isoTime.describe('北京时间，带 +08:00 (Asia/Shanghai, with offset)'),
  detection_runs: z.array(z.unknown()),
  rows: z.array(z.looseObject({ year: z.number().int() })).describe('每年（及每组）的分位数与占比 (per year and group)'),
  totals: z.array(z.unknown()),
  trends: z.array(z.unknown()).describe('Theil–Sen 斜率与 Mann–Kendall 检验 (trend tests)'),
  decomposition: z.record(z.string(), z.unknown()).nullable().describe('年份太少时为空 (null when there are too few years)'),
  parties: z
    .object({ buyer: partySection, agency: partySection })
    .describe('按招标人、招标代理机构的发现（标记最多的前 50 个）(findings by buyer and by agency, the 50 with most findings)'),
  summary: z.array(bilingual),
  notes: z.array(bilingual),
  definitions: z.record(z.string(), z.unknown()),
});
