/**
 * The annual 下浮率 report composed from its aggregates, pure (no database, no clock): rows per (year, dimension
 * value) and per year → year-on-year changes, a Theil–Sen slope and a Mann–Kendall test per series, the
 * decomposition of the winning 下浮率, and the report's sentences, definitions and notes in Chinese and English.
 * The service (../discount-trend.service.ts) reads the aggregates and calls composeReport.
 */
import { DIMENSION_DEFS, ALL, ALL_LABEL, type Dimension } from '../dimensions.js';

import { FACTORS, type BidAgg, type TenderAgg } from './aggregates.js';

import { decompose, type Decomposition } from './decomposition.js';

import { decisiveP, mannKendall } from './mann-kendall.js';

import { theilSen } from './theil-sen.js';

import { yoy } from './yoy.js';

import type { DecompositionReport, DiscountTrendParams, DiscountTrendReport, FactorShareRow, PartySection, ReportRow, TrendMetric, TrendRow } from '../report-types.js';
import { partySection, partySentence } from './party-findings.js';
import { TREND_METRICS } from '../report-types.js';

import { int, pct, pp, pvalEq, r8, shanghaiIso } from '../text.js';


/** "高 1.20 个百分点" / "低 0.30 个百分点" / "持平": the direction in words, the number unsigned. */
function higherLower(x: number | null, zero = 0.00005): string {
  if (x === null) return '—';
  if (Math.abs(x) < zero) return '持平';
  return `${x > 0 ? '高' : '低'} ${pp(Math.abs(x)).replace('+', '')} 个百分点`;
}

/** Below this many years a trend test is reported but flagged as having almost no power. */
export const FEW_YEARS = 5;
export const ALPHA = 0.05;

const FACTOR_ZH: Record<string, { zh: string; en: string }> = {
  year: { zh: '年份', en: 'year' },
  ...Object.fromEntries(Object.values(DIMENSION_DEFS).map((d) => [d.name, { zh: d.zh, en: d.en }])),
};

export const DEFINITIONS: Record<string, string> = {
  下浮率: '(控制价 − 报价) / 控制价，以小数表示（0.1234 = 12.34%）。(discount rate = (control − bid)/control, a fraction)',
  中标下浮率: '每个已定标标段中标价的下浮率；统计单位是标段。(winning discount: one per awarded tender)',
  投标下浮率: '有效投标（通过初步评审/符合性审查）的下浮率；统计单位是投标。无效投标不计入分位数。(bid discount: valid bids only)',
  分位数: 'percentile_cont，在相邻次序统计量之间线性插值（Hyndman–Fan 第 7 类）。(linear interpolation, type 7)',
  异常低价投标占比: '当年最新检测中被 ALB（异常低价复核触发）标记的有效投标 ÷ 有效投标数；未运行检测的年份为空。标记是复核线索，不是结论。(ALB-flagged valid bids / valid bids, current detection run; a reason to review, not a verdict)',
  中标人异常低价占比: '中标投标被 ALB 标记的标段 ÷ 已定标标段数。(awarded tenders whose winning bid ALB flagged / awarded tenders)',
  有效投标人数分组: '0（全部无效）、1、2、3、4–5、6–9、10 家及以上，按标段的有效投标数。(bins of the number of valid bids)',
  控制价区间: '<100万、100万–400万、400万–1000万、1000万–5000万、≥5000万元（下限含、上限不含，与 ALB 同类组一致）。(control-price bands, lower edge inclusive)',
  同比: '率类指标为与上年相差的百分点（0.004 = +0.4 个百分点）；标段数为相对变化。仅比较相邻年份。(YoY: rates in percentage points, counts relative; consecutive years only)',
  'Theil–Sen 斜率': '所有年份两两连线斜率的中位数，每年变化多少；95% 区间按 Sen (1968)。(median pairwise slope per year, Sen 1968 interval)',
  'Mann–Kendall 检验': 'S = Σ sign(xⱼ − xᵢ)，Var(S) 含并列值修正，Z 含连续性修正，双侧 p；无并列值时另给精确 p（排列分布），结论以精确 p 为准。年份少时检验效力很低，不显著不等于没有趋势。(two-sided; exact p when no ties; little power with few years)',
  影响因素分解: '以中标下浮率为因变量、年份和六个维度的虚拟变量为自变量做最小二乘回归，并按 Shapley 值（LMG）把 R² 分给各因素：每个因素的份额是它在所有加入顺序下新增 R² 的平均值，各份额相加等于总 R²。(OLS on dummies; Shapley/LMG split of R²)',
};

