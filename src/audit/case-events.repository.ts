import { ChainWalker, chainLink, type ChainBreak, type ChainedEvent } from './event-chain.js';

/** A DataSource, an EntityManager or a QueryRunner. */
interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

export interface NewCaseEvent {
  caseId: number;
  actorId: number | null;
  actorName: string;
  action: string;
  from?: string | null;
  to?: string | null;
  note?: string | null;
  details?: Record<string, unknown>;
}

export interface ChainReport {
  ok: boolean;
  /** Events read, events whose link verified, events from before the chain existed (allowed only first). */
  events: number;
  verified: number;
  unchained: number;
  /** The first event that does not verify: it, or the one before it, was changed, removed or inserted. */
  firstBroken: ChainBreak | null;
  /** The newest event's hash: kept elsewhere, it also shows whether events were cut off the end. */
  head: string | null;
}

/**
 * Serialises every writer of case_events, so that each new row links to the row committed just before it. A
 * transaction-scoped lock: held until the writing transaction commits or rolls back.
 */
const CHAIN_LOCK = 7_711_003;

/** The only writer and the verifier of `case_events` (the tamper-evident audit trail; see event-chain.ts). */
export class CaseEventLog {
  /** `ds` is where the chain is read back (verify); appends always go through the caller's transaction. */
  constructor(
    private readonly key: Buffer,
    private readonly ds?: Queryable,
  ) {}

  private reader(ds?: Queryable): Queryable {
    const r = ds ?? this.ds;
    if (!r) throw new Error('CaseEventLog: reading the chain needs a database');
    return r;
  }

  /**
   * Appends one event inside the caller's transaction `m` (never outside one: the chain lock lasts only as long as
   * the transaction). The id and the timestamp are taken first, so the hash covers the row exactly as stored.
   */
  async append(m: Queryable, e: NewCaseEvent): Promise<Record<string, unknown>> {
    await m.query(`SELECT pg_advisory_xact_lock($1)`, [CHAIN_LOCK]);
    // A statement of its own, after the lock: under READ COMMITTED (every transaction here) its snapshot sees the
    // row the previous lock holder committed.
    const [next] = (await m.query(
      `SELECT (SELECT chain_hash FROM case_events ORDER BY id DESC LIMIT 1) AS previous,
              nextval(pg_get_serial_sequence('case_events', 'id')) AS id, date_trunc('milliseconds', now()) AS at`,
    )) as { previous: string | null; id: number | string; at: Date | string }[];
    const row: ChainedEvent = {
      id: Number(next!.id), case_id: Number(e.caseId), at: new Date(next!.at), actor_id: e.actorId === null ? null : Number(e.actorId),
      actor_name: e.actorName, action: e.action, from_status: e.from ?? null, to_status: e.to ?? null, note: e.note ?? null,
      details: e.details ?? {},
    };
    const hash = chainLink(this.key, next!.previous, row);
    const [saved] = (await m.query(
      `INSERT INTO case_events (id, case_id, at, actor_id, actor_name, action, from_status, to_status, note, details, chain_hash)
       OVERRIDING SYSTEM VALUE VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11) RETURNING *`,
      [row.id, row.case_id, row.at, row.actor_id, row.actor_name, row.action, row.from_status, row.to_status, row.note,
        JSON.stringify(row.details), hash],
    )) as Record<string, unknown>[];
    return saved!;
  }

  /** Recomputes the whole chain in id order, a batch at a time (memory holds one batch). */
  async verify(from?: Queryable, batch = 5_000): Promise<ChainReport> {
    const ds = this.reader(from);
    const walker = new ChainWalker(this.key);
    let events = 0;
    let after = 0;
    for (;;) {
      const rows = (await ds.query(
        `SELECT id, case_id, at, actor_id, actor_name, action, from_status, to_status, note, details, chain_hash
         FROM case_events WHERE id > $1 ORDER BY id LIMIT $2`,
        [after, batch],
      )) as (ChainedEvent & { chain_hash: string | null })[];
      for (const r of rows) {
        events++;
        if (!walker.step(r)) return this.report(walker, events);
      }
      if (rows.length < batch) return this.report(walker, events);
      after = Number(rows.at(-1)!.id);
    }
  }

  /**
   * One case's events, each checked against the stored hash of the event before it (whichever case that belongs
   * to): shows on the case page whether its own trail was altered, without reading the whole table.
   */
  async verifyCase(caseId: number): Promise<ChainReport> {
    const ds = this.reader();
    const rows = (await ds.query(
      `SELECT e.id, e.case_id, e.at, e.actor_id, e.actor_name, e.action, e.from_status, e.to_status, e.note, e.details, e.chain_hash,
              (SELECT p.chain_hash FROM case_events p WHERE p.id < e.id ORDER BY p.id DESC LIMIT 1) AS previous_hash,
              EXISTS (SELECT 1 FROM case_events p WHERE p.id < e.id AND p.chain_hash IS NOT NULL) AS chain_started
       FROM case_events e WHERE e.case_id = $1 ORDER BY e.id`,
      [caseId],
    )) as (ChainedEvent & { chain_hash: string | null; previous_hash: string | null; chain_started: boolean })[];
    let verified = 0;
    let unchained = 0;
    for (const r of rows) {
      const where = { id: Number(r.id), caseId: Number(r.case_id), at: new Date(r.at).toISOString(), action: r.action };
      if (r.chain_hash === null) {
        if (r.chain_started) return { ok: false, events: rows.length, verified, unchained, firstBroken: { ...where, reason: 'unchained' }, head: null };
        unchained++;
        continue;
      }
      if (chainLink(this.key, r.previous_hash, r) !== r.chain_hash) {
        return { ok: false, events: rows.length, verified, unchained, firstBroken: { ...where, reason: 'mismatch' }, head: null };
      }
      verified++;
    }
    return { ok: true, events: rows.length, verified, unchained, firstBroken: null, head: rows.at(-1)?.chain_hash ?? null };
  }

  private report(w: ChainWalker, events: number): ChainReport {
    return { ok: !w.broken, events, verified: w.verified, unchained: w.unchained, firstBroken: w.broken, head: w.broken ? null : w.head };
  }
}

