/**
 * Which dimensions move a yearly rate most: an ordinary least-squares regression of y (the winning 下浮率 of each
 * tender) on dummies of several categorical factors (year, 工程类别, 评标办法, …), and a Shapley decomposition of
 * its R² (Lindeman–Merenda–Gold): each factor's share is its extra R² averaged over every order in which the
 * factors can enter the model. The shares add up to the full model's R², so "评标办法解释了差异的 38 %" means:
 * of the total variance of y, 38 % is attributed to the evaluation method, the overlap with correlated factors
 * being split fairly.
 *
 * It needs no raw rows. Every regressor is a dummy, so X'X and X'y are counts and sums over pairs of factors:
 * X'X[(F=a),(G=b)] = n(F=a ∧ G=b), X'y[(F=a)] = Σ y over F=a. The database returns those per pair of factors
 * (GROUP BY GROUPING SETS), and the models are fitted here from them: a Cholesky factorisation of the needed
 * block of X'X, with a column dropped (coefficient "aliased", as R's lm reports NA) when it is a linear
 * combination of the columns before it. For k factors, 2^k small models (k = 7: 128 models of < 60 columns).
 */

export interface CrossCell {
  /** Factor name → level for the one or two factors this cell is grouped by. */
  levels: Record<string, string>;
  n: number;
  /** Σ y */
  sy: number;
  /** Σ y² */
  syy: number;
}

export interface FactorEffect {
  level: string;
  n: number;
  /** Raw mean of y at this level (no adjustment). */
  mean: number | null;
  /** Mean of y at this level minus the mean at the reference level, holding the other factors fixed (OLS). */
  effect: number | null;
}

export interface FactorShare {
  name: string;
  reference: string;
  levels: number;
  /** Shapley share of R², as a fraction of the total variance of y. Shares add up to `r2`. */
  shapley: number;
  /** R² of this factor alone (η², ignoring every other factor). */
  alone: number;
  /** R² lost when this factor is dropped from the full model (what no other factor can stand in for). */
  unique: number;
  effects: FactorEffect[];
}

export interface Decomposition {
  n: number;
  mean: number;
  /** Total sum of squares Σ(y − ȳ)². */
  sst: number;
  r2: number;
  adjR2: number | null;
  /** Estimated coefficients in the full model, intercept included (aliased columns not counted). */
  params: number;
  factors: FactorShare[];
}

interface Design {
  factors: { name: string; levels: string[]; reference: string; cols: number[]; count: Map<string, number>; sum: Map<string, number> }[];
  xtx: number[][];
  xty: number[];
  n: number;
  sy: number;
  syy: number;
}

/**
 * Fits every sub-model and returns the shares. `cells` must hold, for every pair of factors (or for the single
 * factor, when there is one), that pair's cells; `references` optionally fixes a factor's reference level
 * (default: its most frequent level).
 */