type Key = string;
const keyOf = (year: number, value: string | null): Key => `${year}\u0000${value ?? ''}`;


export function decomposeCells(cells: Parameters<typeof decompose>[1], from: number): Decomposition | null {
  const years = new Set(cells.flatMap((c) => (c.levels.year ? [c.levels.year] : [])));
  const ref = years.has(String(from)) ? String(from) : [...years].sort()[0];
  return decompose(FACTORS, cells, ref ? { year: ref } : {});
}

/** Pure composition of the report from the aggregates (exported for tests). */
export function composeReport(
  params: DiscountTrendParams,
  runs: Map<number, number>,
  tAgg: TenderAgg[],
  bAgg: BidAgg[],
  dec: Decomposition | null,
  generatedAt: Date,
  parties: { buyer: PartySection; agency: PartySection } = { buyer: partySection('buyer', 0, []), agency: partySection('agency', 0, []) },
): DiscountTrendReport {
  const { from, to, by } = params;
  const bids = new Map(bAgg.map((b) => [keyOf(b.year, b.value), b]));
  const toRow = (t: TenderAgg): ReportRow => {
    const b = bids.get(keyOf(t.year, t.value));
    const w = t.winnerQ;
    const q = b?.bidQ ?? null;
    const detected = runs.has(t.year);
    const validBids = b?.validBids ?? 0;
    const fence = q ? q[3]! + 1.5 * (q[3]! - q[1]!) : null;
    return {
      year: t.year,
      dimension: t.value === null ? ALL : by!,
      value: t.value ?? ALL,
      label: t.value === null ? ALL_LABEL : DIMENSION_DEFS[by!].label(t.value),
      tenders: t.tenders,
      tenders_awarded: t.awarded,
      bids: b?.bids ?? 0,
      valid_bids: validBids,
      mean_valid_bidders: r8(t.meanValidBidders),
      winner_discount_mean: r8(t.winnerMean),
      winner_discount_p10: r8(w?.[0]),
      winner_discount_p25: r8(w?.[1]),
      winner_discount_median: r8(w?.[2]),
      winner_discount_p75: r8(w?.[3]),
      winner_discount_p90: r8(w?.[4]),
      bid_discount_mean: r8(b?.bidMean),
      bid_discount_p10: r8(q?.[0]),
      bid_discount_p25: r8(q?.[1]),
      bid_discount_median: r8(q?.[2]),
      bid_discount_p75: r8(q?.[3]),
      bid_discount_p90: r8(q?.[4]),
      bid_discount_upper_fence: r8(fence),
      winner_minus_bid_median: w && q ? r8(w[2]! - q[2]!) : null,
      abnormal_bids: detected ? t.abnormalBids : null,
      abnormal_bid_share: detected && validBids > 0 ? r8(t.abnormalBids / validBids) : null,
      abnormal_winners: detected ? t.abnormalWinners : null,
      abnormal_winner_share: detected && t.awarded > 0 ? r8(t.abnormalWinners / t.awarded) : null,
      tenders_yoy: null,
      winner_discount_median_yoy: null,
      bid_discount_median_yoy: null,
      abnormal_bid_share_yoy: null,
    };
  };
  const all = tAgg.map(toRow);
  const totals = all.filter((r) => r.value === ALL).sort((a, b) => a.year - b.year);
  let rows = by ? all.filter((r) => r.dimension === by) : totals;

  // Series in display order: the dimension's own order, districts by size.
  const order = seriesOrder(by, rows);
  rows = [...rows].sort((a, b) => order.indexOf(a.value) - order.indexOf(b.value) || a.year - b.year);
  for (const series of groupSeries(by ? [...totals, ...rows] : totals).values()) addYoY(series);

  const trends: TrendRow[] = [];
  const seriesList = by ? [totals, ...order.map((v) => rows.filter((r) => r.value === v))] : [totals];
  for (const series of seriesList) {
    if (series.length === 0) continue;
    for (const metric of TREND_METRICS) {
      const t = trendOf(series, metric);
      if (metric === 'abnormal_bid_share' && t.n_years === 0) continue;
      trends.push(t);
    }
  }

  const decomposition = dec ? decompositionReport(dec, from, to) : null;
  const detectionRuns = Array.from({ length: to - from + 1 }, (_, i) => from + i).map((year) => ({ year, run_id: runs.get(year) ?? null }));
  const report: DiscountTrendReport = {
    report: 'discount-trend',
    title: `下浮率年度趋势报告 ${from}–${to}${by ? `（按${DIMENSION_DEFS[by].zh}）` : ''}`,
    from,
    to,
    by,
    by_label: by ? DIMENSION_DEFS[by].zh : null,
    generated_at: shanghaiIso(generatedAt),
    detection_runs: detectionRuns,
    rows,
    totals,
    trends,
    decomposition,
    parties,
    summary: [],
    notes: [],
    definitions: DEFINITIONS,
  };
  report.summary = summarise(report);
  for (const p of [parties.buyer, parties.agency]) {
    const line = partySentence(p);
    if (line) report.summary.push(line);
  }
  report.notes = notesOf(report);
  return report;
}

