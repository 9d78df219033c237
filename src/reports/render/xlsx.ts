/**
 * The report as an Excel workbook, one sheet per view: 摘要 (summary, method, notes), 年度汇总 (per-year totals),
 * 分组明细 (per dimension value, with `--by`), 趋势检验 (Theil–Sen / Mann–Kendall per series), 影响因素 (the
 * decomposition), 年度效应 (year effects net of structure), 招标人 and 代理机构 (findings by buyer and by agency). Headers in Chinese (the English key as a cell
 * note), rates formatted as percentages, YoY of rates as signed percentage points.
 */
import type { Workbook, Worksheet } from 'exceljs';
import { DIRECTION_LABELS, METRIC_LABELS, PARTY_COLUMNS, ROW_COLUMNS, TREND_COLUMNS, type Column, type ColumnKind } from '../columns.js';
import { safeCell, safeRow } from '../../exports/spreadsheet-safe.js';
import type { DiscountTrendReport } from '../report-types.js';
import { shanghaiDisplay } from '../text.js';

export const NUM_FMT: Record<ColumnKind, string | undefined> = {
  pct: '0.00%',
  // Percentage points are written ×100 (0.0035 → 0.35) so a "(百分点)" column reads 0.35, not 0.35 %.
  pp: '+0.00;-0.00;0.00',
  rel: '+0.0%;-0.0%;0.0%',
  int: '#,##0',
  num1: '0.0',
  num4: '0.0000',
  year: '0',
  text: undefined,
};

/** A rate difference as percentage points, rounded to the 8 decimals the rate had so 0.0035 → 0.35 exactly. */
function ppCell(v: number): number {
  return Math.round(v * 1e10) / 1e8;
}

const HEADER_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFDEE6F0' } };

function table(ws: Worksheet, columns: Column[], records: Record<string, unknown>[], startRow = 1): void {
  const head = ws.getRow(startRow);
  columns.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    cell.value = c.zh;
    cell.note = c.key;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    ws.getColumn(i + 1).width = c.kind === 'text' ? 18 : Math.max(10, Math.min(16, c.zh.length * 1.6));
  });
  head.height = 32;
  records.forEach((rec, r) => {
    const row = ws.getRow(startRow + 1 + r);
    columns.forEach((c, i) => {
      const v = rec[c.key];
      const cell = row.getCell(i + 1);
      cell.value = v === null || v === undefined ? null : c.kind === 'pp' && typeof v === 'number' ? ppCell(v) : safeCell(v as string | number);
      const fmt = NUM_FMT[c.kind];
      if (fmt) cell.numFmt = fmt;
    });
  });
  ws.views = [{ state: 'frozen', ySplit: startRow, xSplit: 0 }];
  if (records.length) ws.autoFilter = { from: { row: startRow, column: 1 }, to: { row: startRow + records.length, column: columns.length } };
}

function summarySheet(wb: Workbook, r: DiscountTrendReport): void {
  const ws = wb.addWorksheet('摘要');
  ws.getColumn(1).width = 22;
  ws.getColumn(2).width = 110;
  const add = (a: string, b = '', bold = false) => {
    const row = ws.addRow(safeRow([a, b]));
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    row.getCell(1).alignment = { vertical: 'top' };
    if (bold) row.font = { bold: true };
  };
  const title = ws.addRow(safeRow([`昆山市住房和城乡建设局 · ${r.title}`]));
  title.font = { bold: true, size: 14 };
  add('年份范围 (years)', `${r.from}–${r.to}`);
  add('分组维度 (by)', r.by ? `${r.by_label} (${r.by})` : '不分组（全市）(none)');
  add('生成时间 (generated)', shanghaiDisplay(r.generated_at));
  add('检测运行 (detection runs)', r.detection_runs.map((d) => `${d.year}: ${d.run_id ?? '—'}`).join('；'));
  add('');
  add('要点 (summary)', '', true);
  r.summary.forEach((s, i) => {
    add(`${i + 1}.`, s.zh);
    add('', s.en);
  });
  add('');
  add('说明 (notes)', '', true);
  r.notes.forEach((s) => {
    add('', s.zh);
    add('', s.en);
  });
  add('');
  add('口径与方法 (definitions)', '', true);
  for (const [k, v] of Object.entries(r.definitions)) add(k, v);
}

