/**
 * Peer groups for ALB's statistical trigger (T4): the population of 下浮率 against which a bid is an outlier.
 *
 * Full group = year window × category × work type × evaluation method × control-price band. A group's fences are
 * used only if it holds at least `minPeerBids` discounts; otherwise the group is widened, in this order, and the
 * first level that is large enough is used:
 *
 *   full       years [y − w + 1, y] × category × work type × evaluation method × price band
 *   no_band    years [y − w + 1, y] × category × work type × evaluation method
 *   all_years  every year × category × work type × evaluation method
 *   no_method  every year × category × work type
 *   category   every year × category
 *   all        every tender in the dataset
 *
 * The window looks back only (the tender's year and the w − 1 before it), so a fence never depends on later
 * years' bids of the same cell. The population is the discounts of the valid bids (price > 0) of every tender in
 * the group that has a control price, the tender's own bids included; bids above the control price are left out
 * when `excludeAboveControl` (they are normally 否决 under 条例第五十一条(五) and would only widen the lower tail).
 */
import type { DatasetView } from '../dataset-view.js';
import type { TenderRow } from '../types.js';
import { fencesOfSorted, mergeSorted, robustCentreOfSorted, type8Sorted } from '../price/fences.js';
import { CATEGORY_CN, EVALUATION_METHOD_CN, WORK_TYPE_CN, wan } from '../price/labels.js';

export const PEER_LEVELS = ['full', 'no_band', 'all_years', 'no_method', 'category', 'all'] as const;
export type PeerLevel = (typeof PEER_LEVELS)[number];

export interface PeerParams {
  yearWindow: number;
  /** Ascending control-price band edges, yuan. */
  priceBands: readonly number[];
  minPeerBids: number;
  fenceK: number;
  excludeAboveControl: boolean;
}

/** The group a tender's bids were compared with, and its statistics (discounts as fractions). */
export interface PeerStats {
  /** `years|category|workType|evaluationMethod|band`, `*` where the dimension was dropped. */
  key: string;
  level: PeerLevel;
  /** Chinese description of the group, for explanations. */
  label: string;
  n: number;
  q1: number;
  q3: number;
  iqr: number;
  k: number;
  upperFence: number;
  median: number;
  /** Raw MAD (robust z divides by 1.4826·MAD). */
  mad: number;
  /** P10 and P90 of the same population (type 8, as the quartiles), for the band the console draws. */
  p10: number;
  p90: number;
}

/** The discounts of a tender's bids that enter peer populations (see the module comment). */
export function peerDiscounts(view: DatasetView, t: TenderRow, excludeAboveControl: boolean): number[] {
  const c = t.controlPrice;
  if (c === null || !(c > 0)) return [];
  const out: number[] = [];
  for (const b of view.bidsOf.get(t.code) ?? []) {
    if (!b.valid || !(b.price > 0) || (excludeAboveControl && b.price > c)) continue;
    out.push((c - b.price) / c);
  }
  return out;
}

/** Band index of a control price: 0 below the first edge, i for edge[i−1] ≤ C < edge[i], last at or above the top. */
export function bandOf(controlPrice: number, edges: readonly number[]): number {
  let i = 0;
  while (i < edges.length && controlPrice >= edges[i]!) i += 1;
  return i;
}

function bandKey(i: number, edges: readonly number[]): string {
  return `${i === 0 ? 0 : edges[i - 1]}-${i < edges.length ? edges[i] : 'inf'}`;
}

function bandLabel(i: number, edges: readonly number[]): string {
  if (edges.length === 0) return '全部控制价';
  if (i === 0) return `控制价<${wan(edges[0]!)}元`;
  if (i === edges.length) return `控制价≥${wan(edges[i - 1]!)}元`;
  return `控制价${wan(edges[i - 1]!)}–${wan(edges[i]!)}元`;
}

/** Discounts of one (category, work type, method) cell in one year, ascending: all of them and by price band. */
interface CellYear {
  all: Float64Array;
  byBand: Map<number, Float64Array>;
}

/** cell `category|workType|method` → year → discounts; one index per (bands, excludeAboveControl). */
type Index = Map<string, Map<number, CellYear>>;

/** Indexes the discounts once and caches each population's statistics: a 1M-bid run costs a few sorts per group. */
export class PeerGroups {
  private readonly indexes = new Map<string, Index>();
  private readonly cache = new Map<string, PeerStats | null>();

  constructor(private readonly view: DatasetView) {}