function seriesOrder(by: Dimension | null, rows: ReportRow[]): string[] {
  if (!by) return [ALL];
  const present = new Set(rows.map((r) => r.value));
  if (by === 'district') {
    const size = new Map<string, number>();
    for (const r of rows) size.set(r.value, (size.get(r.value) ?? 0) + r.tenders);
    return [...present].sort((a, b) => size.get(b)! - size.get(a)! || (a < b ? -1 : 1));
  }
  const known = DIMENSION_DEFS[by].order.filter((v) => present.has(v));
  return [...known, ...[...present].filter((v) => !known.includes(v)).sort()];
}

function groupSeries(rows: ReportRow[]): Map<string, ReportRow[]> {
  const m = new Map<string, ReportRow[]>();
  for (const r of rows) {
    const k = `${r.dimension}\u0000${r.value}`;
    const list = m.get(k) ?? [];
    list.push(r);
    m.set(k, list);
  }
  return m;
}

function addYoY(series: ReportRow[]): void {
  const apply = (get: (r: ReportRow) => number | null, set: (r: ReportRow, v: number | null) => void, relative: boolean) => {
    const changes = new Map(yoy(series.map((r) => ({ year: r.year, value: get(r) }))).map((c) => [c.year, c]));
    for (const r of series) {
      const c = changes.get(r.year);
      set(r, r8(relative ? c?.rel : c?.diff));
    }
  };
  apply((r) => r.tenders, (r, v) => (r.tenders_yoy = v), true);
  apply((r) => r.winner_discount_median, (r, v) => (r.winner_discount_median_yoy = v), false);
  apply((r) => r.bid_discount_median, (r, v) => (r.bid_discount_median_yoy = v), false);
  apply((r) => r.abnormal_bid_share, (r, v) => (r.abnormal_bid_share_yoy = v), false);
}

