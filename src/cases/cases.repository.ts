import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { likeLiteral } from '../app/http-params.js';
import { CASE_FLAG_DETECTORS, type CaseDraft, type CaseFlag, type CaseRing } from './case-rules.js';

/** A transaction's handle: every write of a unit of work goes through the one it was given. */
export type Tx = EntityManager;

/** Who sees a district's cases: inspectors of the district, city-wide inspectors (no district), supervisors. */
export interface CaseAudience {
  district: string | null;
  districtInspectors: number;
  cityWideInspectors: number;
  /** districtInspectors + cityWideInspectors. */
  inspectors: number;
  supervisors: number;
}

export interface CaseListFilter {
  kind?: string;
  status?: string;
  assignee?: number | 'me' | 'none';
  district?: string;
  priority?: number;
  dueBefore?: string;
  q?: string;
  sort?: 'priority' | 'due' | 'updated' | 'created';
  page?: number;
  pageSize?: number;
}

export type CaseRow = Record<string, unknown> & { id: number; status: string; assignee_id: number | string | null; assignee_name?: string | null };

const OPEN = `status NOT IN ('closed_confirmed','closed_dismissed')`;

/** `$n` for a district scope (null = every district) appended to `params`. */
function scoped(district: string | null, params: unknown[]): string {
  if (district === null) return 'true';
  params.push(district);
  return `c.district = $${params.length}`;
}

/**
 * Cases and their drafts (tables cases, case_drafts; the events are CaseEventLog's). Reads take the reader's
 * district (null = every district); writes take the transaction they belong to.
 */
@Injectable()
export class CasesRepository {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  transaction<T>(fn: (m: Tx) => Promise<T>): Promise<T> {
    return this.ds.transaction(fn);
  }

