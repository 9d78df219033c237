/**
 * The report step of `bidwatch demo`: writes the annual 下浮率 report of the seed city (HTML for reading and
 * printing, XLSX for the numbers, JSON for scripts) into the demo folder and returns the lines for the summary.
 * Shaped as a DemoStep (src/cli/demo-steps.ts) without importing it, so it can be added to `demoSteps` as is.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DiscountTrendService } from './discount-trend.service.js';
import { renderReport } from './render/index.js';

export async function reportDemoStep({ reports, dir }: { reports: DiscountTrendService; dir: string }): Promise<string[]> {
  const span = await reports.yearSpan();
  if (span.from === null || span.to === null) return ['下浮率年度报告：没有标段数据 (report: no tenders)'];
  const service = reports;
  const report = await service.build({ from: span.from, to: span.to, by: 'evaluation_method' });
  const written: string[] = [];
  for (const format of ['html', 'xlsx', 'json'] as const) {
    const out = await renderReport(report, format);
    const path = join(dir, `下浮率年度报告-${span.from}-${span.to}.${format}`);
    await writeFile(path, out.body);
    written.push(path);
  }
  return [
    `下浮率年度报告 ${span.from}–${span.to}（按评标办法）(annual discount-rate report):`,
    ...report.summary.slice(0, 2).map((s) => `  ${s.zh}`),
    ...(report.decomposition ? [`  ${report.decomposition.sentence_zh}`] : []),
    ...written.map((p) => `  → ${p}`),
  ];
}