  /** The narrowest level with at least `minPeerBids` discounts, or null if even the whole dataset is smaller. */
  statsFor(t: TenderRow, p: PeerParams): PeerStats | null {
    if (t.controlPrice === null || !(t.controlPrice > 0)) return null;
    for (const level of PEER_LEVELS) {
      const s = this.level(t, p, level);
      if (s) return s;
    }
    return null;
  }

  private index(p: PeerParams): Index {
    const sig = `${p.priceBands.join(',')}|${p.excludeAboveControl}`;
    let idx = this.indexes.get(sig);
    if (idx) return idx;
    // cell → year → band → discounts; then each list is sorted once, and groups are merges of sorted lists.
    const raw = new Map<string, Map<number, Map<number, number[]>>>();
    for (const t of this.view.tenders) {
      const d = peerDiscounts(this.view, t, p.excludeAboveControl);
      if (d.length === 0) continue; // also every tender without a control price
      const cell = `${t.category}|${t.workType}|${t.evaluationMethod}`;
      let years = raw.get(cell);
      if (!years) raw.set(cell, (years = new Map()));
      let bands = years.get(t.year);
      if (!bands) years.set(t.year, (bands = new Map()));
      const band = bandOf(t.controlPrice!, p.priceBands);
      const list = bands.get(band);
      if (list) for (const x of d) list.push(x);
      else bands.set(band, d);
    }
    idx = new Map();
    for (const [cell, years] of raw) {
      const out = new Map<number, CellYear>();
      for (const [year, bands] of years) {
        const byBand = new Map<number, Float64Array>();
        for (const [band, list] of bands) byBand.set(band, Float64Array.from(list).sort());
        out.set(year, { all: mergeSorted([...byBand.values()]), byBand });
      }
      idx.set(cell, out);
    }
    this.indexes.set(sig, idx);
    return idx;
  }

  private level(t: TenderRow, p: PeerParams, level: PeerLevel): PeerStats | null {
    const yFrom = t.year - p.yearWindow + 1;
    const windowed = level === 'full' || level === 'no_band';
    const band = level === 'full' ? bandOf(t.controlPrice!, p.priceBands) : -1;
    const keepMethod = level === 'full' || level === 'no_band' || level === 'all_years';
    const keepWork = keepMethod || level === 'no_method';
    const keepCategory = level !== 'all';
    const key = [
      windowed ? `${yFrom}-${t.year}` : '*',
      keepCategory ? t.category : '*',
      keepWork ? t.workType : '*',
      keepMethod ? t.evaluationMethod : '*',
      band >= 0 ? bandKey(band, p.priceBands) : '*',
    ].join('|');
    const cacheKey = `${key}|k=${p.fenceK}|x=${p.excludeAboveControl}|m=${p.minPeerBids}|b=${p.priceBands.join(',')}`;
    const hit = this.cache.get(cacheKey);
    if (hit !== undefined) return hit;

    const parts: Float64Array[] = [];
    for (const [cell, years] of this.index(p)) {
      const [cat, work, method] = cell.split('|');
      if ((keepCategory && cat !== t.category) || (keepWork && work !== t.workType) || (keepMethod && method !== t.evaluationMethod)) continue;
      for (const [year, cy] of years) {
        if (windowed && (year < yFrom || year > t.year)) continue;
        const list = band >= 0 ? cy.byBand.get(band) : cy.all;
        if (list) parts.push(list);
      }
    }
    let n = 0;
    for (const x of parts) n += x.length;
    if (n === 0 || n < p.minPeerBids) {
      this.cache.set(cacheKey, null);
      return null;
    }
    const sorted = mergeSorted(parts);
    const f = fencesOfSorted(sorted, p.fenceK);
    const c = robustCentreOfSorted(sorted);
    const label = [
      windowed ? `${yFrom}–${t.year}年` : '全部年份',
      keepCategory ? CATEGORY_CN[t.category] : '全部类别',
      keepWork ? WORK_TYPE_CN[t.workType] : null,
      keepMethod ? EVALUATION_METHOD_CN[t.evaluationMethod] : null,
      band >= 0 ? bandLabel(band, p.priceBands) : null,
    ]
      .filter((x) => x !== null)
      .join('·');
    const stats: PeerStats = {
      key, level, label, n, q1: f.q1, q3: f.q3, iqr: f.iqr, k: f.k, upperFence: f.upper, median: c.median, mad: c.mad,
      p10: type8Sorted(sorted, 0.1), p90: type8Sorted(sorted, 0.9),
    };
    this.cache.set(cacheKey, stats);
    return stats;
  }
}
