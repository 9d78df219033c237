/**
 * A self-contained HTML report that prints well on A4: inline CSS, the charts as inline SVG, no scripts and no
 * external assets (no URL anywhere in src/href). Every section starts on a new page; table headers repeat on each
 * page and rows never split.
 */
import { DIRECTION_LABELS, METRIC_LABELS, PARTY_COLUMNS, ROW_COLUMNS, TREND_COLUMNS, type Column } from '../columns.js';
import type { DiscountTrendReport, ReportRow } from '../report-types.js';
import { escapeHtml as h, fixed, int, pct, pp, shanghaiDisplay } from '../text.js';
import { chartSpec, FONT_STACK, renderChartSvg } from './chart.js';

const CSS = `
@page { size: A4; margin: 16mm 13mm 18mm 13mm; }
* { box-sizing: border-box; }
html { font-family: ${FONT_STACK}; font-size: 10.5pt; line-height: 1.55; color: #212529; background: #fff; }
body { margin: 0 auto; max-width: 184mm; }
h1 { font-size: 20pt; margin: 0 0 4mm; }
h2 { font-size: 14pt; margin: 0 0 3mm; padding-bottom: 1.5mm; border-bottom: 1.2pt solid #1f5fa8; color: #1f3b5c; }
h3 { font-size: 11.5pt; margin: 5mm 0 2mm; }
h2, h3 { break-after: avoid; page-break-after: avoid; }
p, li { orphans: 3; widows: 3; }
.en { color: #6c757d; font-size: 0.88em; }
.cover { padding: 6mm 0 4mm; border-bottom: 0.6pt solid #ced4da; margin-bottom: 6mm; }
.cover .org { font-size: 12pt; color: #495057; letter-spacing: 0.1em; }
.meta { font-size: 9pt; color: #495057; }
section { margin-bottom: 6mm; }
section.page { break-before: page; page-break-before: always; }
ol.summary li { margin-bottom: 2.5mm; }
figure { margin: 0 0 5mm; break-inside: avoid; page-break-inside: avoid; }
figure svg { width: 100%; height: auto; display: block; }
figcaption { font-size: 8.5pt; color: #495057; margin-top: 1mm; }
table { width: 100%; border-collapse: collapse; font-size: 7.6pt; margin-bottom: 4mm; page-break-inside: auto; }
thead { display: table-header-group; }
tfoot { display: table-footer-group; }
tr, td, th { break-inside: avoid; page-break-inside: avoid; }
th { background: #e7edf5; font-weight: 600; text-align: center; vertical-align: middle; }
th, td { border: 0.5pt solid #adb5bd; padding: 1.2mm 1.3mm; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.group td { background: #f1f3f5; font-weight: 600; }
.bar { display: inline-block; height: 2.6mm; background: #1f5fa8; vertical-align: middle; margin-right: 1.5mm; }
.note { font-size: 9pt; color: #495057; }
dl { font-size: 9.5pt; }
dt { font-weight: 600; margin-top: 2mm; break-after: avoid; page-break-after: avoid; }
dd { margin: 0 0 0 4mm; }
@media screen { body { padding: 10mm 0; } }
`;

function cell(c: Column, v: unknown): string {
  if (v === null || v === undefined || v === '') return '<td class="n">—</td>';
  switch (c.kind) {
    case 'pct': return `<td class="n">${pct(v as number)}</td>`;
    case 'pp': return `<td class="n">${pp(v as number)}</td>`;
    case 'rel': return `<td class="n">${pp(v as number, 1)}%</td>`;
    case 'int': return `<td class="n">${int(v as number)}</td>`;
    case 'num1': return `<td class="n">${fixed(v as number, 1)}</td>`;
    case 'num4': return `<td class="n">${fixed(v as number, 4)}</td>`;
    case 'year': return `<td class="n">${h(String(v))}</td>`;
    default: return `<td>${h(String(v))}</td>`;
  }
}

function headRow(cols: Column[]): string {
  return `<thead><tr>${cols.map((c) => `<th title="${h(c.key)}">${h(c.zh)}</th>`).join('')}</tr></thead>`;
}

function table(cols: Column[], records: Record<string, unknown>[]): string {
  return `<table>${headRow(cols)}<tbody>${records.map((r) => `<tr>${cols.map((c) => cell(c, r[c.key])).join('')}</tr>`).join('')}</tbody></table>`;
}

