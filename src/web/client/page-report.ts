import { api, ApiError, download, qs } from './api.js';
import { echart, esc } from './charts.js';
import type { PageContext } from './context.js';
import { control, h, win, type DomElement } from './dom.js';
import { count, num, pct } from './format.js';
import { BY_LABELS, CATEGORY_LABELS, EVALUATION_METHOD_LABELS, first, WORK_TYPE_LABELS } from './labels.js';
import { errorBox, loading, pageHeader, section, table, toast, errorText } from './ui.js';

/**
 * The annual 下浮率 trend report (GET /api/reports/discount-trend): charts of the winners' median discount with its
 * P25–P75 band and of the share of abnormally low bids, the table, and the CSV / XLSX / SVG downloads.
 */

type Row = Record<string, unknown> & {
  year: number;
  dimension: string;
  value: string;
  label?: string;
  tenders: number;
  bids: number;
  winner_discount_median: number | null;
  winner_discount_p25: number | null;
  winner_discount_p75: number | null;
  bid_discount_median: number | null;
  abnormal_bid_share: number | null;
};
interface Trend {
  value: string;
  label?: string;
  metric: string;
  first_year: number | null;
  last_year: number | null;
  first_value: number | null;
  last_value: number | null;
  slope: number | null;
  slope_low: number | null;
  slope_high: number | null;
  p: number | null;
  direction: string;
}
interface Factor {
  factor: string;
  zh: string;
  share: number;
  alone: number;
  reference_label?: string;
  effects?: { label: string; tenders: number; effect: number | null }[];
}
/** The contract fixes from, to, by and rows; the rest (summary, trends, decomposition, notes) is shown when present. */
interface Report {
  from: number;
  to: number;
  by: string | null;
  rows: Row[];
  summary?: { zh: string; en?: string }[];
  trends?: Trend[];
  decomposition?: { r2: number; factors: Factor[]; sentence_zh?: string; caveat_zh?: string } | null;
  notes?: { zh: string }[];
}

/** Table columns in reading order; the downloads carry every column. */
const COLUMNS: [string, string][] = [
  ['year', '年份'], ['value', '分组'], ['tenders', '标段数'], ['bids', '投标数'], ['valid_bids', '有效投标'],
  ['winner_discount_p25', '中标 P25'], ['winner_discount_median', '中标中位数'], ['winner_discount_p75', '中标 P75'],
  ['winner_discount_median_yoy', '中标中位数同比'], ['bid_discount_median', '投标中位数'],
  ['abnormal_bid_share', '异常低价报价占比'], ['abnormal_winner_share', '异常低价中标占比'],
];

const METRIC_LABELS: Record<string, string> = {
  winner_discount_median: '中标下浮率中位数', bid_discount_median: '投标下浮率中位数', abnormal_bid_share: '异常低价报价占比',
};
const DIRECTION_LABELS: Record<string, string> = { rising: '显著上升', falling: '显著下降', no_trend: '无显著趋势', insufficient: '年份不足' };

function valueLabel(by: string, r: { value: string; label?: string }): string {
  if (r.label) return r.label;
  if (r.value === 'all') return '全市';
  const maps: Record<string, Record<string, string>> = { category: CATEGORY_LABELS, work_type: WORK_TYPE_LABELS, evaluation_method: EVALUATION_METHOD_LABELS };
  return first(maps[by]?.[r.value], r.value);
}

/** A change in percentage points: 0.0191 → '+1.91 个百分点'. */
function pp(x: unknown): string {
  const n = num(x);
  return n === null ? '—' : `${n >= 0 ? '+' : ''}${(n * 100).toFixed(2)} 个百分点`;
}

