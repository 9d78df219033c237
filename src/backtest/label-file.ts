/**
 * A bureau's own labels for `bidwatch evaluate --labels FILE`: a CSV with a header, one row per subject.
 *
 *   tender_code,label          e.g. T2024-017,1          (a tender that was collusive / not)
 *   bidder_uscc,label          e.g. 91320583…,0           (a firm that was a cartel member / not)
 *
 * Both kinds may sit in one file (a row fills one of the two columns). `label`: 1/0, true/false, 是/否,
 * confirmed/dismissed (the case outcomes). A row that cannot be read is named with its line; nothing is guessed.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Labels } from './backtest.js';

const TRUE = new Set(['1', 'true', '是', 'yes', 'y', 'confirmed', 'collusive', 'cartel']);
const FALSE = new Set(['0', 'false', '否', 'no', 'n', 'dismissed', 'competitive']);

/** The label file cannot be used at all (unreadable, not CSV, no usable header): exit status 2. */
export class LabelFileError extends Error {}

export interface LabelFileResult {
  labels: { tenders: Map<string, boolean>; firms: Map<string, boolean> };
  errors: Array<{ line: number; message: string }>;
}

export function parseLabelFile(path: string): LabelFileResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch (err) {
    throw new LabelFileError(`无法读取标签文件 ${path}：${(err as NodeJS.ErrnoException).code ?? (err as Error).message} (cannot read the label file)`);
  }
  let rows: string[][];
  try {
    rows = parse(text, { skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch (err) {
    throw new LabelFileError(`标签文件不是有效的 CSV：${(err as Error).message} (the label file is not valid CSV)`);
  }
  const header = (rows[0] ?? []).map((h) => h.toLowerCase());
  const ti = header.indexOf('tender_code');
  const fi = header.indexOf('bidder_uscc');
  const li = header.indexOf('label');
  if (li < 0 || (ti < 0 && fi < 0)) {
    throw new LabelFileError('标签文件需要表头 label 和 tender_code 或 bidder_uscc 列 (the label file needs a header with label and tender_code or bidder_uscc)');
  }
  const labels = { tenders: new Map<string, boolean>(), firms: new Map<string, boolean>() };
  const errors: LabelFileResult['errors'] = [];
  rows.slice(1).forEach((r, k) => {
    const line = k + 2;
    const raw = (r[li] ?? '').toLowerCase();
    const value = TRUE.has(raw) ? true : FALSE.has(raw) ? false : null;
    if (value === null) {
      errors.push({ line, message: `label 取值“${r[li] ?? ''}”无法识别，应为 1/0、是/否、confirmed/dismissed (unknown label value)` });
      return;
    }
    const tender = ti >= 0 ? (r[ti] ?? '') : '';
    const firm = fi >= 0 ? (r[fi] ?? '') : '';
    if (!tender && !firm) {
      errors.push({ line, message: 'tender_code 和 bidder_uscc 都为空 (neither tender_code nor bidder_uscc given)' });
      return;
    }
    // a subject labelled twice is positive if any row says so (a confirmed case outweighs a dismissed one)
    if (tender) labels.tenders.set(tender, (labels.tenders.get(tender) ?? false) || value);
    if (firm) labels.firms.set(firm, (labels.firms.get(firm) ?? false) || value);
  });
  return { labels, errors };
}

export type { Labels };
