/**
 * Server-side line charts (ECharts SSR → SVG string): the median winning 下浮率 by year with its P25–P75 band,
 * one series per dimension value (and the city-wide line beside them), Chinese labels, a font stack with Chinese
 * fonts. ECharts is loaded on first use so other commands do not pay for it; every chart is disposed, or the
 * process would never exit.
 */
import { ALL } from '../dimensions.js';
import type { DiscountTrendReport, ReportRow } from '../report-types.js';

/** Single quotes only: ECharts writes the stack into a double-quoted style attribute. */
export const FONT_STACK =
  "'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'SimHei', 'Helvetica Neue', Arial, sans-serif";

const PALETTE = ['#1f5fa8', '#d9480f', '#2b8a3e', '#862e9c', '#e67700', '#0b7285', '#c2255c', '#5c940d', '#364fc7', '#a61e4d', '#087f5b', '#795548', '#495057', '#f08c00'];

type EChartsModule = typeof import('echarts/core');
let loaded: Promise<EChartsModule> | null = null;

async function echartsCore(): Promise<EChartsModule> {
  loaded ??= (async () => {
    const core = await import('echarts/core');
    const { LineChart } = await import('echarts/charts');
    const { GridComponent, LegendComponent, TitleComponent, GraphicComponent } = await import('echarts/components');
    const { SVGRenderer } = await import('echarts/renderers');
    core.use([LineChart, GridComponent, LegendComponent, TitleComponent, GraphicComponent, SVGRenderer]);
    return core;
  })();
  return loaded;
}

export interface ChartSeries {
  name: string;
  /** per x position: median, P25, P75 (null where the group had no awarded tender that year) */
  median: (number | null)[];
  p25: (number | null)[];
  p75: (number | null)[];
  band: boolean;
  dashed?: boolean;
  color?: string;
}

export interface ChartSpec {
  title: string;
  subtitle: string;
  years: number[];
  series: ChartSeries[];
  width: number;
  height: number;
  yName: string;
}

function alignedByYear(rows: ReportRow[], years: number[], pick: (r: ReportRow) => number | null): (number | null)[] {
  const m = new Map(rows.map((r) => [r.year, pick(r)]));
  return years.map((y) => m.get(y) ?? null);
}

/** The chart of a report: by dimension when the report has one, else the city-wide winning and bid medians. */
export function chartSpec(report: DiscountTrendReport, opts: { overall?: boolean; width?: number; height?: number } = {}): ChartSpec {
  const years = Array.from({ length: report.to - report.from + 1 }, (_, i) => report.from + i);
  const width = opts.width ?? 900;
  const series: ChartSeries[] = [];
  const byDimension = report.by !== null && !opts.overall;
  if (byDimension) {
    const values = [...new Set(report.rows.map((r) => r.value))];
    const bandOpacityOk = values.length <= 14;
    values.forEach((v, i) => {
      const rows = report.rows.filter((r) => r.value === v);
      series.push({
        name: rows[0]!.label,
        median: alignedByYear(rows, years, (r) => r.winner_discount_median),
        p25: alignedByYear(rows, years, (r) => r.winner_discount_p25),
        p75: alignedByYear(rows, years, (r) => r.winner_discount_p75),
        band: bandOpacityOk,
        color: PALETTE[i % PALETTE.length],
      });
    });
    series.push({
      name: '全市（all）',
      median: alignedByYear(report.totals, years, (r) => r.winner_discount_median),
      p25: [], p75: [], band: false, dashed: true, color: '#343a40',
    });
  } else {
    series.push({
      name: '中标下浮率中位数（winning）',
      median: alignedByYear(report.totals, years, (r) => r.winner_discount_median),
      p25: alignedByYear(report.totals, years, (r) => r.winner_discount_p25),
      p75: alignedByYear(report.totals, years, (r) => r.winner_discount_p75),
      band: true,
      color: PALETTE[0],
    });
    series.push({
      name: '投标下浮率中位数（all valid bids）',
      median: alignedByYear(report.totals, years, (r) => r.bid_discount_median),
      p25: [], p75: [], band: false, dashed: true, color: PALETTE[1],
    });
  }
  const legendRows = Math.ceil(series.length / 4);
  return {
    title: byDimension ? `中标下浮率中位数及 P25–P75 区间 · 按${report.by_label}` : '全市中标下浮率中位数及 P25–P75 区间',
    subtitle: `${report.from}–${report.to} 年 · Median winning discount rate by year, shaded P25–P75${byDimension ? `, by ${report.by}` : ''}`,
    years,
    series,
    width,
    height: opts.height ?? 460 + 22 * legendRows,
    yName: '下浮率 (discount rate)',
  };
}