export function trendOf(series: ReportRow[], metric: TrendMetric): TrendRow {
  const pts = series
    .map((r) => ({ x: r.year, y: r[metric] }))
    .filter((p): p is { x: number; y: number } => p.y !== null)
    .sort((a, b) => a.x - b.x);
  const mk = mannKendall(pts.map((p) => p.y));
  const ts = theilSen(pts);
  const p = decisiveP(mk);
  const n = pts.length;
  const direction: TrendRow['direction'] =
    n < 3 || p === null ? 'insufficient' : p < ALPHA ? (mk.s > 0 ? 'rising' : 'falling') : 'no_trend';
  let note: string | null = null;
  if (n < 3) note = `仅 ${n} 年数据，无法检验趋势 (fewer than 3 years: no test)`;
  else if (n < FEW_YEARS) note = `仅 ${n} 年数据，检验效力很低：不显著不等于没有趋势 (few years: the test has little power)`;
  else if (mk.tieGroups > 0) note = `有并列值，p 用正态近似 (ties: normal approximation)`;
  const first = series[0]!;
  return {
    dimension: first.dimension,
    value: first.value,
    label: first.label,
    metric,
    n_years: n,
    first_year: pts[0]?.x ?? null,
    last_year: pts.at(-1)?.x ?? null,
    first_value: pts[0]?.y ?? null,
    last_value: pts.at(-1)?.y ?? null,
    slope: r8(ts.slope),
    slope_low: r8(ts.low),
    slope_high: r8(ts.high),
    mk_s: mk.s,
    mk_var_s: r8(mk.varS)!,
    mk_z: r8(mk.z)!,
    mk_p: r8(mk.p),
    mk_p_exact: r8(mk.pExact),
    mk_tau: r8(mk.tau),
    p: r8(p),
    direction,
    note,
  };
}

