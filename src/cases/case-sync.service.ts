import { Inject, Injectable, Optional } from '@nestjs/common';
import { CaseEventLog } from '../audit/case-events.repository.js';
import { JOB_QUEUE, type JobQueue } from '../queue/job-queue.js';
import { TendersRepository } from '../tenders/tenders.repository.js';
import { draftCases } from './case-rules.js';
import { CasesRepository, type CaseAudience, type Tx } from './cases.repository.js';
import { assigneeAfter, isClosed, type CaseStatus } from './case-state.js';

const SYSTEM = '系统 (system)';
const DAY = 86_400_000;
const REMINDER_BEFORE_DUE = 2 * DAY;

/** BullMQ job ids may not contain ':'. */
const jobSafe = (s: string) => s.replace(/:/g, '_');

/**
 * From a detection run to cases: plan (pure rules over the run's flags and rings → one draft per case key, stored
 * with the run, one `case` job each), then apply one draft per job (open, update, or reopen on new evidence),
 * routing by district and scheduling the due-date reminder and escalation as delayed jobs. Applying is idempotent:
 * a job retried after a crash finds the case already there and changes nothing twice.
 */
@Injectable()
export class CaseSyncService {
  constructor(
    @Inject(CasesRepository) private readonly cases: CasesRepository,
    @Inject(TendersRepository) private readonly tenders: TendersRepository,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    /** Needed to apply drafts and send reminders (they write case events); planning a run needs none. */
    @Optional() @Inject(CaseEventLog) private readonly log?: CaseEventLog,
  ) {}

  async planRun(runId: number): Promise<number> {
    const flags = await this.cases.runFlags(runId);
    const rings = await this.cases.runRings(runId);
    const codes = [...new Set([...flags.map((f) => f.tenderCode), ...rings.flatMap((r) => r.tenders)].filter((c): c is string => !!c))];
    const tenders = await this.tenders.caseContext(codes);
    const drafts = draftCases(flags, rings, tenders);
    await this.cases.saveDrafts(runId, drafts);
    for (const d of drafts) await this.queue.add('case', { caseKey: d.key, runId }, { jobId: jobSafe(`${d.key}@${runId}`) });
    return drafts.length;
  }

  /** Applies one draft. Returns what happened, for tests and logs. */
  async applyDraft(caseKey: string, runId: number): Promise<'opened' | 'updated' | 'reopened' | 'unchanged' | 'missing'> {
    const d = await this.cases.draft(runId, caseKey);
    if (!d) return 'missing';
    const testDelay = Number(process.env.BIDWATCH_TEST_CASE_DELAY_MS ?? 0);
    if (testDelay > 0) await new Promise((r) => setTimeout(r, testDelay));

    let scheduled: { id: number; due: Date } | null = null;
    const result = await this.cases.transaction(async (m) => {
      const existing = await this.cases.lockByKey(m, caseKey);
      if (!existing) {
        const c = await this.cases.insert(m, d, runId);
        if (!c) return 'unchanged' as const;
        await this.event(m, c.id, 'opened', null, 'new', `检测运行 #${runId} 发现：${d.evidence.summary.slice(0, 300)}`, { runId, priority: d.priority });
        const a = await this.cases.audience(d.district, m);
        await this.event(m, c.id, 'routed', null, null, routedNote(a), {
          district: d.district, inspectors: a.inspectors, districtInspectors: a.districtInspectors, cityWideInspectors: a.cityWideInspectors, supervisors: a.supervisors,
        });
        scheduled = { id: c.id, due: new Date(c.due_at) };
        return 'opened' as const;
      }
      // Jobs of an older run can still be queued behind a newer run's: they never overwrite newer evidence.
      if (existing.last_run_id !== null && Number(existing.last_run_id) > runId) return 'unchanged' as const;
      if (existing.evidence_hash === d.evidenceHash) {
        if (Number(existing.last_run_id) !== runId) await this.cases.setLastRun(m, existing.id, runId);
        return 'unchanged' as const;
      }
      const status = existing.status as CaseStatus;
      const priority = Math.min(Number(existing.priority), d.priority);
      if (isClosed(status)) {
        await this.cases.reopen(m, existing.id, d, priority, runId, assigneeAfter(status, 'triaged', existing.assignee_id));
        await this.event(m, existing.id, 'reopened', status, 'triaged', `因出现新证据重新打开（检测运行 #${runId}）(reopened: new evidence)`, { runId });
        return 'reopened' as const;
      }
      await this.cases.updateEvidence(m, existing.id, d, priority, runId);
      await this.event(m, existing.id, 'evidence_updated', null, null, `检测运行 #${runId} 更新了证据 (evidence updated)`, { runId });
      return 'updated' as const;
    });
    const s = scheduled as { id: number; due: Date } | null;
    if (s) await this.scheduleReminders(s.id, s.due);
    return result;
  }

