import type { DataSource, EntityManager } from 'typeorm';
import type { CaseEventLog } from '../audit/case-events.repository.js';
import { readDistrict, type AuthUser } from '../auth/roles.js';
import { likeLiteral } from '../common/http-params.js';
import { assigneeAfter, checkTransition, type CaseStatus } from './case-state.js';

export class CaseError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
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

const OPEN = `status NOT IN ('closed_confirmed','closed_dismissed')`;

/**
 * Who may change a case or write in its file: anyone in scope while nobody holds it, then only its assignee —
 * and supervisors (and admins) always. A note is part of the case file an assignee answers for, so another
 * inspector's note on a claimed case is refused like a transition (403); they can ask the assignee or a supervisor.
 */
export function mayWrite(user: AuthUser, assigneeId: number | string | null): boolean {
  if (user.role === 'supervisor' || user.role === 'admin') return true;
  return assigneeId === null || Number(assigneeId) === Number(user.id);
}

/**
 * The inspectors' case table: reads scoped by role and district, claims that exactly one inspector wins, transitions
 * through the pure state machine, notes. Every change writes a case_events row in the same transaction.
 */
export class CasesService {
  constructor(
    private readonly ds: DataSource,
    private readonly log: CaseEventLog,
  ) {}

  /** Inspectors with a district see that district's cases; everyone else with case access sees all. */
  private scope(user: AuthUser, params: unknown[]): string {
    const district = readDistrict(user);
    if (district === null) return 'true';
    params.push(district);
    return `c.district = $${params.length}`;
  }

  async list(user: AuthUser, f: CaseListFilter) {
    const params: unknown[] = [];
    const where = [this.scope(user, params)];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (f.kind) add('c.kind = ?', f.kind);
    if (f.status === 'open') where.push(OPEN.replaceAll('status', 'c.status'));
    else if (f.status) add('c.status = ?', f.status);
    if (f.assignee === 'me') add('c.assignee_id = ?', user.id);
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
    // One pass gives both the tabs' counts (per status, in scope) and the filtered total: two round trips a list.
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
    return {
      total: counts.reduce((sum, r) => sum + r.matching, 0),
      page,
      pageSize,
      items,
      countsByStatus: Object.fromEntries(counts.map((r) => [r.status, r.n])),
    };
  }

  async get(user: AuthUser, id: number) {
    const params: unknown[] = [id];
    const [c] = await this.ds.query(
      `SELECT c.*, u.name AS assignee_name FROM cases c LEFT JOIN users u ON u.id = c.assignee_id
       WHERE c.id = $1 AND ${this.scope(user, params)}`,
      params,
    );
    if (!c) throw new CaseError(404, 'not_found', `案件 ${id} 不存在或不在您的辖区 (no such case in your scope)`);
    return c;
  }

  /** A case's audit trail in order, at most `limit` events after event `afterId` (every list route is bounded). */
  async events(user: AuthUser, id: number, opts: { afterId?: number; limit?: number } = {}) {
    await this.get(user, id);
    return this.ds.query(
      `SELECT id, at, actor_id, actor_name, action, from_status, to_status, note, details FROM case_events
       WHERE case_id = $1 AND id > $2 ORDER BY id LIMIT $3`,
      [id, opts.afterId ?? 0, opts.limit ?? 1_000],
    );
  }

  /** Claim: exactly one of several inspectors claiming at once wins (a conditional UPDATE is the lock). */
  async claim(user: AuthUser, id: number) {
    return this.ds.transaction(async (m) => {
      const params: unknown[] = [id, user.id];
      // TypeORM returns [rows, affected] for an UPDATE: the rows tell whether this claim won.
      const [rows] = (await m.query(
        `UPDATE cases c SET assignee_id = $2, status = 'assigned', version = version + 1, updated_at = now()
         WHERE c.id = $1 AND c.assignee_id IS NULL AND c.status IN ('new','triaged') AND ${this.scope(user, params)}
         RETURNING c.id, c.status`,
        params,
      )) as [{ id: number; status: string }[], number];
      const c = rows[0];
      if (!c) {
        // Read through this transaction's own connection: asking the pool for a second one while holding this one
        // deadlocked the API once as many claims as pool connections raced for one case (issue 14).
        const current = await this.getIn(m, id, user);
        if (!current) throw new CaseError(404, 'not_found', `案件 ${id} 不存在或不在您的辖区 (no such case in your scope)`);
        throw new CaseError(409, 'already_claimed', current.assignee_id
          ? `案件已由 ${current.assignee_name ?? '他人'} 认领 (already claimed)`
          : `案件状态为 ${current.status}，不能认领 (cannot claim in this status)`);
      }
      await this.event(m, id, user, 'claimed', null, 'assigned', `${user.name} 认领了案件 (claimed)`, {});
      return this.getIn(m, id);
    });
  }