function decompositionReport(d: Decomposition, from: number, to: number): DecompositionReport {
  const labelOf = (factor: string, v: string): string =>
    factor === 'year' ? `${v} 年` : DIMENSION_DEFS[factor as Dimension]?.label(v) ?? v;
  const factors: FactorShareRow[] = d.factors
    .map((f) => ({
      factor: f.name,
      zh: FACTOR_ZH[f.name]?.zh ?? f.name,
      en: FACTOR_ZH[f.name]?.en ?? f.name,
      share: r8(f.shapley)!,
      share_of_explained: r8(d.r2 > 0 ? f.shapley / d.r2 : 0)!,
      alone: r8(f.alone)!,
      unique: r8(f.unique)!,
      levels: f.levels,
      reference: f.reference,
      reference_label: labelOf(f.name, f.reference),
      effects: f.effects.map((e) => ({ value: e.level, label: labelOf(f.name, e.level), tenders: e.n, mean: r8(e.mean), effect: r8(e.effect) })),
    }))
    .sort((a, b) => b.share - a.share);
  const yearF = factors.find((f) => f.factor === 'year');
  const refMean = yearF?.effects.find((e) => e.value === yearF.reference)?.mean ?? null;
  const yearEffects = (yearF?.effects ?? [])
    .map((e) => ({ year: Number(e.value), adjusted: e.effect, raw: e.mean !== null && refMean !== null ? r8(e.mean - refMean) : null }))
    .sort((a, b) => a.year - b.year);
  const dims = factors.filter((f) => f.factor !== 'year');
  const pc = (x: number) => `${Math.round(x * 100)}%`;
  const [d1, d2, d3] = dims;
  const rest = [d2, d3].filter((x): x is FactorShareRow => !!x && x.share >= 0.005);
  const zhRest = rest.length ? `，其次是${rest.map((x) => `${x.zh}（${pc(x.share)}）`).join('和')}` : '';
  const enRest = rest.length ? `, followed by ${rest.map((x) => `${x.en} (${pc(x.share)})`).join(' and ')}` : '';
  const yearShare = yearF?.share ?? 0;
  const sentenceZh =
    `${from}–${to} 年 ${int(d.n)} 个已定标标段中，${d1 ? `${d1.zh}解释了中标下浮率差异的 ${pc(d1.share)}${zhRest}` : '各维度'}；` +
    `年份（整体趋势）解释 ${pc(yearShare)}。各因素合计解释 ${pc(d.r2)}，其余 ${pc(1 - d.r2)} 是同类标段之间的个别差异。`;
  const sentenceEn =
    `Across ${int(d.n)} awarded tenders in ${from}–${to}, ${d1 ? `${d1.en} explains ${pc(d1.share)} of the variance of the winning discount rate${enRest}` : 'the dimensions explain little'}; ` +
    `the year (overall trend) explains ${pc(yearShare)}. Together ${pc(d.r2)}; the remaining ${pc(1 - d.r2)} is tender-to-tender variation within the same kind of tender.`;

  // Is the rise within comparable tenders, or a change of mix?
  const last = yearEffects.at(-1);
  let structureZh: string | null = null;
  let structureEn: string | null = null;
  if (last && last.year !== Number(yearF?.reference) && last.adjusted !== null && last.raw !== null && Math.abs(last.raw) >= 0.001) {
    const ref = yearF!.reference;
    const within = last.adjusted / last.raw;
    const verdictZh =
      within >= 0.67 ? '变化主要发生在同类标段内部，而不是标段结构（类别、评标办法、规模等）的变化'
        : within <= 0.33 ? '变化主要来自标段结构（类别、评标办法、规模等）的变化，同类标段内部变化不大'
          : '同类标段内部的变化和标段结构的变化都有贡献';
    const verdictEn =
      within >= 0.67 ? 'the change happened within comparable tenders, not through a change of mix'
        : within <= 0.33 ? 'the change comes mostly from a change of mix (category, method, size …), little within comparable tenders'
          : 'both a change within comparable tenders and a change of mix contribute';
    structureZh = `扣除工程类别、标段类型、评标办法、区镇、有效投标人数和控制价区间的影响后，${last.year} 年中标下浮率平均比 ${ref} 年${higherLower(last.adjusted)}（不扣除时${higherLower(last.raw)}），${verdictZh}。`;
    structureEn = `Holding category, work type, evaluation method, district, bidder count and price band fixed, the mean winning discount in ${last.year} differs from ${ref} by ${pp(last.adjusted)} pp (raw difference ${pp(last.raw)} pp): ${verdictEn}.`;
  }
  const small = d.n < 30 || d.n < 5 * d.params;
  return {
    target: 'winner_discount',
    method: 'OLS of the winning 下浮率 on year + dimension dummies; Shapley (LMG) decomposition of R² over 7 factors',
    tenders: d.n,
    r2: r8(d.r2)!,
    adj_r2: r8(d.adjR2),
    params: d.params,
    factors,
    year_effects: yearEffects,
    sentence_zh: sentenceZh,
    sentence_en: sentenceEn,
    structure_zh: structureZh,
    structure_en: structureEn,
    caveat_zh:
      (small ? `样本量较少（${d.n} 个标段，${d.params} 个参数），分解仅供参考。` : '') +
      '分解只说明统计上的关联（各因素效应相加的线性模型），不代表因果；相关的维度（如标段类型与控制价区间）之间的重叠按 Shapley 值平分。',
    caveat_en:
      (small ? `Small sample (${d.n} tenders, ${d.params} parameters): indicative only. ` : '') +
      'Association, not causation (an additive linear model); overlap between correlated dimensions is split by Shapley values.',
  };
}