  async scheduleReminders(caseId: number, due: Date): Promise<void> {
    const now = Date.now();
    const stamp = due.getTime();
    await this.queue.add('case-reminder', { caseId, kind: 'reminder' }, { jobId: `reminder-${caseId}-${stamp}`, delayMs: Math.max(0, stamp - REMINDER_BEFORE_DUE - now) });
    await this.queue.add('case-reminder', { caseId, kind: 'escalation' }, { jobId: `escalation-${caseId}-${stamp}`, delayMs: Math.max(0, stamp - now) });
  }

  /** A reminder before the due date; at the due date an open case is escalated one priority step. */
  async remind(caseId: number, kind: 'reminder' | 'escalation'): Promise<void> {
    await this.cases.transaction(async (m) => {
      const c = await this.cases.lockForReminder(m, caseId);
      if (!c || isClosed(c.status as CaseStatus)) return;
      if (kind === 'reminder') {
        await this.event(m, caseId, 'reminder', null, null, `提醒：案件将于 ${new Date(c.due_at).toISOString().slice(0, 10)} 到期 (due soon)`, {});
        return;
      }
      if (new Date(c.due_at).getTime() > Date.now() || c.escalated_at) return;
      const p = Math.max(1, Number(c.priority) - 1);
      await this.cases.escalate(m, caseId, p);
      await this.event(m, caseId, 'escalated', null, null, `已逾期，优先级由 ${c.priority} 升为 ${p}，请科室负责人督办 (overdue: escalated)`, { from: c.priority, to: p });
    });
  }

  private async event(m: Tx, caseId: number, action: string, from: string | null, to: string | null, note: string, details: Record<string, unknown>): Promise<void> {
    if (!this.log) throw new Error('CaseSyncService: writing case events needs the CaseEventLog (the audit key)');
    await this.log.append(m, { caseId, actorId: null, actorName: SYSTEM, action, from, to, note, details });
  }

  /** confirmed / (confirmed + dismissed) per detector, from closed cases. */
  async precision(): Promise<Record<string, { confirmed: number; dismissed: number; precision: number | null }>> {
    const out: Record<string, { confirmed: number; dismissed: number; precision: number | null }> = {};
    for (const r of await this.cases.precisionCounts()) {
      const total = r.confirmed + r.dismissed;
      out[r.d] = { confirmed: r.confirmed, dismissed: r.dismissed, precision: total ? r.confirmed / total : null };
    }
    return out;
  }
}

/** The routing line of the audit trail: who could see the case when it was opened, city-wide inspectors included. */
export function routedNote(a: CaseAudience): string {
  const scope = a.district === null ? `全市 ${a.cityWideInspectors} 名` : `本辖区 ${a.districtInspectors} 名、全市 ${a.cityWideInspectors} 名`;
  return `分派至${a.district ?? '全市'}检查组（立案时 ${a.inspectors} 名检查员可见：${scope}；另有 ${a.supervisors} 名科室负责人）(routed by district; inspectors who could see the case when it was opened)`;
}
