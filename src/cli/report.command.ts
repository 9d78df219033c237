import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { DiscountTrendService } from '../reports/discount-trend.service.js';
import { renderReport } from '../reports/render/index.js';
import { discountTrendQuery } from '../reports/report-query.js';
import { REPORT_FORMATS, type ReportFormat } from '../reports/report-types.js';
import { EXIT, say, type CliContext } from './cli-context.js';

export const REPORT_KINDS = ['discount-trend'] as const;

export interface ReportOptions {
  from?: string;
  to?: string;
  by?: string;
  format?: string;
  /** Output file; `-` writes to stdout. */
  out?: string;
}

/**
 * `bidwatch report discount-trend --from YYYY --to YYYY [--by DIM] --format json|csv|xlsx|svg|html --out FILE`.
 * The format defaults to the file's extension (else json). Exit 0 when written, 2 on bad usage.
 */
export async function reportCommand(ctx: CliContext, kind: string, o: ReportOptions): Promise<number> {
  if (!(REPORT_KINDS as readonly string[]).includes(kind)) {
    say(`报告类型应为 ${REPORT_KINDS.join(' | ')}，收到 “${kind}” (unknown report)`);
    return EXIT.usage;
  }
  const fromExt = o.out && o.out !== '-' ? extname(o.out).slice(1).toLowerCase() : '';
  const format = o.format ?? ((REPORT_FORMATS as readonly string[]).includes(fromExt) ? fromExt : 'json');
  const parsed = discountTrendQuery.safeParse({ from: o.from, to: o.to, by: o.by, format });
  if (!parsed.success) {
    for (const i of parsed.error.issues) say(`参数错误 (usage): ${i.path.length ? `--${i.path.join('.')}: ` : ''}${i.message}`);
    return EXIT.usage;
  }
  if (!o.out) {
    say('请用 --out 指定输出文件（- 表示标准输出）(--out FILE is required; - for stdout)');
    return EXIT.usage;
  }
  const q = parsed.data;
  const started = Date.now();
  const service = await ctx.get(DiscountTrendService);
  const report = await service.build({ from: q.from, to: q.to, by: q.by ?? null });
  const rendered = await renderReport(report, (q.format ?? 'json') as ReportFormat);
  if (o.out === '-') process.stdout.write(rendered.body);
  else await writeFile(o.out, rendered.body);
  const tenders = report.totals.reduce((s, t) => s + t.tenders, 0);
  say(
    `已生成下浮率年度趋势报告 ${q.from}–${q.to}${q.by ? `（按${report.by_label ?? q.by} ${q.by}）` : ''}：${report.rows.length} 行、${tenders} 个标段，` +
      `${rendered.extension.toUpperCase()} → ${o.out === '-' ? 'stdout' : o.out}（${Date.now() - started} ms）(report written)`,
  );
  for (const s of report.summary.slice(0, 2)) say(`  · ${s.zh}`);
  return EXIT.ok;
}
