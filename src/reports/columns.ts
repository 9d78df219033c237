/**
 * Column definitions shared by the CSV, XLSX and HTML renderers: Chinese header first, English key beside it,
 * and how to format the number (rates as percentages, YoY of a rate in percentage points).
 */
import type { PartyFindingsRow, ReportRow, TrendRow } from './report-types.js';

export type ColumnKind = 'int' | 'pct' | 'pp' | 'rel' | 'num1' | 'num4' | 'text' | 'year';

export interface Column<K extends string = string> {
  key: K;
  zh: string;
  kind: ColumnKind;
  /** Shown in the printed (HTML) table; the rest are in CSV / XLSX. */
  print?: boolean;
}

export const ROW_COLUMNS: Column<keyof ReportRow>[] = [
  { key: 'year', zh: '年份', kind: 'year', print: true },
  { key: 'dimension', zh: '分组维度', kind: 'text' },
  { key: 'value', zh: '分组代码', kind: 'text' },
  { key: 'label', zh: '分组', kind: 'text', print: true },
  { key: 'tenders', zh: '标段数', kind: 'int', print: true },
  { key: 'tenders_awarded', zh: '已定标标段数', kind: 'int' },
  { key: 'bids', zh: '投标数', kind: 'int', print: true },
  { key: 'valid_bids', zh: '有效投标数', kind: 'int' },
  { key: 'mean_valid_bidders', zh: '平均有效投标人数', kind: 'num1', print: true },
  { key: 'winner_discount_mean', zh: '中标下浮率均值', kind: 'pct' },
  { key: 'winner_discount_p10', zh: '中标下浮率P10', kind: 'pct', print: true },
  { key: 'winner_discount_p25', zh: '中标下浮率P25', kind: 'pct', print: true },
  { key: 'winner_discount_median', zh: '中标下浮率中位数', kind: 'pct', print: true },
  { key: 'winner_discount_p75', zh: '中标下浮率P75', kind: 'pct', print: true },
  { key: 'winner_discount_p90', zh: '中标下浮率P90', kind: 'pct', print: true },
  { key: 'bid_discount_mean', zh: '投标下浮率均值', kind: 'pct' },
  { key: 'bid_discount_p10', zh: '投标下浮率P10', kind: 'pct' },
  { key: 'bid_discount_p25', zh: '投标下浮率P25', kind: 'pct' },
  { key: 'bid_discount_median', zh: '投标下浮率中位数', kind: 'pct', print: true },
  { key: 'bid_discount_p75', zh: '投标下浮率P75', kind: 'pct' },
  { key: 'bid_discount_p90', zh: '投标下浮率P90', kind: 'pct' },
  { key: 'bid_discount_upper_fence', zh: '投标下浮率上围栏(Q3+1.5IQR)', kind: 'pct' },
  { key: 'winner_minus_bid_median', zh: '中标与投标中位数之差', kind: 'pp' },
  { key: 'abnormal_bids', zh: '异常低价投标数', kind: 'int' },
  { key: 'abnormal_bid_share', zh: '异常低价投标占比', kind: 'pct', print: true },
  { key: 'abnormal_winners', zh: '中标人被标记异常低价数', kind: 'int' },
  { key: 'abnormal_winner_share', zh: '中标人异常低价占比', kind: 'pct', print: true },
  { key: 'tenders_yoy', zh: '标段数同比', kind: 'rel' },
  { key: 'winner_discount_median_yoy', zh: '中标下浮率中位数同比(百分点)', kind: 'pp', print: true },
  { key: 'bid_discount_median_yoy', zh: '投标下浮率中位数同比(百分点)', kind: 'pp' },
  { key: 'abnormal_bid_share_yoy', zh: '异常低价投标占比同比(百分点)', kind: 'pp' },
];

export const TREND_COLUMNS: Column<keyof TrendRow | 'metric_label' | 'direction_label'>[] = [
  { key: 'dimension', zh: '分组维度', kind: 'text' },
  { key: 'label', zh: '分组', kind: 'text', print: true },
  { key: 'metric_label', zh: '指标', kind: 'text', print: true },
  { key: 'n_years', zh: '年数', kind: 'int', print: true },
  { key: 'first_value', zh: '首年值', kind: 'pct', print: true },
  { key: 'last_value', zh: '末年值', kind: 'pct', print: true },
  { key: 'slope', zh: 'Theil–Sen斜率(百分点/年)', kind: 'pp', print: true },
  { key: 'slope_low', zh: '斜率95%下限', kind: 'pp' },
  { key: 'slope_high', zh: '斜率95%上限', kind: 'pp' },
  { key: 'mk_s', zh: 'Mann–Kendall S', kind: 'int', print: true },
  { key: 'mk_var_s', zh: 'Var(S)', kind: 'num4' },
  { key: 'mk_z', zh: 'Z', kind: 'num4', print: true },
  { key: 'mk_p', zh: 'p(正态近似)', kind: 'num4', print: true },
  { key: 'mk_p_exact', zh: 'p(精确)', kind: 'num4', print: true },
  { key: 'direction_label', zh: '结论', kind: 'text', print: true },
  { key: 'note', zh: '说明', kind: 'text' },
];

export const METRIC_LABELS: Record<string, string> = {
  winner_discount_median: '中标下浮率中位数',
  bid_discount_median: '投标下浮率中位数',
  abnormal_bid_share: '异常低价投标占比',
};

export const DIRECTION_LABELS: Record<TrendRow['direction'], string> = {
  rising: '显著上升',
  falling: '显著下降',
  no_trend: '无显著趋势',
  insufficient: '年份不足',
};

/** A header cell: 中文 (english_key). */
export const header = (c: Column): string => `${c.zh} (${c.key})`;

/** Findings by 招标人 / 招标代理机构 (report.parties). */
export const PARTY_COLUMNS: Column<keyof PartyFindingsRow>[] = [
  { key: 'name', zh: '名称', kind: 'text', print: true },
  { key: 'uscc', zh: '统一社会信用代码', kind: 'text', print: true },
  { key: 'tenders', zh: '标段数', kind: 'int', print: true },
  { key: 'tenders_awarded', zh: '已定标标段数', kind: 'int' },
  { key: 'single_bid_tenders', zh: '单一有效投标标段数', kind: 'int' },
  { key: 'single_bid_share', zh: '单一有效投标占比', kind: 'pct', print: true },
  { key: 'winner_discount_median', zh: '中标下浮率中位数', kind: 'pct', print: true },
  { key: 'abnormal_awards', zh: '异常低价中标数', kind: 'int' },
  { key: 'abnormal_award_share', zh: '异常低价中标占比', kind: 'pct', print: true },
  { key: 'flagged_tenders', zh: '有标记的标段数', kind: 'int', print: true },
  { key: 'flagged_share', zh: '有标记的标段占比', kind: 'pct' },
  { key: 'flags', zh: '标记数', kind: 'int', print: true },
  { key: 'high_flags', zh: '高严重度标记数', kind: 'int', print: true },
  { key: 'detectors', zh: '各检测规则标记数', kind: 'text' },
  { key: 'indicators', zh: '本级指标', kind: 'text', print: true },
  { key: 'indicator_explanation', zh: '本级指标说明', kind: 'text' },
];