/** Rows grouped by dimension value with a group header row (the printed table for `--by`). */
function groupedTable(cols: Column[], rows: ReportRow[]): string {
  const body: string[] = [];
  let current: string | null = null;
  for (const r of rows) {
    if (r.value !== current) {
      current = r.value;
      body.push(`<tr class="group"><td colspan="${cols.length}">${h(r.label)} <span class="en">${h(r.value)}</span></td></tr>`);
    }
    body.push(`<tr>${cols.map((c) => cell(c, (r as unknown as Record<string, unknown>)[c.key])).join('')}</tr>`);
  }
  return `<table>${headRow(cols)}<tbody>${body.join('')}</tbody></table>`;
}

/** ECharts' SVG made inline: no XML prolog, no namespace URLs (HTML does not need them). */
export function inlineSvg(svg: string): string {
  return svg
    .replace(/<\?xml[^>]*\?>\s*/, '')
    .replace(/\s+xmlns(:\w+)?="[^"]*"/g, '')
    .replace(/\s+(?:xlink:)?href="(?!#)[^"]*"/g, '');
}

export async function renderHtml(r: DiscountTrendReport): Promise<Buffer> {
  const printCols = ROW_COLUMNS.filter((c) => c.print);
  const totalsCols = printCols.filter((c) => c.key !== 'label');
  const rowCols = printCols.filter((c) => c.key !== 'label');
  const charts: string[] = [];
  const main = await renderChartSvg(chartSpec(r, { width: 860 }));
  charts.push(`<figure>${inlineSvg(main)}<figcaption>图1 ${h(chartSpec(r).title)}。实线为中位数，阴影为 P25–P75 区间（一半的已定标标段落在其中）。<span class="en">Median (line) and P25–P75 band of the winning discount rate.</span></figcaption></figure>`);
  if (r.by) {
    const overall = await renderChartSvg(chartSpec(r, { overall: true, width: 860, height: 400 }));
    charts.push(`<figure>${inlineSvg(overall)}<figcaption>图2 全市中标下浮率中位数（P25–P75 区间）与全部有效投标下浮率中位数。<span class="en">City-wide winning median with band, and the median of all valid bids.</span></figcaption></figure>`);
  }
  const trendCols = TREND_COLUMNS.filter((c) => c.print);
  const trendRecords = r.trends.map((t) => ({
    ...t,
    metric_label: METRIC_LABELS[t.metric],
    direction_label: DIRECTION_LABELS[t.direction],
  }));
  const d = r.decomposition;
  const top = d?.factors.find((f) => f.factor !== 'year');
  const decomposition = d
    ? `<p><strong>${h(d.sentence_zh)}</strong><br><span class="en">${h(d.sentence_en)}</span></p>
       ${d.structure_zh ? `<p>${h(d.structure_zh)}<br><span class="en">${h(d.structure_en ?? '')}</span></p>` : ''}
       <table><thead><tr><th>因素</th><th>解释的差异（Shapley）</th><th>单独解释（η²）</th><th>独有解释</th><th>水平数</th><th>参照水平</th></tr></thead><tbody>
       ${d.factors.map((f) => `<tr><td>${h(f.zh)} <span class="en">${h(f.en)}</span></td><td class="n"><span class="bar" style="width:${Math.max(0.5, Math.round(f.share * 300) / 10)}mm"></span>${pct(f.share, 1)}</td><td class="n">${pct(f.alone, 1)}</td><td class="n">${pct(f.unique, 1)}</td><td class="n">${f.levels}</td><td>${h(f.reference_label)}</td></tr>`).join('')}
       <tr class="group"><td>合计 R²</td><td class="n">${pct(d.r2, 1)}</td><td colspan="4">调整 R² ${pct(d.adj_r2, 1)} · ${int(d.tenders)} 个标段 · ${d.params} 个参数</td></tr>
       </tbody></table>
       ${top ? `<h3>${h(top.zh)}各水平的中标下浮率（控制其他因素后相对“${h(top.reference_label)}”）</h3>
       <table><thead><tr><th>${h(top.zh)}</th><th>标段数</th><th>均值（未调整）</th><th>效应（百分点）</th></tr></thead><tbody>
       ${top.effects.map((e) => `<tr><td>${h(e.label)}</td><td class="n">${int(e.tenders)}</td><td class="n">${pct(e.mean)}</td><td class="n">${e.value === top.reference ? '参照' : pp(e.effect)}</td></tr>`).join('')}
       </tbody></table>` : ''}
       <h3>年度效应：扣除结构因素前后 <span class="en">Year effects, raw and net of structure</span></h3>
       <table><thead><tr><th>年份</th><th>未扣除，较 ${r.from} 年（百分点）</th><th>扣除结构因素后（百分点）</th></tr></thead><tbody>
       ${d.year_effects.map((y) => `<tr><td class="n">${y.year}</td><td class="n">${pp(y.raw)}</td><td class="n">${pp(y.adjusted)}</td></tr>`).join('')}
       </tbody></table>
       <p class="note">${h(d.caveat_zh)}<br><span class="en">${h(d.caveat_en)}</span></p>`
    : '<p>数据不足，无法分解。<span class="en">Not enough data for a decomposition.</span></p>';
  const partyCols = PARTY_COLUMNS.filter((c) => c.print);
  const partyTable = (p: DiscountTrendReport['parties']['buyer']) =>
    p.total === 0
      ? `<p>导入的数据未填报${h(p.label)}（${p.kind}_uscc 列）。<span class="en">No ${p.kind} in the data.</span></p>`
      : `<h3>${h(p.label)}（共 ${int(p.total)} 个，列出标记最多的 ${p.shown} 个）</h3>${table(partyCols, p.rows as unknown as Record<string, unknown>[])}`;
  const parties = (no: () => string | undefined) => r.parties.buyer.total + r.parties.agency.total > 0
    ? `<section id="parties" class="page">
  <h2>${no()}、按招标人和代理机构的发现 <span class="en">Findings by buyer and by agency</span></h2>
  ${partyTable(r.parties.buyer)}
  ${partyTable(r.parties.agency)}
  <p class="note">本级指标：BCONC 中标集中度（OCP R040/R050）、BR038 评审期过短（cardinal R038）、BSINGLE 单一投标比例、BLOWBID 异常低价中标比例，均与同类招标人/代理机构比较。标记是核查线索，不是定性结论。</p>
</section>`
    : '';
  let n = 0;
  const num = () => ['一', '二', '三', '四', '五', '六', '七', '八'][n++];
  const html = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(r.title)}</title>
