import type { DiscountTrendReport, ReportFormat } from '../report-types.js';
import { renderCsv } from './csv.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderSvg } from './svg.js';
import { renderXlsx } from './xlsx.js';

export interface RenderedReport {
  body: Buffer;
  contentType: string;
  extension: string;
  /** Suggested download name, ASCII only. */
  fileName: string;
}

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  svg: 'image/svg+xml',
  html: 'text/html; charset=utf-8',
};

export async function renderReport(report: DiscountTrendReport, format: ReportFormat): Promise<RenderedReport> {
  const body =
    format === 'json' ? renderJson(report)
      : format === 'csv' ? renderCsv(report)
        : format === 'xlsx' ? await renderXlsx(report)
          : format === 'svg' ? await renderSvg(report)
            : await renderHtml(report);
  const name = `discount-trend-${report.from}-${report.to}${report.by ? `-${report.by}` : ''}.${format}`;
  return { body, contentType: CONTENT_TYPES[format], extension: format, fileName: name };
}
