/**
 * The state shared by the indicators during one run: results, `Meta`, the main currency, and the per-process gap
 * that R024 and R058 both read. Mirrors cardinal-rs's `Indicators` accumulator (src/indicators/mod.rs), for a
 * single-threaded pass over the file.
 */
import { roundMeta } from './quartiles.js';
import type {
  CardinalCode,
  CardinalGroup,
  CardinalMeta,
  CardinalOutput,
  CardinalResults,
  OcdsCompiledRelease,
} from './types.js';
import { CARDINAL_GROUPS } from './types.js';

/**
 * The main currency: the configured `currency`, else the first currency a price indicator looks at (the gap of
 * R024/R058 first, then R036, line by line). Amounts in any other currency are skipped (cardinal issue #11).
 */
export class MainCurrency {
  private value: string | undefined;

  constructor(private readonly configured: string | undefined) {}

  /** True if `currency` is the main currency; the first call fixes the main currency when none is configured. */
  accepts(currency: string): boolean {
    this.value ??= this.configured ?? currency;
    return currency === this.value;
  }

  get current(): string | undefined {
    return this.value;
  }
}

/** Per process: the gap (second-lowest valid bid − winning bid) / winning bid, and who the two tenderers are. */
export interface Gap {
  ratio: number;
  winner: string;
  lowestNonWinner: string;
}

/** A running numerator/denominator (cardinal's `Fraction`, summed across processes). */
export interface Fraction {
  numerator: number;
  denominator: number;
}

/** An own enumerable property even for keys like "__proto__" (ids come from the data). */
function put<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

export class RunContext {
  readonly currency: MainCurrency;
  /** ocid → gap, filled by the gap pass when R024 or R058 is enabled. */
  readonly gaps = new Map<string, Gap>();
  /** R038 accumulators: id → disqualified / submitted bids. */
  readonly r038 = {
    Buyer: new Map<string, Fraction>(),
    ProcuringEntity: new Map<string, Fraction>(),
    Tenderer: new Map<string, Fraction>(),
  };

  private readonly results = new Map<CardinalGroup, Map<string, Map<CardinalCode, number>>>();
  private readonly meta = new Map<CardinalCode, Map<string, number>>();

  constructor(currency: string | undefined) {
    this.currency = new MainCurrency(currency);
  }

  /** Set (or overwrite) one result, like cardinal's `set_result!`. */
  setResult(group: CardinalGroup, id: string, code: CardinalCode, value: number): void {
    let ids = this.results.get(group);
    if (!ids) this.results.set(group, (ids = new Map()));
    let codes = ids.get(id);
    if (!codes) ids.set(id, (codes = new Map()));
    codes.set(code, value);
  }

  setMeta(code: CardinalCode, key: string, value: number): void {
    let entries = this.meta.get(code);
    if (!entries) this.meta.set(code, (entries = new Map()));
    entries.set(key, value);
  }

  /** The results object; groups without results are left out. `Meta` is added only when asked for. */
  output(withMeta: boolean): CardinalOutput {
    const out: CardinalResults = {};
    for (const group of CARDINAL_GROUPS) {
      const ids = this.results.get(group);
      if (!ids || ids.size === 0) continue;
      const byId: Record<string, Partial<Record<CardinalCode, number>>> = {};
      for (const [id, codes] of ids) put(byId, id, Object.fromEntries(codes));
      out[group] = byId;
    }
    if (!withMeta) return out;
    const meta: CardinalMeta = {};
    for (const [code, entries] of this.meta) {
      const rounded: Record<string, number | null> = {};
      for (const [key, value] of entries) {
        const r = roundMeta(value);
        rounded[key] = Number.isFinite(r) ? r : null; // serde_json writes NaN and ±Infinity as null
      }
      meta[code] = rounded;
    }
    return { ...out, Meta: meta };
  }
}

/** What each indicator module provides: a per-release pass, then a pass over the whole data set. */
export interface CardinalIndicator {
  fold?(release: OcdsCompiledRelease, ocid: string, context: RunContext): void;
  finalize?(context: RunContext): void;
}
