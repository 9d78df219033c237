import type { ImportKind } from './import-kinds.js';

/**
 * How much of a bad file an import reads before it gives up (issue 14: a 200 MB file of garbage wrote ten million
 * rejection rows and a summary that killed the API). A file whose rows are overwhelmingly rejected is not a file
 * with some mistakes to fix line by line: it is the wrong file, or the right file in the wrong kind.
 */
export const IMPORT_LIMITS = {
  /** The share of rejected rows at which the import stops, once `minRowsForShare` rows were read. */
  maxRejectedShare: 0.9,
  minRowsForShare: 1_000,
  /** The import stops at this many rejected rows, whatever their share. */
  maxRejectedRows: 50_000,
  /** A row refused for many reasons keeps this many entries; the last says how many more there were. */
  maxErrorsPerRow: 5,
  /** What the summary (GET /api/imports/:id) carries; the rest is paged at /errors. */
  summaryErrors: 100,
} as const;

const WHAT: Record<ImportKind, string> = {
  bids: '投标数据', contracts: '合同结算数据', attendance: '考勤数据', 'firm-relations': '企业关联关系数据', boq: '工程量清单报价数据',
};
const WHAT_EN: Record<ImportKind, string> = {
  bids: 'bid records', contracts: 'contract records', attendance: 'attendance records',
  'firm-relations': 'firm relation records', boq: 'BOQ line items',
};

/** Null while reading may go on; else the one message for the clerk, Chinese first. */
export function stopReading(kind: ImportKind, rowsRead: number, rejectedRows: number, limits = IMPORT_LIMITS): string | null {
  const share = rowsRead ? rejectedRows / rowsRead : 0;
  const tooMany = rejectedRows >= limits.maxRejectedRows;
  const mostlyBad = rowsRead >= limits.minRowsForShare && share >= limits.maxRejectedShare;
  if (!tooMany && !mostlyBad) return null;
  const pct = Math.round(share * 100);
  const why = tooMany
    ? `被拒绝的行已达 ${rejectedRows} 行（上限 ${limits.maxRejectedRows}）`
    : `已读取的 ${rowsRead} 行中有 ${rejectedRows} 行（${pct}%）被拒绝`;
  const whyEn = tooMany
    ? `${rejectedRows} rows rejected (limit ${limits.maxRejectedRows})`
    : `${rejectedRows} of the first ${rowsRead} rows (${pct} %) rejected`;
  return (
    `文件似乎不是${WHAT[kind]}：${why}，已停止读取，未导入任何数据。请检查文件和所选的数据类型；前几行的错误见下。` +
    ` (The file does not look like ${WHAT_EN[kind]}: ${whyEn}; stopped reading, nothing imported. Check the file and the kind chosen; the first errors are listed.)`
  );
}
