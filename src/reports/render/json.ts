import type { DiscountTrendReport } from '../report-types.js';

/** The report as one JSON document (UTF-8, no BOM), the contract's shape. */
export function renderJson(report: DiscountTrendReport): Buffer {
  return Buffer.from(JSON.stringify(report, null, 2) + '\n', 'utf8');
}