function summarise(r: DiscountTrendReport): { zh: string; en: string }[] {
  const out: { zh: string; en: string }[] = [];
  const totals = r.totals.filter((t) => t.winner_discount_median !== null);
  if (r.totals.length === 0) {
    out.push({ zh: `${r.from}–${r.to} 年没有标段数据。`, en: `No tenders in ${r.from}–${r.to}.` });
    return out;
  }
  const overall = r.trends.find((t) => t.dimension === ALL && t.metric === 'winner_discount_median');
  const last = totals.at(-1);
  const verdictZh = (t: TrendRow) =>
    t.direction === 'rising' ? '显著上升' : t.direction === 'falling' ? '显著下降' : t.direction === 'insufficient' ? '年份不足，无法检验' : '无显著趋势';
  const verdictEn = (t: TrendRow) =>
    t.direction === 'rising' ? 'a significant rise' : t.direction === 'falling' ? 'a significant fall' : t.direction === 'insufficient' ? 'too few years to test' : 'no significant trend';
  if (last) {
    const change = last.winner_discount_median_yoy;
    const word = change === null ? '' : change > 0.0005 ? `，较上年上升 ${pp(change).replace('+', '')} 个百分点` : change < -0.0005 ? `，较上年下降 ${pp(-change).replace('+', '')} 个百分点` : '，与上年基本持平';
    const wordEn = change === null ? '' : `, ${pp(change)} pp on the year before`;
    out.push({
      zh: `对照年度目标“下浮率得到一定控制”：${last.year} 年全市中标下浮率中位数为 ${pct(last.winner_discount_median)}${word}${overall ? `；${overall.first_year}–${overall.last_year} 年趋势：${verdictZh(overall)}` : ''}。`,
      en: `Against the goal that discount rates be kept under control: the city-wide median winning discount rate in ${last.year} was ${pct(last.winner_discount_median)}${wordEn}${overall ? `; trend ${overall.first_year}–${overall.last_year}: ${verdictEn(overall)}` : ''}.`,
    });
  }
  if (overall && overall.n_years >= 2) {
    const exact = overall.mk_p_exact !== null ? '，精确' : '';
    const test = overall.direction === 'insufficient'
      ? { zh: `；仅 ${overall.n_years} 年，无法做趋势检验`, en: `; only ${overall.n_years} years, no trend test` }
      : {
          zh: `；Mann–Kendall 检验 S = ${overall.mk_s}，Z = ${overall.mk_z.toFixed(2)}，${pvalEq(overall.p)}（${verdictZh(overall)}${exact}）`,
          en: `; Mann–Kendall S = ${overall.mk_s}, Z = ${overall.mk_z.toFixed(2)}, ${pvalEq(overall.p)}${exact ? ' exact' : ''} (${verdictEn(overall)})`,
        };
    out.push({
      zh: `全市中标下浮率中位数由 ${overall.first_year} 年的 ${pct(overall.first_value)} 变为 ${overall.last_year} 年的 ${pct(overall.last_value)}；Theil–Sen 斜率 ${pp(overall.slope)} 个百分点/年` +
        (overall.slope_low !== null ? `（95% 区间 ${pp(overall.slope_low)} 至 ${pp(overall.slope_high)}）` : '') + `${test.zh}。`,
      en: `City-wide median winning discount: ${pct(overall.first_value)} (${overall.first_year}) → ${pct(overall.last_value)} (${overall.last_year}); Theil–Sen slope ${pp(overall.slope)} pp/year` +
        (overall.slope_low !== null ? ` (95% CI ${pp(overall.slope_low)} to ${pp(overall.slope_high)})` : '') + `${test.en}.`,
    });
  }
  if (last) {
    const abn = last.abnormal_bid_share === null
      ? { zh: '该年尚未运行检测，异常低价占比空缺', en: 'no detection run covers that year, so abnormal-low shares are missing' }
      : { zh: `被 ALB 标记为异常低价的有效投标占 ${pct(last.abnormal_bid_share)}，中标人被标记的占 ${pct(last.abnormal_winner_share)}`, en: `ALB flagged ${pct(last.abnormal_bid_share)} of valid bids and ${pct(last.abnormal_winner_share)} of winners as abnormally low` };
    out.push({
      zh: `${last.year} 年：${int(last.tenders)} 个标段、${int(last.bids)} 份投标，平均 ${last.mean_valid_bidders?.toFixed(1) ?? '—'} 家有效投标人；投标下浮率中位数 ${pct(last.bid_discount_median)}，中标下浮率中位数比它${higherLower(last.winner_minus_bid_median)}；${abn.zh}。`,
      en: `${last.year}: ${int(last.tenders)} tenders, ${int(last.bids)} bids, ${last.mean_valid_bidders?.toFixed(1) ?? '—'} valid bidders on average; median bid discount ${pct(last.bid_discount_median)}, winners' median ${pp(last.winner_minus_bid_median)} pp on it; ${abn.en}.`,
    });
  }
  if (r.by) {
    const dim = DIMENSION_DEFS[r.by];
    const series = r.trends.filter((t) => t.dimension === r.by && t.metric === 'winner_discount_median');
    const rising = series.filter((t) => t.direction === 'rising').sort((a, b) => (b.slope ?? 0) - (a.slope ?? 0));
    const falling = series.filter((t) => t.direction === 'falling');
    const fmtZh = (t: TrendRow) => `${t.label}（${pp(t.slope)} 个百分点/年，${pvalEq(t.p)}）`;
    const fmtEn = (t: TrendRow) => `${dim.labelEn(t.value)} (${pp(t.slope)} pp/yr, ${pvalEq(t.p)})`;
    const lastYear = r.rows.length ? Math.max(...r.rows.map((x) => x.year)) : null;
    const latest = r.rows.filter((x) => x.year === lastYear && x.winner_discount_median !== null);
    const top = [...latest].sort((a, b) => b.winner_discount_median! - a.winner_discount_median!)[0];
    out.push({
      zh: `按${dim.zh}：` +
        (rising.length ? `中标下浮率中位数显著上升的有 ${rising.map(fmtZh).join('、')}` : '没有哪一组的中标下浮率中位数显著上升') +
        (falling.length ? `；显著下降的有 ${falling.map(fmtZh).join('、')}` : '') +
        (top ? `；${lastYear} 年最高的是${top.label}（${pct(top.winner_discount_median)}）` : '') + '。',
      en: `By ${dim.en}: ` + (rising.length ? `significant rises in ${rising.map(fmtEn).join(', ')}` : 'no group shows a significant rise') +
        (falling.length ? `; significant falls in ${falling.map(fmtEn).join(', ')}` : '') +
        (top ? `; highest in ${lastYear}: ${dim.labelEn(top.value)} (${pct(top.winner_discount_median)})` : '') + '.',
    });
  }
  if (r.decomposition) {
    out.push({ zh: r.decomposition.sentence_zh, en: r.decomposition.sentence_en });
    if (r.decomposition.structure_zh) out.push({ zh: r.decomposition.structure_zh, en: r.decomposition.structure_en! });
  }
  const nYears = overall?.n_years ?? 0;
  if (nYears < FEW_YEARS) {
    out.push({
      zh: `只有 ${nYears} 年数据：Mann–Kendall 检验几乎没有检验效力（4 年时即使逐年上升 p 也大于 0.05），不显著不等于没有趋势。`,
      en: `Only ${nYears} years: the Mann–Kendall test has almost no power (with 4 years even a steady rise gives p > 0.05); not significant does not mean no trend.`,
    });
  }
  return out;
}