<style>${CSS}</style>
</head>
<body>
<header class="cover">
  <div class="org">昆山市住房和城乡建设局 · 招投标监管</div>
  <h1>${h(r.title)}</h1>
  <div class="en">Annual discount-rate (下浮率) trend report, ${r.from}–${r.to}${r.by ? `, by ${h(r.by)}` : ''}</div>
  <div class="meta">生成时间 Generated ${h(shanghaiDisplay(r.generated_at))} · 下浮率 = (控制价 − 报价) ÷ 控制价 · bidwatch</div>
</header>
<section id="summary">
  <h2>${num()}、要点 <span class="en">Summary</span></h2>
  <ol class="summary">${r.summary.map((s) => `<li>${h(s.zh)}<br><span class="en">${h(s.en)}</span></li>`).join('')}</ol>
  <p class="note">${r.notes.map((s) => `${h(s.zh)} <span class="en">${h(s.en)}</span>`).join('<br>')}</p>
</section>
<section id="charts" class="page">
  <h2>${num()}、趋势图 <span class="en">Charts</span></h2>
  ${charts.join('\n')}
</section>
<section id="totals" class="page">
  <h2>${num()}、全市年度汇总 <span class="en">City-wide, by year</span></h2>
  ${table(totalsCols, r.totals as unknown as Record<string, unknown>[])}
  <p class="note">下浮率为百分比；“同比”为与上年相差的百分点。完整列（均值、P10/P90、上围栏等）见 CSV / XLSX。<span class="en">Rates in %; YoY in percentage points. All columns in CSV / XLSX.</span></p>
</section>
${r.by ? `<section id="rows" class="page">
  <h2>${num()}、按${h(r.by_label ?? '')}分组 <span class="en">By ${h(r.by)}</span></h2>
  ${groupedTable(rowCols, r.rows)}
</section>` : ''}
<section id="trends" class="page">
  <h2>${num()}、趋势检验 <span class="en">Trend tests (Theil–Sen, Mann–Kendall)</span></h2>
  ${table(trendCols, trendRecords)}
  <p class="note">斜率为每年变化的百分点；p &lt; 0.05 记为显著（无并列值时用精确 p）。年份少于 5 年时检验效力很低，不显著不等于没有趋势。<span class="en">Slope in pp per year; significant at p &lt; 0.05 (exact p when there are no ties). Few years ⇒ little power.</span></p>
</section>
<section id="decomposition" class="page">
  <h2>${num()}、什么在影响中标下浮率 <span class="en">What moves the winning discount rate</span></h2>
  ${decomposition}
</section>
${parties(num)}
<section id="methods" class="page">
  <h2>${num()}、口径与方法 <span class="en">Definitions and methods</span></h2>
  <dl>${Object.entries(r.definitions).map(([k, v]) => `<dt>${h(k)}</dt><dd>${h(v)}</dd>`).join('')}</dl>
  <p class="note">检测运行（异常低价标记所用）：${r.detection_runs.map((x) => `${x.year} → ${x.run_id ?? '无'}`).join('；')}</p>
</section>
</body>
</html>
`;
  return Buffer.from(html, 'utf8');
}
