/**
 * Shared parts of the buyer / agency indicators (issue 12 §1): who ran each tender, the peer fence, coverage in
 * tender units, and the flag shape.
 *
 *   buyer    招标人: TenderRow.buyerUscc (OCDS `buyer`)
 *   agency   招标代理机构: TenderRow.agencyUscc (OCDS `tender.procuringEntity` when it differs from the buyer)
 * An organisation without a USCC is not compared (names are not stable ids, cardinal issue #32). Peers are the
 * organisations of the same kind in the data set; the fence is Q3 + 1.5·IQR of their values with statrs type-8
 * quartiles, exactly cardinal's R038 fence (cardinal/quartiles.ts), or a fixed threshold; nothing is flagged when
 * the fence is not > 0.
 */
import type { DatasetView } from '../dataset-view.js';
import type { DetectorOutput } from '../detector.js';
import { lowerQuartile, upperFence, upperQuartile } from '../cardinal/quartiles.js';
import type { Flag, TenderRow } from '../types.js';

export const ORG_KINDS = ['buyer', 'agency'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const ORG_ZH: Record<OrgKind, string> = { buyer: '招标人', agency: '招标代理机构' };

export interface Org {
  kind: OrgKind;
  id: string;
  name: string | null;
  tenders: TenderRow[];
}

export function orgIdOf(t: TenderRow, kind: OrgKind): string | null {
  const v = kind === 'buyer' ? t.buyerUscc : t.agencyUscc;
  return v && v.trim() !== '' ? v.trim() : null;
}

/** Organisations of a kind with their tenders, in first-seen order of the tenders. */
export function orgsOf(view: DatasetView, kind: OrgKind): Map<string, Org> {
  const out = new Map<string, Org>();
  for (const t of view.tenders) {
    const id = orgIdOf(t, kind);
    if (!id) continue;
    let o = out.get(id);
    if (!o) out.set(id, (o = { kind, id, name: (kind === 'buyer' ? t.buyerName : t.agencyName) ?? null, tenders: [] }));
    o.tenders.push(t);
  }
  return out;
}

export interface PeerFence {
  q1: number | null;
  q3: number | null;
  fence: number;
  /** Organisations compared. */
  peers: number;
}

/** Q3 + 1.5·IQR of the peers' values (type 8), or the fixed threshold. Null with no peer. */
export function peerFence(values: readonly number[], threshold: number | null): PeerFence | null {
  if (values.length === 0) return null;
  if (threshold !== null) return { q1: null, q3: null, fence: threshold, peers: values.length };
  const q1 = lowerQuartile(values);
  const q3 = upperQuartile(values);
  return { q1, q3, fence: upperFence(q1, q3), peers: values.length };
}

/**
 * Coverage in tender units: not applicable = neither a buyer nor an agency id; applied = the buyer or the agency was
 * compared with its peers; excluded = the rest (below the minimums); flagged = applied tenders whose buyer or agency
 * is flagged.
 */
export function orgCoverage(view: DatasetView, compared: ReadonlySet<string>, flagged: ReadonlySet<string>): DetectorOutput['coverage'] {
  const c = { applied: 0, flagged: 0, notApplicable: 0, excluded: 0 };
  for (const t of view.tenders) {
    const keys = ORG_KINDS.map((k) => orgIdOf(t, k)).map((id, i) => (id ? `${ORG_KINDS[i]}|${id}` : null)).filter((x): x is string => x !== null);
    if (keys.length === 0) c.notApplicable++;
    else if (keys.some((k) => compared.has(k))) {
      c.applied++;
      if (keys.some((k) => flagged.has(k))) c.flagged++;
    } else c.excluded++;
  }
  return c;
}

export function orgLabel(o: Pick<Org, 'kind' | 'id' | 'name'>): string {
  return `${ORG_ZH[o.kind]} ${o.name && o.name !== o.id ? `${o.name}（${o.id}）` : o.id}`;
}

export function orgFlag(detector: string, version: string, o: Org, score: number, severity: Flag['severity'], explanation: string, evidence: Record<string, unknown>, bidderUscc: string | null = null): Flag {
  return { detector, version, subjectType: o.kind, subjectId: o.id, tenderCode: null, bidderUscc, score, severity, explanation, evidence: { kind: o.kind, ...evidence } };
}

/** The winning bidder of a tender (one `isWinner` bid), or null. */
export function winnerOf(view: DatasetView, t: TenderRow): { uscc: string; name: string; price: number } | null {
  for (const b of view.bidsOf.get(t.code) ?? []) if (b.isWinner) return { uscc: b.bidderUscc, name: b.bidderName, price: b.price };
  return null;
}

export function pctText(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

/** How far above the fence, as a score in [0.5, 0.9]: 0.5 at the fence, 0.9 at 1 (a ratio's maximum). */
export function fenceScore(value: number, fence: number): number {
  if (!(fence < 1)) return 0.5;
  const x = 0.5 + 0.4 * Math.min(1, Math.max(0, (value - fence) / (1 - fence)));
  return Math.round(x * 100) / 100;
}