export function decompose(factorNames: readonly string[], cells: readonly CrossCell[], references: Record<string, string> = {}): Decomposition | null {
  const d = design(factorNames, cells, references);
  if (!d || d.n < 2) return null;
  const mean = d.sy / d.n;
  const sst = d.syy - (d.sy * d.sy) / d.n;
  if (!(sst > 1e-15 * Math.max(1, d.syy))) return null;
  const k = d.factors.length;
  const r2Cache = new Map<number, number>();
  const r2 = (mask: number): number => {
    let v = r2Cache.get(mask);
    if (v === undefined) {
      const cols = [0];
      for (let i = 0; i < k; i++) if (mask & (1 << i)) cols.push(...d.factors[i]!.cols);
      v = Math.min(1, Math.max(0, (fit(d, cols).ssUncentered - (d.sy * d.sy) / d.n) / sst));
      r2Cache.set(mask, v);
    }
    return v;
  };
  const full = (1 << k) - 1;
  const fact = (m: number): number => (m <= 1 ? 1 : m * fact(m - 1));
  const shapley = new Array<number>(k).fill(0);
  for (let mask = 0; mask <= full; mask++) {
    const size = popcount(mask);
    const weight = (fact(size) * fact(k - size - 1)) / fact(k);
    for (let i = 0; i < k; i++) {
      if (mask & (1 << i)) continue;
      shapley[i]! += weight * (r2(mask | (1 << i)) - r2(mask));
    }
  }
  const fullCols = [0, ...d.factors.flatMap((f) => f.cols)];
  const fullFit = fit(d, fullCols);
  const coef = new Map(fullCols.map((c, i) => [c, fullFit.beta[i]!]));
  const params = fullFit.beta.filter((b) => b !== null).length;
  const r2Full = r2(full);
  return {
    n: d.n,
    mean,
    sst,
    r2: r2Full,
    adjR2: d.n > params ? 1 - ((1 - r2Full) * (d.n - 1)) / (d.n - params) : null,
    params,
    factors: d.factors.map((f, i) => ({
      name: f.name,
      reference: f.reference,
      levels: f.levels.length,
      shapley: shapley[i]!,
      alone: r2(1 << i),
      unique: r2Full - r2(full & ~(1 << i)),
      effects: f.levels.map((level) => {
        const col = f.cols[f.levels.filter((l) => l !== f.reference).indexOf(level)];
        const n = f.count.get(level) ?? 0;
        return {
          level,
          n,
          mean: n > 0 ? f.sum.get(level)! / n : null,
          effect: level === f.reference ? 0 : col === undefined ? null : coef.get(col) ?? null,
        };
      }),
    })),
  };
}

function popcount(m: number): number {
  let c = 0;
  for (let x = m; x; x &= x - 1) c++;
  return c;
}

