import { createHmac } from 'node:crypto';

/**
 * The case-event hash chain (issue 14, point 5), pure. Each `case_events` row stores
 *   chain_hash = HMAC-SHA256(audit key, previous row's chain_hash + "\n" + canonical(row))
 * so that changing, removing or reordering a row — even as a superuser who switches the append-only trigger off —
 * breaks the chain from that row on, and nobody without the key (which the database never holds) can repair it.
 */
export interface ChainedEvent {
  id: number;
  case_id: number;
  at: Date;
  actor_id: number | null;
  actor_name: string;
  action: string;
  from_status: string | null;
  to_status: string | null;
  note: string | null;
  details: unknown;
}

/** The chain before its first event. */
export const GENESIS = '';

/** JSON with object keys sorted at every depth: jsonb gives keys back in its own order. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().filter((k) => o[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

/** Every column of the row in a fixed order and form (version 1). Timestamps are stored to the millisecond. */
export function canonicalEvent(e: ChainedEvent): string {
  return canonicalJson([
    1, Number(e.id), Number(e.case_id), new Date(e.at).toISOString(), e.actor_id === null ? null : Number(e.actor_id),
    e.actor_name, e.action, e.from_status, e.to_status, e.note, e.details ?? {},
  ]);
}

export function chainLink(key: Buffer, previousHash: string | null, e: ChainedEvent): string {
  return createHmac('sha256', key).update(`${previousHash ?? GENESIS}\n${canonicalEvent(e)}`).digest('hex');
}

export type ChainBreak = { id: number; caseId: number; at: string; action: string; reason: 'mismatch' | 'unchained' };

/**
 * Walks rows in id order, carrying the previous stored hash. Rows without a hash are allowed only before the
 * first chained one (events written before the chain existed); after it, a missing hash is a break like a wrong one.
 */
export class ChainWalker {
  private previous: string | null = null;
  private started = false;
  verified = 0;
  unchained = 0;
  broken: ChainBreak | null = null;

  constructor(private readonly key: Buffer) {}

  /** False once broken (the first break is kept). */
  step(row: ChainedEvent & { chain_hash: string | null }): boolean {
    if (this.broken) return false;
    const where = { id: Number(row.id), caseId: Number(row.case_id), at: new Date(row.at).toISOString(), action: row.action };
    if (row.chain_hash === null) {
      if (this.started) {
        this.broken = { ...where, reason: 'unchained' };
        return false;
      }
      this.unchained++;
      return true;
    }
    this.started = true;
    if (chainLink(this.key, this.previous, row) !== row.chain_hash) {
      this.broken = { ...where, reason: 'mismatch' };
      return false;
    }
    this.previous = row.chain_hash;
    this.verified++;
    return true;
  }

  get head(): string | null {
    return this.previous;
  }
}
