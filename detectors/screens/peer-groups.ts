/**
 * Peer groups for the distribution screens: a tender is compared with tenders of the same category, work type,
 * evaluation method (and control-price band, when bands are configured) over a trailing window of years
 * (domain-indicators (b) notation: G(t)). When a group is smaller than `minPeers`, the next coarser level is
 * used: category × method, then method, then all screened tenders of the window. Screens are scale-free ratios,
 * so mixing sizes costs little; mixing evaluation methods is the last resort.
 */
import type { TenderRow } from '../types.js';
import { quantileSorted } from '../lib/stats.js';

export interface PeerSettings {
  minPeers: number;
  peerYears: number;
  /** Control-price band boundaries in yuan, ascending; [] = no bands. */
  priceBands: number[];
}

export const PEER_LEVELS = ['category×workType×method×band', 'category×method', 'method', 'all'] as const;
export type PeerLevel = (typeof PEER_LEVELS)[number];

export function peerKey(t: Pick<TenderRow, 'category' | 'workType' | 'evaluationMethod' | 'controlPrice'>, level: number, bands: number[]): string {
  switch (level) {
    case 0:
      return `${t.category}|${t.workType}|${t.evaluationMethod}|${priceBand(t.controlPrice, bands)}`;
    case 1:
      return `${t.category}|${t.evaluationMethod}`;
    case 2:
      return t.evaluationMethod;
    default:
      return '*';
  }
}

/** Index of the band a control price falls in (number of boundaries ≤ price); `-` when unknown. */
export function priceBand(controlPrice: number | null, bands: number[]): string {
  if (bands.length === 0) return '0';
  if (controlPrice === null) return '-';
  let i = 0;
  while (i < bands.length && controlPrice >= (bands[i] as number)) i++;
  return String(i);
}

export interface PeerSet {
  level: PeerLevel;
  key: string;
  fromYear: number;
  toYear: number;
  size: number;
  /** Sorted ascending values of one metric among the peers (nulls dropped). */
  sorted(metric: string): ArrayLike<number>;
}

/**
 * Holds the screened tenders' values and answers "which peer set does this tender use". Peer sets are built on
 * demand per (level, key, year) and cached, so a run over 10⁵ tenders sorts each group once.
 */
export class PeerIndex<M extends string> {
  /** Every added tender's values, by row id; peer lists hold row ids. */
  private readonly rows: Array<Record<M, number | null>> = [];
  private readonly byKeyYear: Map<string, number[]>[] = PEER_LEVELS.map(() => new Map());
  private readonly cache = new Map<string, PeerSet | null>();
  /**
   * One metric over every row (NaN where null), read once per metric: a peer set gathers from it instead of
   * reading a property by name from each of its rows (every row sits in up to twelve sets; 10⁶ bids, 2 s less).
   */
  private readonly columns = new Map<string, Float64Array>();

  /**
   * @param classOf an extra split within every level (e.g. the number of bids: a screen's spread depends on n), so a
   *                tender is compared only with tenders of its class.
   */
  constructor(
    private readonly settings: PeerSettings,
    private readonly classOf: (t: TenderRow) => string = () => '',
  ) {}

  private keyOf(t: TenderRow, level: number): string {
    const c = this.classOf(t);
    return c ? `${peerKey(t, level, this.settings.priceBands)}|${c}` : peerKey(t, level, this.settings.priceBands);
  }

  add(t: TenderRow, values: Record<M, number | null>): void {
    const id = this.rows.push(values) - 1;
    this.columns.clear();
    for (let level = 0; level < PEER_LEVELS.length; level++) {
      const k = `${this.keyOf(t, level)}#${t.year}`;
      const list = this.byKeyYear[level]?.get(k);
      if (list) list.push(id);
      else this.byKeyYear[level]?.set(k, [id]);
    }
  }

  /** The finest peer set with at least `minPeers` tenders in the window ending at the tender's year; null if none. */
  peersOf(t: TenderRow): PeerSet | null {
    for (let level = 0; level < PEER_LEVELS.length; level++) {
      const key = this.keyOf(t, level);
      const id = `${level}#${key}#${t.year}`;
      let set = this.cache.get(id);
      if (set === undefined) {
        set = this.build(level, key, t.year);
        this.cache.set(id, set);
      }
      if (set) return set;
    }
    return null;
  }

  private column(metric: string): Float64Array {
    let col = this.columns.get(metric);
    if (!col) {
      col = new Float64Array(this.rows.length);
      for (let i = 0; i < this.rows.length; i++) {
        const v = (this.rows[i] as Record<M, number | null>)[metric as M];
        col[i] = v === null || v === undefined ? NaN : v;
      }
      this.columns.set(metric, col);
    }
    return col;
  }

  private build(level: number, key: string, year: number): PeerSet | null {
    const fromYear = year - this.settings.peerYears + 1;
    const ids: number[] = [];
    for (let y = fromYear; y <= year; y++) {
      const list = this.byKeyYear[level]?.get(`${key}#${y}`);
      if (list) for (const r of list) ids.push(r);
    }
    if (ids.length < this.settings.minPeers) return null;
    const sortedCache = new Map<string, Float64Array>();
    const column = (metric: string) => this.column(metric);
    return {
      level: PEER_LEVELS[level] as PeerLevel,
      key,
      fromYear,
      toYear: year,
      size: ids.length,
      sorted(metric: string) {
        let s = sortedCache.get(metric);
        if (!s) {
          // a typed array sorts numerically without a comparator call per step: peer sets hold 10⁵ values at scale
          const col = column(metric);
          const buf = new Float64Array(ids.length);
          let n = 0;
          for (const id of ids) {
            const v = col[id] as number;
            if (v === v) buf[n++] = v; // not NaN (null)
          }
          s = buf.subarray(0, n).sort();
          sortedCache.set(metric, s);
        }
        return s;
      },
    };
  }
}

/** Mid-rank percentile of x among sorted values: (#below + ½ #equal) / n, in [0, 1]. */
export function midRankPercentile(sorted: ArrayLike<number>, x: number): number {
  const lo = lowerBound(sorted, x);
  const hi = upperBound(sorted, x);
  return (lo + (hi - lo) / 2) / sorted.length;
}

export function lowerBound(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function upperBound(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export { quantileSorted };