  async transition(user: AuthUser, id: number, body: { to: CaseStatus; note?: string; outcome?: string; assignee?: number }) {
    return this.ds.transaction(async (m) => {
      const params: unknown[] = [id];
      const [c] = await m.query(`SELECT c.* FROM cases c WHERE c.id = $1 AND ${this.scope(user, params)} FOR UPDATE`, params);
      if (!c) throw new CaseError(404, 'not_found', `案件 ${id} 不存在或不在您的辖区 (no such case in your scope)`);
      const supervisor = user.role === 'supervisor' || user.role === 'admin';
      if (!mayWrite(user, c.assignee_id)) {
        throw new CaseError(403, 'not_assignee', '只有承办人或科室负责人可以变更此案件 (only the assignee or a supervisor)');
      }
      const current: number | null = c.assignee_id === null ? null : Number(c.assignee_id);
      let assignee = assigneeAfter(c.status as CaseStatus, body.to, current);
      if (body.to === 'assigned' && body.assignee !== undefined) {
        if (!supervisor && body.assignee !== user.id) throw new CaseError(403, 'forbidden', '只有科室负责人可以指派他人 (only supervisors assign others)');
        const [u] = await m.query(`SELECT id FROM users WHERE id = $1 AND role IN ('inspector','supervisor','admin') AND disabled_at IS NULL`, [body.assignee]);
        if (!u) throw new CaseError(400, 'bad_assignee', `用户 ${body.assignee} 不是可承办案件的检查员 (not an inspector)`);
        assignee = body.assignee;
      } else if (body.to === 'assigned' && assignee === null) {
        assignee = user.id;
      }
      const check = checkTransition(c.status, body.to, { note: body.note, hasAssignee: assignee !== null });
      if (!check.ok) {
        const msg = {
          not_allowed: `不能从“${c.status}”变更为“${body.to}” (transition not allowed)`,
          note_required: '结案或重新打开必须填写说明 (a note is required to close or reopen)',
          assignee_required: '需要先指派承办人 (assign someone first)',
        }[check.reason];
        throw new CaseError(check.reason === 'not_allowed' ? 409 : 400, check.reason, msg);
      }
      const closing = body.to === 'closed_confirmed' || body.to === 'closed_dismissed';
      await m.query(
        `UPDATE cases SET status = $2, assignee_id = $3, outcome = CASE WHEN $4 THEN $5 ELSE outcome END,
           closed_at = CASE WHEN $4 THEN now() ELSE NULL END, version = version + 1, updated_at = now()
         WHERE id = $1`,
        [id, body.to, assignee, closing, body.outcome ?? (body.to === 'closed_confirmed' ? '属实' : body.to === 'closed_dismissed' ? '排除' : null)],
      );
      await this.event(m, id, user, check.reopen ? 'reopened' : 'transition', c.status, body.to, body.note ?? null, {
        ...(body.outcome ? { outcome: body.outcome } : {}),
        ...(assignee !== current ? { assignee } : {}),
      });
      return this.getIn(m, id);
    });
  }

  async note(user: AuthUser, id: number, text: string) {
    return this.ds.transaction(async (m) => {
      const params: unknown[] = [id];
      const [c] = await m.query(`SELECT c.id, c.assignee_id FROM cases c WHERE c.id = $1 AND ${this.scope(user, params)} FOR UPDATE`, params);
      if (!c) throw new CaseError(404, 'not_found', `案件 ${id} 不存在或不在您的辖区 (no such case in your scope)`);
      if (!mayWrite(user, c.assignee_id)) {
        throw new CaseError(403, 'not_assignee', '本案已由他人认领：只有承办人或科室负责人可以添加备注 (only the assignee or a supervisor may note a claimed case)');
      }
      await m.query(`UPDATE cases SET updated_at = now() WHERE id = $1`, [id]);
      return this.log.append(m, { caseId: id, actorId: user.id, actorName: user.name, action: 'note', note: text });
    });
  }

  /** One case read inside a transaction, on its connection; scoped to `user` when given. */
  private async getIn(m: EntityManager, id: number, user?: AuthUser) {
    const params: unknown[] = [id];
    const scope = user ? this.scope(user, params) : 'true';
    const [c] = await m.query(
      `SELECT c.*, u.name AS assignee_name FROM cases c LEFT JOIN users u ON u.id = c.assignee_id WHERE c.id = $1 AND ${scope}`,
      params,
    );
    return c;
  }

  private async event(m: EntityManager, caseId: number, user: AuthUser, action: string, from: string | null, to: string | null, note: string | null, details: Record<string, unknown>) {
    await this.log.append(m, { caseId, actorId: user.id, actorName: user.name, action, from, to, note, details });
  }

  /** Whether this case's audit trail is intact (the caller may read the case). */
  async verifyTrail(user: AuthUser, id: number) {
    await this.get(user, id);
    return this.log.verifyCase(this.ds, id);
  }
}
