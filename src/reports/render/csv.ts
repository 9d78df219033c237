import { stringify } from 'csv-stringify/sync';
import { safeRow } from '../../exports/spreadsheet-safe.js';
import { header, ROW_COLUMNS } from '../columns.js';
import type { DiscountTrendReport } from '../report-types.js';

/**
 * The report's rows (exactly JSON `rows`) as CSV: UTF-8 with a BOM so Excel opens the Chinese correctly, \n line
 * ends, headers "中文 (english_key)", rates as fractions like the JSON (0.1234 = 12.34 %), empty for "no value".
 */
export function renderCsv(report: DiscountTrendReport): Buffer {
  const text = stringify(
    // A dimension's value is imported text (a 区镇 name): formula-safe, numbers untouched.
    report.rows.map((r) => safeRow(ROW_COLUMNS.map((c) => r[c.key] ?? ''))),
    { header: true, columns: ROW_COLUMNS.map(header), bom: true },
  );
  return Buffer.from(text, 'utf8');
}