function design(names: readonly string[], cells: readonly CrossCell[], references: Record<string, string>): Design | null {
  if (names.length === 0 || cells.length === 0) return null;
  const count = new Map<string, Map<string, number>>(names.map((f) => [f, new Map()]));
  const sum = new Map<string, Map<string, number>>(names.map((f) => [f, new Map()]));
  // Marginals from the cells of one partner per factor (every partner gives the same marginals).
  const partnerOf = new Map<string, string>();
  let totals: { n: number; sy: number; syy: number } | null = null;
  let totalsKey: string | null = null;
  for (const c of cells) {
    const keys = Object.keys(c.levels).sort();
    const key = keys.join('|');
    totalsKey ??= key;
    if (key === totalsKey) {
      totals ??= { n: 0, sy: 0, syy: 0 };
      totals.n += c.n;
      totals.sy += c.sy;
      totals.syy += c.syy;
    }
    for (const f of keys) {
      if (!count.has(f)) continue;
      const partner = keys.find((g) => g !== f) ?? f;
      if (!partnerOf.has(f)) partnerOf.set(f, partner);
      if (partnerOf.get(f) !== partner) continue;
      const lv = c.levels[f]!;
      count.get(f)!.set(lv, (count.get(f)!.get(lv) ?? 0) + c.n);
      sum.get(f)!.set(lv, (sum.get(f)!.get(lv) ?? 0) + c.sy);
    }
  }
  if (!totals) return null;
  let next = 1;
  const factors = names.map((name) => {
    const cnt = count.get(name)!;
    const levels = [...cnt.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const byFreq = [...levels].sort((a, b) => cnt.get(b)! - cnt.get(a)! || (a < b ? -1 : 1));
    const reference = references[name] !== undefined && cnt.has(references[name]!) ? references[name]! : byFreq[0]!;
    const cols = levels.filter((l) => l !== reference).map(() => next++);
    return { name, levels, reference, cols, count: cnt, sum: sum.get(name)! };
  });
  const p = next;
  const xtx = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const xty = new Array<number>(p).fill(0);
  const colOf = (f: number, level: string): number | undefined => {
    const fac = factors[f]!;
    if (level === fac.reference) return undefined;
    return fac.cols[fac.levels.filter((l) => l !== fac.reference).indexOf(level)];
  };
  xtx[0]![0] = totals.n;
  xty[0] = totals.sy;
  factors.forEach((fac, fi) => {
    for (const level of fac.levels) {
      const c = colOf(fi, level);
      if (c === undefined) continue;
      const n = fac.count.get(level)!;
      xtx[0]![c] = xtx[c]![0] = n;
      xtx[c]![c] = n;
      xty[c] = sum.get(fac.name)!.get(level)!;
    }
  });
  const index = new Map(names.map((n, i) => [n, i]));
  for (const c of cells) {
    const keys = Object.keys(c.levels).filter((k) => index.has(k));
    if (keys.length !== 2) continue;
    const [fa, fb] = keys as [string, string];
    const ca = colOf(index.get(fa)!, c.levels[fa]!);
    const cb = colOf(index.get(fb)!, c.levels[fb]!);
    if (ca === undefined || cb === undefined) continue;
    xtx[ca]![cb]! += c.n;
    xtx[cb]![ca]! += c.n;
  }
  return { factors, xtx, xty, n: totals.n, sy: totals.sy, syy: totals.syy };
}

/**
 * Least squares on the columns `cols` of the design: Cholesky of X'X restricted to them, skipping (aliasing) a
 * column whose pivot falls below 1e-9 of its diagonal. Returns the uncentred model sum of squares β'X'y = ‖z‖²
 * (z = L⁻¹X'y) and β (null for aliased columns).
 */
function fit(d: Design, cols: readonly number[]): { ssUncentered: number; beta: (number | null)[] } {
  const m = cols.length;
  const L = Array.from({ length: m }, () => new Array<number>(m).fill(0));
  const kept: number[] = [];
  for (let k = 0; k < m; k++) {
    const akk = d.xtx[cols[k]!]![cols[k]!]!;
    let s = akk;
    for (const j of kept) s -= L[k]![j]! * L[k]![j]!;
    if (!(s > 1e-9 * Math.max(akk, 1e-300))) continue;
    const lkk = Math.sqrt(s);
    L[k]![k] = lkk;
    for (let i = k + 1; i < m; i++) {
      let v = d.xtx[cols[i]!]![cols[k]!]!;
      for (const j of kept) v -= L[i]![j]! * L[k]![j]!;
      L[i]![k] = v / lkk;
    }
    kept.push(k);
  }
  const z = new Array<number>(m).fill(0);
  for (const k of kept) {
    let v = d.xty[cols[k]!]!;
    for (const j of kept) {
      if (j >= k) break;
      v -= L[k]![j]! * z[j]!;
    }
    z[k] = v / L[k]![k]!;
  }
  const beta: (number | null)[] = new Array(m).fill(null);
  for (let idx = kept.length - 1; idx >= 0; idx--) {
    const k = kept[idx]!;
    let v = z[k]!;
    for (let jdx = idx + 1; jdx < kept.length; jdx++) {
      const j = kept[jdx]!;
      v -= L[j]![k]! * beta[j]!;
    }
    beta[k] = v / L[k]![k]!;
  }
  return { ssUncentered: kept.reduce((s, k) => s + z[k]! * z[k]!, 0), beta };
}

/** The cells `decompose` needs, from raw records (tests, and small in-memory data): every pair of factors. */
export function crossCells(factorNames: readonly string[], records: readonly { levels: Record<string, string>; y: number }[]): CrossCell[] {
  const pairs: string[][] = [];
  if (factorNames.length === 1) pairs.push([factorNames[0]!]);
  for (let i = 0; i < factorNames.length; i++) {
    for (let j = i + 1; j < factorNames.length; j++) pairs.push([factorNames[i]!, factorNames[j]!]);
  }
  const out: CrossCell[] = [];
  for (const pair of pairs) {
    const cells = new Map<string, CrossCell>();
    for (const r of records) {
      const key = pair.map((f) => r.levels[f]).join('\u0000');
      let c = cells.get(key);
      if (!c) cells.set(key, (c = { levels: Object.fromEntries(pair.map((f) => [f, r.levels[f]!])), n: 0, sy: 0, syy: 0 }));
      c.n += 1;
      c.sy += r.y;
      c.syy += r.y * r.y;
    }
    out.push(...cells.values());
  }
  return out;
}
