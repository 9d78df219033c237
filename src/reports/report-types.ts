/** The discount-trend report as JSON (`--format json`); every other format is rendered from it. */
import type { Dimension } from './dimensions.js';

export const REPORT_FORMATS = ['json', 'csv', 'xlsx', 'svg', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface DiscountTrendParams {
  from: number;
  to: number;
  by: Dimension | null;
}

/**
 * One (year, dimension value) cell. Rates are fractions (0.1234 = 12.34 %); `*_yoy` of a rate is the change in
 * percentage points as a fraction (0.004 = +0.4 个百分点), `tenders_yoy` a relative change.
 */
export interface ReportRow {
  year: number;
  /** The `--by` dimension, or `all`. */
  dimension: string;
  /** The dimension's value, or `all`. */
  value: string;
  /** Chinese label of the value (全市 for `all`). */
  label: string;
  tenders: number;
  tenders_awarded: number;
  bids: number;
  valid_bids: number;
  mean_valid_bidders: number | null;
  winner_discount_mean: number | null;
  winner_discount_p10: number | null;
  winner_discount_p25: number | null;
  winner_discount_median: number | null;
  winner_discount_p75: number | null;
  winner_discount_p90: number | null;
  bid_discount_mean: number | null;
  bid_discount_p10: number | null;
  bid_discount_p25: number | null;
  bid_discount_median: number | null;
  bid_discount_p75: number | null;
  bid_discount_p90: number | null;
  /** Q3 + 1.5·IQR of the valid bids' 下浮率 in this cell (cardinal-style fence, for reference). */
  bid_discount_upper_fence: number | null;
  /** Median winning 下浮率 minus median bid 下浮率. */
  winner_minus_bid_median: number | null;
  /** Valid bids flagged by ALB (abnormally low) in the current detection run; null if no run covered the year. */
  abnormal_bids: number | null;
  /** abnormal_bids / valid_bids. */
  abnormal_bid_share: number | null;
  abnormal_winners: number | null;
  /** abnormal_winners / tenders_awarded. */
  abnormal_winner_share: number | null;
  tenders_yoy: number | null;
  winner_discount_median_yoy: number | null;
  bid_discount_median_yoy: number | null;
  abnormal_bid_share_yoy: number | null;
}

export const TREND_METRICS = ['winner_discount_median', 'bid_discount_median', 'abnormal_bid_share'] as const;
export type TrendMetric = (typeof TREND_METRICS)[number];

export interface TrendRow {
  dimension: string;
  value: string;
  label: string;
  metric: TrendMetric;
  n_years: number;
  first_year: number | null;
  last_year: number | null;
  first_value: number | null;
  last_value: number | null;
  /** Theil–Sen slope, per year (fraction per year: 0.004 = +0.4 个百分点/年). */
  slope: number | null;
  slope_low: number | null;
  slope_high: number | null;
  mk_s: number;
  mk_var_s: number;
  mk_z: number;
  /** Normal approximation, two-sided. */
  mk_p: number | null;
  /** Exact permutation p (no ties); null otherwise. */
  mk_p_exact: number | null;
  mk_tau: number | null;
  /** The p the verdict uses: exact when available. */
  p: number | null;
  direction: 'rising' | 'falling' | 'no_trend' | 'insufficient';
  note: string | null;
}

export interface FactorShareRow {
  factor: string;
  zh: string;
  en: string;
  /** Shapley share of the winning 下浮率's variance (fraction of the total; the factors add up to r2). */
  share: number;
  /** share / r2. */
  share_of_explained: number;
  /** R² of this factor alone. */
  alone: number;
  /** R² lost when it is dropped from the full model. */
  unique: number;
  levels: number;
  reference: string;
  reference_label: string;
  effects: { value: string; label: string; tenders: number; mean: number | null; effect: number | null }[];
}

export interface DecompositionReport {
  target: 'winner_discount';
  method: string;
  tenders: number;
  r2: number;
  adj_r2: number | null;
  params: number;
  factors: FactorShareRow[];
  /** Year effects net of the other factors (vs the first year), beside the raw difference of means. */
  year_effects: { year: number; adjusted: number | null; raw: number | null }[];
  sentence_zh: string;
  sentence_en: string;
  structure_zh: string | null;
  structure_en: string | null;
  caveat_zh: string;
  caveat_en: string;
}

/** One 招标人 or 招标代理机构 in the report: its tenders and the current findings on them and on itself. */
export interface PartyFindingsRow {
  uscc: string;
  name: string | null;
  tenders: number;
  tenders_awarded: number;
  single_bid_tenders: number;
  single_bid_share: number | null;
  winner_discount_median: number | null;
  /** Awards whose winning bid ALB flagged as abnormally low (current run of the year). */
  abnormal_awards: number;
  abnormal_award_share: number | null;
  flagged_tenders: number;
  flagged_share: number | null;
  flags: number;
  high_flags: number;
  /** Flags on its tenders per detector, most first: "ALB 3；A40 1". */
  detectors: string;
  /** The party-level indicators that flagged it (BCONC, BR038, BSINGLE, BLOWBID). */
  indicators: string;
  indicator_explanation: string | null;
}

export interface PartySection {
  kind: 'buyer' | 'agency';
  label: string;
  /** Parties with at least one tender in range; `rows` holds the first `shown`. */
  total: number;
  shown: number;
  rows: PartyFindingsRow[];
}

export interface DiscountTrendReport {
  report: 'discount-trend';
  title: string;
  from: number;
  to: number;
  by: Dimension | null;
  by_label: string | null;
  generated_at: string;
  /** Per year in range: the detection run whose ALB flags are counted, or null. */
  detection_runs: { year: number; run_id: number | null }[];
  /** Dimension rows with `--by`, else the per-year `all` rows. */
  rows: ReportRow[];
  /** The per-year `all` rows (always). */
  totals: ReportRow[];
  trends: TrendRow[];
  decomposition: DecompositionReport | null;
  /** Findings by 招标人 and by 招标代理机构 (empty sections when the data names neither). */
  parties: { buyer: PartySection; agency: PartySection };
  summary: { zh: string; en: string }[];
  notes: { zh: string; en: string }[];
  definitions: Record<string, string>;
}
