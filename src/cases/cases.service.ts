import { Inject, Injectable, Logger } from '@nestjs/common';
import { CaseEventLog } from '../audit/case-events.repository.js';
import { readDistrict, type AuthUser } from '../auth/roles.js';
import { assigneeAfter, checkTransition, type CaseStatus } from './case-state.js';
import { CasesRepository, type CaseListFilter, type Tx } from './cases.repository.js';

export type { CaseListFilter };

export class CaseError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}


/**
 * Who may change a case or write in its file: anyone in scope while nobody holds it, then only its assignee —
 * and supervisors (and admins) always. A note is part of the case file an assignee answers for, so another
 * inspector's note on a claimed case is refused like a transition (403); they can ask the assignee or a supervisor.
 */
export function mayWrite(user: AuthUser, assigneeId: number | string | null): boolean {
  if (user.role === 'supervisor' || user.role === 'admin') return true;
  return assigneeId === null || Number(assigneeId) === Number(user.id);
}

const caseLog = new Logger('Cases');

/** The `case.transition` event, written once the change is committed (a refused or rolled-back one is not). */
function logTransition(caseId: number, user: AuthUser, action: string, from: string | null, to: string) {
  caseLog.log({ event: 'case.transition', caseId, action, from, to, user: { id: user.id, name: user.name }, msg: `案件 #${caseId}：${from ?? '—'} → ${to}` });
}

/**
 * The inspectors' case table: reads scoped by role and district, claims that exactly one inspector wins, transitions
 * through the pure state machine, notes. Every change writes a case_events row in the same transaction.
 */
@Injectable()
export class CasesService {
  constructor(
    @Inject(CasesRepository) private readonly repo: CasesRepository,
    @Inject(CaseEventLog) private readonly log: CaseEventLog,
  ) {}

  async list(user: AuthUser, f: CaseListFilter) {
    const { counts, items, page, pageSize } = await this.repo.list(f, readDistrict(user), user.id);
    return {
      total: counts.reduce((sum, r) => sum + r.matching, 0),
      page,
      pageSize,
      items,
      countsByStatus: Object.fromEntries(counts.map((r) => [r.status, r.n])),
    };
  }

  async get(user: AuthUser, id: number) {
    const c = await this.repo.get(id, readDistrict(user));
    if (!c) throw notFound(id);
    return c;
  }

  /** Who sees this case now (the routing event records who could when it was opened). */
  async audience(user: AuthUser, id: number) {
    const c = await this.get(user, id);
    return this.repo.audience(typeof c.district === 'string' ? c.district : null);
  }

  /** A case's audit trail in order, at most `limit` events after event `afterId` (every list route is bounded). */
  async events(user: AuthUser, id: number, opts: { afterId?: number; limit?: number } = {}) {
    await this.get(user, id);
    return this.repo.events(id, opts.afterId ?? 0, opts.limit ?? 1_000);
  }

  /** Claim: exactly one of several inspectors claiming at once wins (a conditional UPDATE is the lock). */
  async claim(user: AuthUser, id: number) {
    const district = readDistrict(user);
    const claimed = await this.repo.transaction(async (m) => {
      if (!(await this.repo.claim(m, id, user.id, district))) {
        // Read through this transaction's own connection: asking the pool for a second one while holding this one
        // deadlocked the API once as many claims as pool connections raced for one case (issue 14).
        const current = await this.repo.get(id, district, m);
        if (!current) throw notFound(id);
        throw new CaseError(409, 'already_claimed', current.assignee_id
          ? `案件已由 ${current.assignee_name ?? '他人'} 认领 (already claimed)`
          : `案件状态为 ${current.status}，不能认领 (cannot claim in this status)`);
      }
      await this.event(m, id, user, 'claimed', null, 'assigned', `${user.name} 认领了案件 (claimed)`, {});
      return this.repo.get(id, null, m);
    });
    logTransition(id, user, 'claimed', null, 'assigned');
    return claimed;
  }

  async transition(user: AuthUser, id: number, body: { to: CaseStatus; note?: string; outcome?: string; assignee?: number }) {
    let from: string | null = null;
    const after = await this.repo.transaction(async (m) => {
      const c = await this.repo.lock(m, id, readDistrict(user));
      if (!c) throw notFound(id);
      const supervisor = user.role === 'supervisor' || user.role === 'admin';
      if (!mayWrite(user, c.assignee_id)) {
        throw new CaseError(403, 'not_assignee', '只有承办人或科室负责人可以变更此案件 (only the assignee or a supervisor)');
      }
      const current: number | null = c.assignee_id === null ? null : Number(c.assignee_id);
      let assignee = assigneeAfter(c.status as CaseStatus, body.to, current);
      if (body.to === 'assigned' && body.assignee !== undefined) {
        if (!supervisor && body.assignee !== user.id) throw new CaseError(403, 'forbidden', '只有科室负责人可以指派他人 (only supervisors assign others)');
        if (!(await this.repo.assignable(m, body.assignee))) throw new CaseError(400, 'bad_assignee', `用户 ${body.assignee} 不是可承办案件的检查员 (not an inspector)`);
        assignee = body.assignee;
      } else if (body.to === 'assigned' && assignee === null) {
        assignee = user.id;
      }
      const check = checkTransition(c.status as CaseStatus, body.to, { note: body.note, hasAssignee: assignee !== null });
      if (!check.ok) {
        const msg = {
          not_allowed: `不能从“${c.status}”变更为“${body.to}” (transition not allowed)`,
          note_required: '结案或重新打开必须填写说明 (a note is required to close or reopen)',
          assignee_required: '需要先指派承办人 (assign someone first)',
        }[check.reason];
        throw new CaseError(check.reason === 'not_allowed' ? 409 : 400, check.reason, msg);
      }
      from = c.status;
      const closing = body.to === 'closed_confirmed' || body.to === 'closed_dismissed';
      await this.repo.setStatus(m, id, body.to, assignee, closing, body.outcome ?? (body.to === 'closed_confirmed' ? '属实' : body.to === 'closed_dismissed' ? '排除' : null));
      await this.event(m, id, user, check.reopen ? 'reopened' : 'transition', c.status, body.to, body.note ?? null, {
        ...(body.outcome ? { outcome: body.outcome } : {}),
        ...(assignee !== current ? { assignee } : {}),
      });
      return this.repo.get(id, null, m);
    });
    logTransition(id, user, 'transition', from, body.to);
    return after;
  }

  async note(user: AuthUser, id: number, text: string) {
    return this.repo.transaction(async (m) => {
      const c = await this.repo.lock(m, id, readDistrict(user));
      if (!c) throw notFound(id);
      if (!mayWrite(user, c.assignee_id)) {
        throw new CaseError(403, 'not_assignee', '本案已由他人认领：只有承办人或科室负责人可以添加备注 (only the assignee or a supervisor may note a claimed case)');
      }
      await this.repo.touch(m, id);
      return this.log.append(m, { caseId: id, actorId: user.id, actorName: user.name, action: 'note', note: text });
    });
  }

  private async event(m: Tx, caseId: number, user: AuthUser, action: string, from: string | null, to: string | null, note: string | null, details: Record<string, unknown>) {
    await this.log.append(m, { caseId, actorId: user.id, actorName: user.name, action, from, to, note, details });
  }

  /** Whether this case's audit trail is intact (the caller may read the case). */
  async verifyTrail(user: AuthUser, id: number) {
    await this.get(user, id);
    return this.log.verifyCase(id);
  }
}

const notFound = (id: number) => new CaseError(404, 'not_found', `案件 ${id} 不存在或不在您的辖区 (no such case in your scope)`);