  /** A page of cases, and per status the count in scope and the count matching the filter (one pass). */
  async list(f: CaseListFilter, district: string | null, userId: number) {
    const params: unknown[] = [];
    const where = [scoped(district, params)];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (f.kind) add('c.kind = ?', f.kind);
    if (f.status === 'open') where.push(OPEN.replaceAll('status', 'c.status'));
    else if (f.status) add('c.status = ?', f.status);
    if (f.assignee === 'me') add('c.assignee_id = ?', userId);
    else if (f.assignee === 'none') where.push('c.assignee_id IS NULL');
    else if (typeof f.assignee === 'number') add('c.assignee_id = ?', f.assignee);
    if (f.district) add('c.district = ?', f.district);
    if (f.priority) add('c.priority = ?', f.priority);
    if (f.dueBefore) add('c.due_at < ?::date', f.dueBefore);
    if (f.q) {
      // The search term is matched literally: % and _ in it are not wildcards.
      params.push(`%${likeLiteral(f.q)}%`);
      where.push(`(c.title ILIKE $${params.length} ESCAPE '\\' OR c.subject_id ILIKE $${params.length} ESCAPE '\\')`);
    }
    const w = where.join(' AND ');
    const order = {
      priority: 'c.priority ASC, c.due_at ASC NULLS LAST, c.id',
      due: 'c.due_at ASC NULLS LAST, c.priority, c.id',
      updated: 'c.updated_at DESC, c.id DESC',
      created: 'c.created_at DESC, c.id DESC',
    }[f.sort ?? 'priority'];
    const pageSize = Math.min(200, Math.max(1, f.pageSize ?? 50));
    const page = Math.max(1, f.page ?? 1);
    const counts: { status: string; n: number; matching: number }[] = await this.ds.query(
      `SELECT c.status, count(*)::int AS n, count(*) FILTER (WHERE ${w})::int AS matching
       FROM cases c WHERE ${where[0]} GROUP BY c.status`,
      params,
    );
    const items = await this.ds.query(
      `SELECT c.id, c.case_key, c.kind, c.subject_type, c.subject_id, c.title, c.district, c.priority, c.status,
              c.assignee_id, u.name AS assignee_name, c.due_at, c.outcome, c.detectors, c.version, c.created_at, c.updated_at,
              c.closed_at, (c.due_at < now() AND ${OPEN.replaceAll('status', 'c.status')}) AS overdue
       FROM cases c LEFT JOIN users u ON u.id = c.assignee_id WHERE ${w} ORDER BY ${order}
       LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    );
    return { counts, items, page, pageSize };
  }

  /** One case with its assignee's name, in scope; on the transaction's connection when `m` is given. */
  async get(id: number, district: string | null, m?: Tx): Promise<CaseRow | undefined> {
    const params: unknown[] = [id];
    const [c] = await (m ?? this.ds).query(
      `SELECT c.*, u.name AS assignee_name FROM cases c LEFT JOIN users u ON u.id = c.assignee_id
       WHERE c.id = $1 AND ${scoped(district, params)}`,
      params,
    );
    return c;
  }

  /** At most `limit` events of a case after event `afterId`, in order. */
  events(id: number, afterId: number, limit: number): Promise<Record<string, unknown>[]> {
    return this.ds.query(
      `SELECT id, at, actor_id, actor_name, action, from_status, to_status, note, details FROM case_events
       WHERE case_id = $1 AND id > $2 ORDER BY id LIMIT $3`,
      [id, afterId, limit],
    );
  }

  /** The claim itself: a conditional UPDATE, so exactly one of several claims at once gets the row back. */
  async claim(m: Tx, id: number, userId: number, district: string | null): Promise<boolean> {
    const params: unknown[] = [id, userId];
    const [rows] = (await m.query(
      `UPDATE cases c SET assignee_id = $2, status = 'assigned', version = version + 1, updated_at = now()
       WHERE c.id = $1 AND c.assignee_id IS NULL AND c.status IN ('new','triaged') AND ${scoped(district, params)}
       RETURNING c.id`,
      params,
    )) as [{ id: number }[], number];
    return rows.length > 0;
  }

  /** A case locked for the rest of the transaction, in scope. */
  async lock(m: Tx, id: number, district: string | null): Promise<CaseRow | undefined> {
    const params: unknown[] = [id];
    const [c] = await m.query(`SELECT c.* FROM cases c WHERE c.id = $1 AND ${scoped(district, params)} FOR UPDATE`, params);
    return c;
  }

  /** Whether a user may be assigned cases (an active inspector, supervisor or admin). */
  async assignable(m: Tx, userId: number): Promise<boolean> {
    const [u] = await m.query(`SELECT id FROM users WHERE id = $1 AND role IN ('inspector','supervisor','admin') AND disabled_at IS NULL`, [userId]);
    return !!u;
  }

  async setStatus(m: Tx, id: number, to: string, assignee: number | null, closing: boolean, outcome: string | null): Promise<void> {
    await m.query(
      `UPDATE cases SET status = $2, assignee_id = $3, outcome = CASE WHEN $4 THEN $5 ELSE outcome END,
         closed_at = CASE WHEN $4 THEN now() ELSE NULL END, version = version + 1, updated_at = now()
       WHERE id = $1`,
      [id, to, assignee, closing, outcome],
    );
  }

  async touch(m: Tx, id: number): Promise<void> {
    await m.query(`UPDATE cases SET updated_at = now() WHERE id = $1`, [id]);
  }

  // --- from detection runs to cases ---

  /** The flags of a run that case rules read. */
  async runFlags(runId: number): Promise<CaseFlag[]> {
    return (
      await this.ds.query(
        `SELECT detector, severity, score::float8 AS score, subject_type, subject_id, tender_code, bidder_uscc, explanation, evidence
         FROM flags WHERE run_id = $1 AND detector = ANY($2::text[])`,
        [runId, [...CASE_FLAG_DETECTORS]],
      )
    ).map((r: Record<string, unknown>) => ({
      detector: r.detector as string,
      severity: r.severity as CaseFlag['severity'],
      score: Number(r.score),
      subjectType: r.subject_type as string,
      subjectId: r.subject_id as string,
      tenderCode: (r.tender_code as string) ?? null,
      bidderUscc: (r.bidder_uscc as string)?.trim() ?? null,
      explanation: r.explanation as string,
      evidence: r.evidence as Record<string, unknown>,
    }));
  }

  async runRings(runId: number): Promise<CaseRing[]> {
    return (await this.ds.query(`SELECT id, ring_key, members, score::float8 AS score, explanation, evidence FROM rings WHERE run_id = $1`, [runId])).map(
      (r: Record<string, unknown>) => ({
        id: Number(r.id),
        key: r.ring_key as string,
        members: r.members as string[],
        tenders: ((r.evidence as { tenders?: string[] }).tenders ?? []) as string[],
        score: Number(r.score),
        explanation: r.explanation as string,
      }),
    );
  }

  async saveDrafts(runId: number, drafts: readonly CaseDraft[]): Promise<void> {
    for (let i = 0; i < drafts.length; i += 2_000) {
      const b = drafts.slice(i, i + 2_000);
      await this.ds.query(
        `INSERT INTO case_drafts (run_id, case_key, draft) SELECT $1, k, d::jsonb FROM unnest($2::text[], $3::text[]) AS x(k, d)
         ON CONFLICT DO NOTHING`,
        [runId, b.map((d) => d.key), b.map((d) => JSON.stringify(d))],
      );
    }
  }

  async draft(runId: number, caseKey: string): Promise<CaseDraft | null> {
    const [row] = await this.ds.query(`SELECT draft FROM case_drafts WHERE run_id = $1 AND case_key = $2`, [runId, caseKey]);
    return (row?.draft as CaseDraft) ?? null;
  }

  /** The case a draft would open or update, locked; undefined when there is none yet. */
  async lockByKey(m: Tx, caseKey: string): Promise<{ id: number; status: string; evidence_hash: string | null; priority: number; last_run_id: number | null; assignee_id: number | null } | undefined> {
    const [c] = await m.query(`SELECT id, status, evidence_hash, priority, last_run_id, assignee_id FROM cases WHERE case_key = $1 FOR UPDATE`, [caseKey]);
    return c;
  }

  /** Opens a case from a draft; undefined when another job opened it first. */
  async insert(m: Tx, d: CaseDraft, runId: number): Promise<{ id: number; due_at: Date } | undefined> {
    const [c] = await m.query(
      `INSERT INTO cases (case_key, kind, subject_type, subject_id, title, district, priority, status, due_at, evidence,
                          evidence_hash, detectors, last_run_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'new', now() + make_interval(days => $8), $9::jsonb, $10, $11::text[], $12)
       ON CONFLICT (case_key) DO NOTHING
       RETURNING id, due_at`,
      [d.key, d.kind, d.subjectType, d.subjectId, d.title, d.district, d.priority, d.dueInDays, JSON.stringify(d.evidence), d.evidenceHash, d.detectors, runId],
    );
    return c;
  }

  /**
   * The active users who see a case of `district` by the one read rule (readDistrict): the inspectors of that
   * district, the inspectors without a district (city-wide), and the supervisors. A case without a district is seen
   * by city-wide inspectors and supervisors only. Counted when asked, so people added after the case was routed count.
   */
  async audience(district: string | null, m?: Tx): Promise<CaseAudience> {
    const [row] = await (m ?? this.ds).query(
      `SELECT count(*) FILTER (WHERE role = 'inspector' AND district IS NOT NULL AND district = $1)::int AS district_inspectors,
              count(*) FILTER (WHERE role = 'inspector' AND district IS NULL)::int AS city_wide_inspectors,
              count(*) FILTER (WHERE role = 'supervisor')::int AS supervisors
       FROM users WHERE disabled_at IS NULL AND role IN ('inspector', 'supervisor')`,
      [district],
    );
    const districtInspectors = Number(row.district_inspectors);
    const cityWideInspectors = Number(row.city_wide_inspectors);
    return { district, districtInspectors, cityWideInspectors, inspectors: districtInspectors + cityWideInspectors, supervisors: Number(row.supervisors) };
  }

  async setLastRun(m: Tx, id: number, runId: number): Promise<void> {
    await m.query(`UPDATE cases SET last_run_id = $2 WHERE id = $1`, [id, runId]);
  }

  /** A closed case opened again on new evidence: triaged, due again, with the assignee the state machine leaves. */
  async reopen(m: Tx, id: number, d: CaseDraft, priority: number, runId: number, assignee: number | null): Promise<void> {
    await m.query(
      `UPDATE cases SET status = 'triaged', assignee_id = $8, closed_at = NULL, evidence = $2::jsonb, evidence_hash = $3, detectors = $4::text[],
         priority = $5, last_run_id = $6, due_at = now() + make_interval(days => $7), version = version + 1, updated_at = now()
       WHERE id = $1`,
      [id, JSON.stringify(d.evidence), d.evidenceHash, d.detectors, priority, runId, d.dueInDays, assignee],
    );
  }

  async updateEvidence(m: Tx, id: number, d: CaseDraft, priority: number, runId: number): Promise<void> {
    await m.query(
      `UPDATE cases SET evidence = $2::jsonb, evidence_hash = $3, detectors = $4::text[], priority = $5, last_run_id = $6,
         version = version + 1, updated_at = now() WHERE id = $1`,
      [id, JSON.stringify(d.evidence), d.evidenceHash, d.detectors, priority, runId],
    );
  }

  async lockForReminder(m: Tx, id: number): Promise<{ id: number; status: string; priority: number; due_at: Date; escalated_at: Date | null } | undefined> {
    const [c] = await m.query(`SELECT id, status, priority, due_at, escalated_at FROM cases WHERE id = $1 FOR UPDATE`, [id]);
    return c;
  }

  async escalate(m: Tx, id: number, priority: number): Promise<void> {
    await m.query(`UPDATE cases SET priority = $2, escalated_at = now(), version = version + 1, updated_at = now() WHERE id = $1`, [id, priority]);
  }

  /** Closed cases per detector: confirmed and dismissed. */
  precisionCounts(): Promise<{ d: string; confirmed: number; dismissed: number }[]> {
    return this.ds.query(
      `SELECT d, count(*) FILTER (WHERE status = 'closed_confirmed')::int AS confirmed,
              count(*) FILTER (WHERE status = 'closed_dismissed')::int AS dismissed
       FROM cases, unnest(detectors) AS d GROUP BY d ORDER BY d`,
    );
  }

  /** Cases a run touched, cases still open, and all cases. */
  async runCounts(runId: number): Promise<{ touched: number; open: number; total: number }> {
    const [r] = await this.ds.query(
      `SELECT count(*) FILTER (WHERE last_run_id = $1)::int AS touched,
              count(*) FILTER (WHERE status NOT IN ('closed_confirmed','closed_dismissed'))::int AS open,
              count(*)::int AS total
       FROM cases`,
      [runId],
    );
    return r;
  }

  /** Cases per kind, with the most urgent priority of each. */
  countsByKind(): Promise<{ kind: string; n: number; top: number }[]> {
    return this.ds.query(`SELECT kind, count(*)::int AS n, min(priority)::int AS top FROM cases GROUP BY kind ORDER BY kind`);
  }

  /**
   * What people did in this database, as opposed to what detection opened for them: events written by a person
   * (claims, transitions, notes) and users created. The demo never deletes such work without being asked.
   */
  async peoplesWork(): Promise<{ events: number; users: number }> {
    const [r] = await this.ds.query(
      `SELECT (SELECT count(*) FROM case_events WHERE actor_id IS NOT NULL)::int AS events, (SELECT count(*) FROM users)::int AS users`,
    );
    return r;
  }

  /** Closed cases as labels for `bidwatch evaluate --cases`. */
  closedForLabels(): Promise<Array<{ subject_type: string; subject_id: string; status: string; members: unknown; tenders: unknown }>> {
    return this.ds.query(
      `SELECT subject_type, subject_id, status, evidence->'ring'->'members' AS members, evidence->'ring'->'tenders' AS tenders
       FROM cases WHERE status IN ('closed_confirmed', 'closed_dismissed')`,
    );
  }
}
