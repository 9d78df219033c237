import type { DiscountTrendReport } from '../report-types.js';
import { chartSpec, renderChartSvg } from './chart.js';

/** One SVG document: the by-dimension chart with `--by`, else the city-wide chart. */
export async function renderSvg(report: DiscountTrendReport): Promise<Buffer> {
  const svg = await renderChartSvg(chartSpec(report));
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`, 'utf8');
}
