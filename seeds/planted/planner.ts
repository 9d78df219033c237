/** Reserves tender indices and firms for planted cases so that no two cases share a tender or a firm. */
import { type Day, dayOf } from '../calendar.js';
import type { Firm, FirmMarket } from '../firms.js';
import type { TenderCalendar } from '../market.js';
import type { Rng } from '../prng.js';
import type { PlantSpec } from './types.js';

export class Planner {
  readonly specs = new Map<number, PlantSpec>();
  /** firms with a planted role */
  readonly roleFirms = new Set<Firm>();

  constructor(
    readonly rng: Rng,
    readonly cal: TenderCalendar,
    readonly market: FirmMarket,
    readonly window: { from: Day; to: Day },
    readonly asOf: Day,
  ) {}

  get fromYear(): number {
    return this.cal.fromYear;
  }

  get toYear(): number {
    return this.cal.toYear;
  }

  /** [first day, last day] of years y0..y1, clamped to the generated span. */
  years(y0: number, y1: number): [Day, Day] {
    const a = Math.max(this.cal.fromYear, Math.min(y0, this.cal.toYear));
    const b = Math.max(a, Math.min(y1, this.cal.toYear));
    return [dayOf(a, 1, 1), dayOf(b, 12, 31)];
  }

  /** n unused tender indices with open dates in [from, to], ascending. */
  pickMany(n: number, from: Day, to: Day): number[] {
    const [lo, hi] = this.cal.indexRange(from, to);
    const free = hi - lo - [...this.specs.keys()].filter((i) => i >= lo && i < hi).length;
    if (free < n * 3) throw new Error(`seed: too few tenders between ${from} and ${to} for the planted cases — raise tenders`);
    const out = new Set<number>();
    while (out.size < n) {
      const i = this.rng.int(lo, hi - 1);
      if (!this.specs.has(i) && !out.has(i)) out.add(i);
    }
    return [...out].sort((a, b) => a - b);
  }

  pick(from: Day, to: Day): number {
    return this.pickMany(1, from, to)[0]!;
  }

  set(index: number, spec: PlantSpec): void {
    if (this.specs.has(index)) throw new Error(`seed: tender ${index} planted twice`);
    this.specs.set(index, spec);
  }

  /**
   * n firms from a pool with no planted role yet, local firms first (rings in the data are local),
   * each active enough to bid regularly elsewhere too.
   */
  takeFirms(poolKey: string, n: number, localOnly = true): Firm[] {
    const pool = this.market.pools.get(poolKey);
    if (!pool) throw new Error(`no pool ${poolKey}`);
    const candidates = pool.firms.filter(
      (f) => f.weight > 0.5 && !this.roleFirms.has(f) && (!localOnly || f.home === 'kunshan' || f.home === 'suzhou'),
    );
    if (candidates.length < n) throw new Error(`seed: pool ${poolKey} too small for planted roles — raise firms`);
    const chosen = this.rng.sample(candidates, n);
    for (const f of chosen) this.roleFirms.add(f);
    return chosen;
  }
}
