/**
 * The dimensions the discount-trend report can break a year down by (`--by`), each as a SQL expression over
 * `tenders t` and the Chinese labels of its values.
 *
 * - bidder_count (有效投标人数): the tender's number of VALID bids (n_valid_bids), binned 1 · 2 · 3 · 4–5 · 6–9 · 10+
 *   (0 = every bid rejected, kept so no tender is lost). Competition thins out below 4 and 下浮率 with it, and
 *   above ~10 bidders extra bidders change little, hence the bins.
 * - price_band (控制价区间, an extension beside the contract's five): control price < 100万, 100万–400万,
 *   400万–1000万, 1000万–5000万, ≥ 5000万元 — the same edges, and the same "lower edge ≤ C < upper edge" rule, as
 *   ALB's peer groups (100万 is the 勘察设计监理 依法必须招标 threshold, 400万 that of 施工). Tenders without a control
 *   price fall in `unknown` (they have no 下浮率 either).
 */
import { CATEGORIES, EVALUATION_METHODS, WORK_TYPES } from '../../detectors/types.js';
import { CATEGORY_LABELS, EVALUATION_METHOD_LABELS, WORK_TYPE_LABELS } from '../imports/enum-labels.js';

export const DIMENSIONS = ['category', 'work_type', 'evaluation_method', 'district', 'bidder_count', 'price_band'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface DimensionDef {
  name: Dimension;
  /** 中文名 */
  zh: string;
  en: string;
  /** SQL over `tenders t` giving the value as text (never NULL). */
  sql: string;
  /** Known values in display order (district: none, ordered by size). */
  order: readonly string[];
  label(value: string): string;
  /** English name of the value, for the report's English sentences (district names stay as written). */
  labelEn(value: string): string;
}

const first = (s: string): string => s.split('/')[0]!;

export const BIDDER_BINS = ['0', '1', '2', '3', '4-5', '6-9', '10+'] as const;
const BIDDER_LABELS: Record<string, string> = {
  '0': '0 家（无有效投标）', '1': '1 家', '2': '2 家', '3': '3 家', '4-5': '4–5 家', '6-9': '6–9 家', '10+': '10 家及以上',
};

const BIDDER_LABELS_EN: Record<string, string> = {
  '0': 'no valid bid', '1': '1 bidder', '2': '2 bidders', '3': '3 bidders', '4-5': '4–5 bidders', '6-9': '6–9 bidders', '10+': '10 or more bidders',
};

/** Control-price band edges in yuan (ALB's defaults). */
export const PRICE_BAND_EDGES = [1_000_000, 4_000_000, 10_000_000, 50_000_000] as const;
export const PRICE_BANDS = ['lt1m', '1m-4m', '4m-10m', '10m-50m', 'ge50m', 'unknown'] as const;
const PRICE_LABELS: Record<string, string> = {
  lt1m: '<100万元', '1m-4m': '100万–400万元', '4m-10m': '400万–1000万元', '10m-50m': '1000万–5000万元', ge50m: '≥5000万元',
  unknown: '控制价缺失',
};
const PRICE_LABELS_EN: Record<string, string> = {
  lt1m: 'under ¥1m', '1m-4m': '¥1m–4m', '4m-10m': '¥4m–10m', '10m-50m': '¥10m–50m', ge50m: '¥50m and over',
  unknown: 'no control price',
};
const CATEGORY_EN: Record<string, string> = { building: 'building works', municipal: 'municipal works' };
const WORK_TYPE_EN: Record<string, string> = {
  construction: 'construction', supervision: 'supervision', design: 'design', survey: 'survey', epc: 'EPC',
};
const EVALUATION_METHOD_EN: Record<string, string> = {
  comprehensive: 'comprehensive evaluation', reasonable_low_price: 'reasonable low price',
  lowest_evaluated_price: 'lowest evaluated price', separation: 'evaluation separate from award', other: 'other methods',
};

const BIDDER_SQL = `(CASE WHEN t.n_valid_bids >= 10 THEN '10+' WHEN t.n_valid_bids >= 6 THEN '6-9'
  WHEN t.n_valid_bids >= 4 THEN '4-5' ELSE greatest(t.n_valid_bids, 0)::text END)`;
const [E1, E2, E3, E4] = PRICE_BAND_EDGES;
const PRICE_SQL = `(CASE WHEN t.control_price IS NULL THEN 'unknown' WHEN t.control_price < ${E1} THEN 'lt1m'
  WHEN t.control_price < ${E2} THEN '1m-4m' WHEN t.control_price < ${E3} THEN '4m-10m'
  WHEN t.control_price < ${E4} THEN '10m-50m' ELSE 'ge50m' END)`;

export const DIMENSION_DEFS: Record<Dimension, DimensionDef> = {
  category: {
    name: 'category', zh: '工程类别', en: 'category', sql: 't.category', order: CATEGORIES,
    label: (v) => first(CATEGORY_LABELS[v as keyof typeof CATEGORY_LABELS] ?? v), labelEn: (v) => CATEGORY_EN[v] ?? v,
  },
  work_type: {
    name: 'work_type', zh: '标段类型', en: 'work type', sql: 't.work_type', order: WORK_TYPES,
    label: (v) => first(WORK_TYPE_LABELS[v as keyof typeof WORK_TYPE_LABELS] ?? v), labelEn: (v) => WORK_TYPE_EN[v] ?? v,
  },
  evaluation_method: {
    name: 'evaluation_method', zh: '评标办法', en: 'evaluation method', sql: 't.evaluation_method', order: EVALUATION_METHODS,
    label: (v) => EVALUATION_METHOD_LABELS[v as keyof typeof EVALUATION_METHOD_LABELS] ?? v,
    labelEn: (v) => EVALUATION_METHOD_EN[v] ?? v,
  },
  district: { name: 'district', zh: '区镇', en: 'district', sql: 't.district', order: [], label: (v) => v, labelEn: (v) => v },
  bidder_count: {
    name: 'bidder_count', zh: '有效投标人数', en: 'number of valid bidders', sql: BIDDER_SQL, order: BIDDER_BINS,
    label: (v) => BIDDER_LABELS[v] ?? v, labelEn: (v) => BIDDER_LABELS_EN[v] ?? v,
  },
  price_band: {
    name: 'price_band', zh: '控制价区间', en: 'control-price band', sql: PRICE_SQL, order: PRICE_BANDS,
    label: (v) => PRICE_LABELS[v] ?? v, labelEn: (v) => PRICE_LABELS_EN[v] ?? v,
  },
};

/** Bins a count of valid bids as the SQL does (for tests and docs). */
export function bidderBin(nValid: number): string {
  return nValid >= 10 ? '10+' : nValid >= 6 ? '6-9' : nValid >= 4 ? '4-5' : String(Math.max(0, nValid));
}

/** Band of a control price as the SQL does. */
export function priceBand(control: number | null): string {
  if (control === null) return 'unknown';
  const i = PRICE_BAND_EDGES.findIndex((e) => control < e);
  return PRICE_BANDS[i < 0 ? 4 : i]!;
}

export const ALL = 'all';
export const ALL_LABEL = '全市';