/** ECharts option for a spec (exported for tests). */
export function chartOption(spec: ChartSpec): Record<string, unknown> {
  const legendRows = Math.ceil(spec.series.length / 4);
  const eSeries: Record<string, unknown>[] = [];
  const many = spec.series.filter((s) => s.band).length;
  const opacity = many <= 2 ? 0.18 : many <= 5 ? 0.12 : many <= 8 ? 0.07 : 0.045;
  spec.series.forEach((s, i) => {
    if (s.band) {
      const lower = s.p25;
      const width = s.p75.map((hi, k) => (hi === null || lower[k] === null ? null : hi - lower[k]!));
      const stack = `band${i}`;
      eSeries.push({
        type: 'line', name: `${s.name}-p25`, data: lower, stack, stackStrategy: 'all', symbol: 'none',
        lineStyle: { opacity: 0 }, silent: true, legendHoverLink: false, z: 1,
      });
      eSeries.push({
        type: 'line', name: `${s.name}-band`, data: width, stack, stackStrategy: 'all', symbol: 'none',
        lineStyle: { opacity: 0 }, areaStyle: { color: s.color, opacity }, silent: true, z: 1,
      });
    }
    eSeries.push({
      type: 'line', name: s.name, data: s.median, symbol: 'circle', symbolSize: 5, z: 3,
      itemStyle: { color: s.color }, lineStyle: { color: s.color, width: 2, type: s.dashed ? 'dashed' : 'solid' },
      connectNulls: false,
    });
  });
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: FONT_STACK },
    color: PALETTE,
    title: {
      text: spec.title, subtext: spec.subtitle, left: 'center', top: 8,
      textStyle: { fontFamily: FONT_STACK, fontSize: 17, fontWeight: 'bold', color: '#212529' },
      subtextStyle: { fontFamily: FONT_STACK, fontSize: 12, color: '#495057' },
    },
    legend: {
      bottom: 8, left: 'center', itemWidth: 22, itemHeight: 10, width: spec.width - 80,
      data: spec.series.map((s) => s.name),
      textStyle: { fontFamily: FONT_STACK, fontSize: 12, color: '#343a40' },
    },
    grid: { left: 72, right: 40, top: 92, bottom: 40 + 22 * legendRows },
    xAxis: {
      type: 'category', data: spec.years.map(String), boundaryGap: false, name: '年份',
      nameTextStyle: { fontFamily: FONT_STACK }, axisLabel: { fontFamily: FONT_STACK, color: '#343a40' },
    },
    yAxis: {
      type: 'value', name: spec.yName, scale: true,
      nameTextStyle: { fontFamily: FONT_STACK, color: '#343a40', align: 'left' },
      axisLabel: { fontFamily: FONT_STACK, color: '#343a40', formatter: (v: number) => `${(v * 100).toFixed(1)}%` },
      splitLine: { lineStyle: { color: '#e9ecef' } },
    },
    series: eSeries,
  };
}

/** Renders a spec to a standalone SVG document string. */
export async function renderChartSvg(spec: ChartSpec): Promise<string> {
  const echarts = await echartsCore();
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: spec.width, height: spec.height });
  try {
    chart.setOption(chartOption(spec));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** For an `all`-only report the dimension-less view; exported for the HTML renderer. */
export const isAllOnly = (report: DiscountTrendReport): boolean => report.by === null || report.rows.every((r) => r.value === ALL);