export async function reportPage(ctx: PageContext): Promise<void> {
  const { main } = ctx;
  const thisYear = new Date().getFullYear();
  const from = Number(ctx.query.get('from')) || thisYear - 7;
  const to = Number(ctx.query.get('to')) || thisYear - 1;
  const by = ctx.query.get('by') ?? 'all';
  const params = { from, to, by: by === 'all' ? '' : by };
  const path = (format: string) => `/api/reports/discount-trend${qs({ ...params, format })}`;
  const fileBase = `下浮率趋势-${from}-${to}${by === 'all' ? '' : `-${by}`}`;
  const dl = (format: string, label: string) =>
    h('a', { class: 'btn btn-sm', href: path(format), 'data-format': format, onclick: (e) => {
      e.preventDefault();
      download(path(format), `${fileBase}.${format}`).then(() => toast(`已下载 ${label}`, 'ok'), (err) => toast(`下载失败：${errorText(err)}`, 'error'));
    } }, `下载 ${label}`);
  const downloads = h('div', { class: 'downloads', 'data-testid': 'report-downloads' }, dl('csv', 'CSV'), dl('xlsx', 'XLSX'), dl('svg', 'SVG'));
  const form = h('form', { class: 'filters', onsubmit: (e) => {
    e.preventDefault();
    win.location.hash = `#/reports${qs({ from: control('#r-from', main).value, to: control('#r-to', main).value, by: control('#r-by', main).value === 'all' ? '' : control('#r-by', main).value })}`;
  } },
  h('label', { class: 'field field-sm' }, h('span', null, '起始年份'), h('input', { id: 'r-from', type: 'number', min: '1990', max: '2100', value: String(from) })),
  h('label', { class: 'field field-sm' }, h('span', null, '截止年份'), h('input', { id: 'r-to', type: 'number', min: '1990', max: '2100', value: String(to) })),
  h('label', { class: 'field' }, h('span', null, '分组'),
    h('select', { id: 'r-by' }, Object.entries(BY_LABELS).map(([k, v]) => h('option', { value: k, selected: k === by }, v)))),
  h('div', { class: 'field field-buttons' }, h('button', { class: 'btn btn-primary', type: 'submit' }, '生成报告')));
  const body = h('div', { 'data-testid': 'report-body' }, loading('正在生成报告…'));
  main.replaceChildren(pageHeader('下浮率年度报告', '下浮率 =（最高投标限价 − 投标报价）÷ 最高投标限价', downloads), form, body);

  let report: Report;
  try {
    report = await api<Report>(path('json'));
  } catch (e) {
    if (!ctx.alive()) return;
    downloads.hidden = true;
    if (e instanceof ApiError && e.status === 404) {
      body.replaceChildren(h('div', { class: 'alert alert-warn', 'data-testid': 'report-unavailable' },
        h('strong', null, '报告服务不可用'), '：服务器尚未提供 /api/reports/discount-trend（报告模块未部署或版本较旧）。请联系系统管理员；命令行 ',
        h('code', null, 'bidwatch report discount-trend'), ' 可生成同一报告。'));
    } else {
      body.replaceChildren(errorBox(e, '报告生成失败'));
    }
    return;
  }
  if (!ctx.alive()) return;
  const rows = report.rows ?? [];
  if (!rows.length) {
    body.replaceChildren(h('div', { class: 'empty' }, `${from}–${to} 年没有可统计的标段。`));
    return;
  }
  const years = [...new Set(rows.map((r) => Number(r.year)))].sort((a, b) => a - b);
  const values = [...new Set(rows.map((r) => String(r.value)))];
  const labelOf = new Map(rows.map((r) => [String(r.value), valueLabel(by, r)]));
  const get = (v: string, y: number) => rows.find((r) => String(r.value) === v && Number(r.year) === y);
  const pctAxis = { type: 'value', scale: true, axisLabel: { formatter: (v: number) => `${(v * 100).toFixed(v !== 0 && Math.abs(v) < 0.1 ? 1 : 0)}%` }, splitLine: { lineStyle: { color: '#edf0f4' } } };
  const pctTip = (ps: { seriesName: string; value: number | null; axisValue: string; color: string }[]) =>
    `${esc(ps[0]?.axisValue)} 年<br/>${ps.filter((p) => !p.seriesName.startsWith('_')).map((p) => `<span style="color:${esc(p.color)}">●</span> ${esc(p.seriesName)}：${pct(p.value)}`).join('<br/>')}`;

  const trendBox = h('div', { class: 'chart-box' });
  const shareBox = h('div', { class: 'chart-box' });
  body.replaceChildren(
    report.summary?.length ? section('要点', h('ul', { class: 'findings' }, report.summary.map((x) => h('li', null, x.zh))), { id: 'summary' }) : h('span'),
    h('div', { class: 'two-col two-col-even' },
      section(`中标下浮率${by === 'all' ? '（中位数与 P25–P75）' : '中位数'}`, trendBox, { id: 'trend' }),
      section('异常低价报价占比', shareBox, { id: 'share' })),
    section('明细', tableOf(report, by), { id: 'report-table' }),
    h('div', { class: 'two-col two-col-even' },
      report.trends?.length ? section('趋势检验（Theil–Sen 斜率 · Mann–Kendall）', trendsTable(report.trends), { id: 'trends' }) : h('span'),
      report.decomposition ? section('中标下浮率差异的来源', factors(report.decomposition), { id: 'factors' }) : h('span')),
    report.notes?.length ? h('ul', { class: 'notes muted small' }, report.notes.map((n) => h('li', null, n.zh))) : h('span'));

  const series = by === 'all'
    ? [
      { name: '_p25', type: 'line', stack: 'band', data: years.map((y) => num(get('all', y)?.winner_discount_p25)), lineStyle: { opacity: 0 }, symbol: 'none' },
      { name: '_band', type: 'line', stack: 'band', data: years.map((y) => { const r = get('all', y); const a = num(r?.winner_discount_p25); const b = num(r?.winner_discount_p75); return a === null || b === null ? null : b - a; }),
        lineStyle: { opacity: 0 }, symbol: 'none', areaStyle: { color: 'rgba(29,100,200,0.14)' } },
      { name: '中标下浮率中位数', type: 'line', itemStyle: { color: '#1d64c8' }, data: years.map((y) => num(get('all', y)?.winner_discount_median)), symbolSize: 7, lineStyle: { width: 2.5 }, label: { show: true, position: 'top', fontSize: 11, formatter: (p: { value: number }) => pct(p.value, 1) } },
      { name: '投标下浮率中位数', type: 'line', itemStyle: { color: '#8e5cc4' }, data: years.map((y) => num(get('all', y)?.bid_discount_median)), lineStyle: { type: 'dashed' }, symbolSize: 5 },
    ]
    : values.map((v) => ({ name: labelOf.get(v) ?? v, type: 'line', connectNulls: true, symbolSize: 6, data: years.map((y) => num(get(v, y)?.winner_discount_median)) }));
  void echart(ctx, trendBox, {
    legend: { top: 0, type: 'scroll', data: series.map((s) => s.name).filter((n) => !n.startsWith('_')) },
    tooltip: { trigger: 'axis', formatter: pctTip },
    grid: { left: 52, right: 20, top: 40, bottom: 28 },
    xAxis: { type: 'category', data: years.map(String), boundaryGap: false },
    yAxis: pctAxis,
    series,
  }, 300);
  void echart(ctx, shareBox, {
    legend: { top: 0, type: 'scroll', show: by !== 'all' },
    tooltip: { trigger: 'axis', formatter: pctTip },
    grid: { left: 52, right: 20, top: 40, bottom: 28 },
    xAxis: { type: 'category', data: years.map(String) },
    yAxis: { ...pctAxis, scale: false },
    series: by === 'all'
      ? [{ name: '异常低价报价占比', type: 'bar', barMaxWidth: 38, itemStyle: { color: '#c9302c' }, data: years.map((y) => num(get('all', y)?.abnormal_bid_share)),
        label: { show: true, position: 'top', fontSize: 11, formatter: (p: { value: number }) => pct(p.value, 1) } }]
      : values.map((v) => ({ name: labelOf.get(v) ?? v, type: 'line', connectNulls: true, symbolSize: 6, data: years.map((y) => num(get(v, y)?.abnormal_bid_share)) })),
  }, 300);
}