function notesOf(r: DiscountTrendReport): { zh: string; en: string }[] {
  const notes: { zh: string; en: string }[] = [];
  const dataYears = new Set(r.totals.map((t) => t.year));
  const undetected = r.detection_runs.filter((d) => d.run_id === null && dataYears.has(d.year)).map((d) => d.year);
  if (undetected.length) {
    notes.push({
      zh: `${undetected.join('、')} 年没有覆盖该年的检测运行，异常低价占比为空（运行 bidwatch detect 后重新生成）。`,
      en: `No detection run covers ${undetected.join(', ')}: abnormal-low shares are empty (run bidwatch detect, then regenerate).`,
    });
  }
  const missing = Array.from({ length: r.to - r.from + 1 }, (_, i) => r.from + i).filter((y) => !dataYears.has(y));
  if (missing.length) notes.push({ zh: `${missing.join('、')} 年没有标段数据。`, en: `No tenders in ${missing.join(', ')}.` });
  notes.push({
    zh: '异常低价标记（ALB）是复核线索，不是违法结论；下浮率高本身也不等于违规。',
    en: 'ALB flags are reasons to review, not findings of wrongdoing; a high discount rate is not itself a violation.',
  });
  notes.push({
    zh: `趋势检验在每组的年度值上进行（每年一个点）；年份少于 ${FEW_YEARS} 年时检验效力很低。`,
    en: `Trend tests run on yearly values (one point per year); with fewer than ${FEW_YEARS} years they have little power.`,
  });
  return notes;
}