function decompositionSheets(wb: Workbook, r: DiscountTrendReport): void {
  const d = r.decomposition;
  const ws = wb.addWorksheet('影响因素');
  if (!d) {
    ws.addRow(['数据不足，无法分解 (not enough data for a decomposition)']);
    return;
  }
  ws.addRow(safeRow([d.sentence_zh])).font = { bold: true };
  ws.addRow(safeRow([d.sentence_en]));
  if (d.structure_zh) {
    ws.addRow(safeRow([d.structure_zh]));
    ws.addRow(safeRow([d.structure_en]));
  }
  ws.addRow(safeRow([d.caveat_zh]));
  ws.addRow([`R² = ${d.r2.toFixed(4)}，调整 R² = ${d.adj_r2?.toFixed(4) ?? '—'}，${d.tenders} 个标段，${d.params} 个参数。${d.method}`]);
  ws.addRow([]);
  const start = ws.rowCount + 1;
  const cols: Column[] = [
    { key: 'zh', zh: '因素', kind: 'text' },
    { key: 'factor', zh: '因素代码', kind: 'text' },
    { key: 'share', zh: '解释的差异(Shapley)', kind: 'pct' },
    { key: 'share_of_explained', zh: '占已解释部分', kind: 'pct' },
    { key: 'alone', zh: '单独解释(η²)', kind: 'pct' },
    { key: 'unique', zh: '独有解释', kind: 'pct' },
    { key: 'levels', zh: '水平数', kind: 'int' },
    { key: 'reference_label', zh: '参照水平', kind: 'text' },
  ];
  table(ws, cols, d.factors as unknown as Record<string, unknown>[], start);
  ws.getColumn(1).width = 24;

  const fx = wb.addWorksheet('各水平效应');
  const effectCols: Column[] = [
    { key: 'factor_zh', zh: '因素', kind: 'text' },
    { key: 'label', zh: '水平', kind: 'text' },
    { key: 'tenders', zh: '标段数', kind: 'int' },
    { key: 'mean', zh: '中标下浮率均值', kind: 'pct' },
    { key: 'effect', zh: '相对参照水平(百分点，控制其他因素)', kind: 'pp' },
    { key: 'reference', zh: '参照水平', kind: 'text' },
  ];
  table(
    fx,
    effectCols,
    d.factors.flatMap((f) => f.effects.map((e) => ({ factor_zh: f.zh, ...e, reference: f.reference_label }))),
  );
  const ye = wb.addWorksheet('年度效应');
  table(
    ye,
    [
      { key: 'year', zh: '年份', kind: 'year' },
      { key: 'adjusted', zh: `扣除结构因素后较 ${r.from} 年(百分点)`, kind: 'pp' },
      { key: 'raw', zh: `未扣除较 ${r.from} 年(百分点)`, kind: 'pp' },
    ],
    d.year_effects as unknown as Record<string, unknown>[],
  );
}

export async function renderXlsx(report: DiscountTrendReport): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'bidwatch';
  wb.title = report.title;
  wb.created = new Date(report.generated_at);
  summarySheet(wb, report);
  table(wb.addWorksheet('年度汇总'), ROW_COLUMNS, report.totals as unknown as Record<string, unknown>[]);
  if (report.by) table(wb.addWorksheet('分组明细'), ROW_COLUMNS, report.rows as unknown as Record<string, unknown>[]);
  table(
    wb.addWorksheet('趋势检验'),
    TREND_COLUMNS,
    report.trends.map((t) => ({
      ...t,
      metric_label: METRIC_LABELS[t.metric],
      direction_label: DIRECTION_LABELS[t.direction],
      // first/last values of every metric are rates
    })),
  );
  decompositionSheets(wb, report);
  for (const p of [report.parties.buyer, report.parties.agency]) {
    const ws = wb.addWorksheet(p.kind === 'buyer' ? '招标人' : '代理机构');
    if (p.total === 0) {
      ws.addRow([`导入的数据未填报${p.label}（${p.kind}_uscc 列），本表为空 (no ${p.kind} in the data)`]);
      continue;
    }
    ws.addRow(safeRow([`${p.label}：共 ${p.total} 个，列出标记最多的 ${p.shown} 个。标记是核查线索，不是定性结论。`])).font = { bold: true };
    table(ws, PARTY_COLUMNS, p.rows as unknown as Record<string, unknown>[], 2);
  }
  const buf = await wb.xlsx.writeBuffer();
  return Buffer.from(buf as ArrayBuffer);
}
