/**
 * 企业关联关系 as of one date: who heads a firm (单位负责人), who holds or controls it (控股), who manages it (管理),
 * read from the `firm-relations` rows whose validity covers the date (import-format.md §4).
 *
 *   单位负责人   a person recorded as `legal_rep` (法定代表人) or `manager` (主要负责人) of the firm — the
 *               单位负责人 of 会计法 / 条例第三十四条 is the legal representative or the principal in charge.
 *   控股 edge    firm X → firm Y when X is `controller` (实际控制人) of Y, or a `shareholder` of Y with
 *               share > `controlSharePct` (default 50: 《公司法》（2023 年修订）第二百六十五条, 控股股东 holds more than
 *               50 %; the "less than 50 % but decisive votes" limb needs facts the register does not carry).
 *   管理 edge    firm X → firm Y when X is recorded as `manager` or `legal_rep` of Y (a firm managing another, e.g.
 *               under a 托管 agreement or as 执行事务合伙人).
 *   chain        X 控股 Y directly, or X 控股 Z₁ 控股 … Y through at most `maxDepth` edges; a 管理 edge counts
 *               only as the last edge of a chain (X manages Y, or X controls … Z and Z manages Y).
 *
 * A relation applies on `date` when validFrom ≤ date ≤ validTo (null = open on that side; YYYY-MM-DD compares as
 * text). A firm's relation to itself is an import error and is skipped here.
 */
import type { FirmRelationRow } from '../types.js';

export interface UpEdge {
  /** The firm above: holder, controller or manager of `to`. */
  from: string;
  to: string;
  kind: 'control' | 'management';
  relation: FirmRelationRow['relation'];
  sharePct: number | null;
}

/** A chain from an upper firm down to a bidder: `firms[0]` controls or manages … `firms[last]`. */
export interface Chain {
  firms: string[];
  edges: UpEdge[];
}

export interface RelationIndex {
  /** Relations per firm (the `firmUscc` side). */
  byFirm: ReadonlyMap<string, readonly FirmRelationRow[]>;
  firms: ReadonlySet<string>;
}

export function indexRelations(rows: readonly FirmRelationRow[]): RelationIndex {
  const byFirm = new Map<string, FirmRelationRow[]>();
  const firms = new Set<string>();
  for (const r of rows) {
    if (r.relatedUscc !== null && r.relatedUscc === r.firmUscc) continue;
    const list = byFirm.get(r.firmUscc);
    if (list) list.push(r);
    else byFirm.set(r.firmUscc, [r]);
    firms.add(r.firmUscc);
    if (r.relatedUscc) firms.add(r.relatedUscc);
  }
  return { byFirm, firms };
}

export function validOn(r: Pick<FirmRelationRow, 'validFrom' | 'validTo'>, date: string): boolean {
  return (r.validFrom === null || r.validFrom <= date) && (r.validTo === null || date <= r.validTo);
}

/** 单位负责人 of a firm on a date: person hashes recorded as legal_rep or manager. */
export function headsOf(idx: RelationIndex, firm: string, date: string): Map<string, FirmRelationRow['relation']> {
  const out = new Map<string, FirmRelationRow['relation']>();
  for (const r of idx.byFirm.get(firm) ?? []) {
    if (r.personHash && (r.relation === 'legal_rep' || r.relation === 'manager') && validOn(r, date)) {
      if (!out.has(r.personHash)) out.set(r.personHash, r.relation);
    }
  }
  return out;
}

/** The edge a relation row makes, or null (a person, a minority share, not in force). */
export function upEdge(r: FirmRelationRow, date: string, controlSharePct: number): UpEdge | null {
  if (!r.relatedUscc || !validOn(r, date)) return null;
  if (r.relation === 'controller' || (r.relation === 'shareholder' && r.sharePct !== null && r.sharePct > controlSharePct)) {
    return { from: r.relatedUscc, to: r.firmUscc, kind: 'control', relation: r.relation, sharePct: r.sharePct };
  }
  if (r.relation === 'manager' || r.relation === 'legal_rep') {
    return { from: r.relatedUscc, to: r.firmUscc, kind: 'management', relation: r.relation, sharePct: r.sharePct };
  }
  return null;
}

/**
 * Every firm above `firm` on `date` with the shortest chain to it: first the firms that control or manage it
 * directly, then those controlling a controller, up to `maxDepth` edges. Breadth-first, so each upper firm gets
 * its shortest chain (ties: the first found in row order, rows sorted by related USCC for determinism).
 */
export function firmsAbove(idx: RelationIndex, firm: string, date: string, maxDepth: number, controlSharePct: number): Map<string, Chain> {
  const out = new Map<string, Chain>();
  let frontier: Array<{ firm: string; chain: Chain }> = [{ firm, chain: { firms: [firm], edges: [] } }];
  for (let depth = 1; depth <= maxDepth && frontier.length; depth++) {
    const next: Array<{ firm: string; chain: Chain }> = [];
    for (const { firm: f, chain } of frontier) {
      const rows = [...(idx.byFirm.get(f) ?? [])].sort((a, b) => ((a.relatedUscc ?? '') < (b.relatedUscc ?? '') ? -1 : (a.relatedUscc ?? '') > (b.relatedUscc ?? '') ? 1 : 0));
      for (const r of rows) {
        const e = upEdge(r, date, controlSharePct);
        if (!e || e.from === firm || out.has(e.from)) continue;
        // a 管理 edge may only be the last edge of a chain: i.e. the first one walking upwards from the bidder
        if (e.kind === 'management' && chain.edges.length > 0) continue;
        const c: Chain = { firms: [e.from, ...chain.firms], edges: [e, ...chain.edges] };
        out.set(e.from, c);
        next.push({ firm: e.from, chain: c });
      }
    }
    frontier = next;
  }
  return out;
}

/** Persons who control the firm on `date`: `controller`, or `shareholder` above the control share. */
export function controllingPersons(idx: RelationIndex, firm: string, date: string, controlSharePct: number): Set<string> {
  const out = new Set<string>();
  for (const r of idx.byFirm.get(firm) ?? []) {
    if (!r.personHash || !validOn(r, date)) continue;
    if (r.relation === 'controller' || (r.relation === 'shareholder' && r.sharePct !== null && r.sharePct > controlSharePct)) out.add(r.personHash);
  }
  return out;
}