function tableOf(report: Report, by: string): DomElement {
  const rows = [...report.rows].sort((a, b) => Number(a.year) - Number(b.year) || String(a.value).localeCompare(String(b.value)));
  const cols = COLUMNS.filter(([k]) => rows.some((r) => k in r) && (by !== 'all' || k !== 'value'));
  return table(cols.map(([k, label]) => ({
    label: k === 'value' ? BY_LABELS[by] ?? label : label,
    class: k === 'value' ? '' : 'num',
    cell: (r: Row) => {
      const v = r[k];
      if (k === 'year') return String(v);
      if (k === 'value') return valueLabel(by, r);
      if (k.endsWith('_yoy')) return pp(v);
      if (/discount|share/.test(k)) return pct(v);
      return count(v);
    },
  })), rows, { class: 'dense report' });
}

function trendsTable(trends: Trend[]): DomElement {
  return table<Trend>([
    { label: '分组', cell: (t) => t.label ?? t.value },
    { label: '指标', cell: (t) => METRIC_LABELS[t.metric] ?? t.metric },
    { label: '首年 → 末年', class: 'num', cell: (t) => `${pct(t.first_value)} → ${pct(t.last_value)}` },
    { label: '斜率（/年）', class: 'num', cell: (t) => h('span', { title: `95% 区间 ${pp(t.slope_low)} 至 ${pp(t.slope_high)}` }, pp(t.slope)) },
    { label: 'p', class: 'num', cell: (t) => (t.p === null ? '—' : t.p < 0.001 ? '< 0.001' : t.p.toFixed(3)) },
    { label: '结论', cell: (t) => h('span', { class: `trend trend-${t.direction}` }, DIRECTION_LABELS[t.direction] ?? t.direction) },
  ], trends, { class: 'dense' });
}

function factors(d: NonNullable<Report['decomposition']>): DomElement {
  const max = Math.max(0.01, ...d.factors.map((f) => f.share));
  return h('div', null,
    d.sentence_zh ? h('p', { class: 'lead' }, d.sentence_zh) : null,
    h('div', { class: 'bars' }, d.factors.map((f) => {
      const bar = h('span', { class: 'bar-fill' });
      bar.style.setProperty('width', `${Math.round((f.share / max) * 100)}%`);
      return h('div', { class: 'bar-row', title: `单独解释 ${pct(f.alone, 1)}${f.reference_label ? `；参照：${f.reference_label}` : ''}` },
        h('span', { class: 'bar-label' }, f.zh), h('span', { class: 'bar-track' }, bar), h('span', { class: 'bar-value' }, pct(f.share, 1)));
    })),
    h('p', { class: 'muted small' }, `模型合计解释 ${pct(d.r2, 0)}。${d.caveat_zh ?? ''}`));
}
