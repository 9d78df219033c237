import type { DataSource } from 'typeorm';
import type { CaseEventLog } from '../audit/case-events.repository.js';
import type { JobQueue } from '../queue/job-queue.js';
import { draftCases, type CaseDraft, type CaseFlag, type CaseRing, type CaseTender } from './case-rules.js';
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
export class CaseSyncService {
  constructor(
    private readonly ds: DataSource,
    private readonly queue: JobQueue,
    /** Needed to apply drafts and send reminders (they write case events); planning a run needs none. */
    private readonly log?: CaseEventLog,
  ) {}

  async planRun(runId: number): Promise<number> {
    const flags: CaseFlag[] = (
      await this.ds.query(
        `SELECT detector, severity, score::float8 AS score, subject_type, subject_id, tender_code, bidder_uscc, explanation, evidence
         FROM flags WHERE run_id = $1 AND detector IN ('ALB','PERF','SITE','A40','COBID','SCREENS','AVGSHAPE','IDENT','REGDIFF')`,
        [runId],
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
    const rings: CaseRing[] = (
      await this.ds.query(`SELECT id, ring_key, members, score::float8 AS score, explanation, evidence FROM rings WHERE run_id = $1`, [runId])
    ).map((r: Record<string, unknown>) => ({
      id: Number(r.id),
      key: r.ring_key as string,
      members: r.members as string[],
      tenders: ((r.evidence as { tenders?: string[] }).tenders ?? []) as string[],
      score: Number(r.score),
      explanation: r.explanation as string,
    }));
    const codes = [...new Set([...flags.map((f) => f.tenderCode), ...rings.flatMap((r) => r.tenders)].filter((c): c is string => !!c))];
    const tenders = new Map<string, CaseTender>();
    for (let i = 0; i < codes.length; i += 10_000) {
      const rows = await this.ds.query(
        `SELECT t.code, t.district, t.project_name, f.uscc FROM tenders t LEFT JOIN firms f ON f.id = t.winner_firm_id
         WHERE t.code = ANY($1::text[])`,
        [codes.slice(i, i + 10_000)],
      );
      for (const r of rows) tenders.set(r.code, { district: r.district, projectName: r.project_name, winnerUscc: r.uscc });
    }
    const drafts = draftCases(flags, rings, tenders);
    for (let i = 0; i < drafts.length; i += 2_000) {
      const b = drafts.slice(i, i + 2_000);
      await this.ds.query(
        `INSERT INTO case_drafts (run_id, case_key, draft) SELECT $1, k, d::jsonb FROM unnest($2::text[], $3::text[]) AS x(k, d)
         ON CONFLICT DO NOTHING`,
        [runId, b.map((d) => d.key), b.map((d) => JSON.stringify(d))],
      );
    }
    for (const d of drafts) await this.queue.add('case', { caseKey: d.key, runId }, { jobId: jobSafe(`${d.key}@${runId}`) });
    return drafts.length;
  }

  /** Applies one draft. Returns what happened, for tests and logs. */
  async applyDraft(caseKey: string, runId: number): Promise<'opened' | 'updated' | 'reopened' | 'unchanged' | 'missing'> {
    const [row] = await this.ds.query(`SELECT draft FROM case_drafts WHERE run_id = $1 AND case_key = $2`, [runId, caseKey]);
    if (!row) return 'missing';
    const d = row.draft as CaseDraft;
    const testDelay = Number(process.env.BIDWATCH_TEST_CASE_DELAY_MS ?? 0);
    if (testDelay > 0) await new Promise((r) => setTimeout(r, testDelay));

    let scheduled: { id: number; due: Date } | null = null;
    const result = await this.ds.transaction(async (m) => {
      const [existing] = await m.query(`SELECT id, status, evidence_hash, priority, last_run_id, assignee_id FROM cases WHERE case_key = $1 FOR UPDATE`, [caseKey]);
      if (!existing) {
        const [c] = await m.query(
          `INSERT INTO cases (case_key, kind, subject_type, subject_id, title, district, priority, status, due_at, evidence,
                              evidence_hash, detectors, last_run_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 'new', now() + make_interval(days => $8), $9::jsonb, $10, $11::text[], $12)
           ON CONFLICT (case_key) DO NOTHING
           RETURNING id, due_at`,
          [d.key, d.kind, d.subjectType, d.subjectId, d.title, d.district, d.priority, d.dueInDays, JSON.stringify(d.evidence), d.evidenceHash, d.detectors, runId],
        );
        if (!c) return 'unchanged' as const;
        await this.event(m, c.id, 'opened', null, 'new', `检测运行 #${runId} 发现：${d.evidence.summary.slice(0, 300)}`, { runId, priority: d.priority });
        const [{ n }] = await m.query(
          `SELECT count(*)::int AS n FROM users WHERE role = 'inspector' AND disabled_at IS NULL AND (district IS NULL OR district = $1)`,
          [d.district],
        );
        await this.event(m, c.id, 'routed', null, null, `分派至${d.district ?? '全市'}检查组（${n} 名检查员可见）(routed by district)`, { district: d.district, inspectors: n });
        scheduled = { id: c.id, due: new Date(c.due_at) };
        return 'opened' as const;
      }
      // Jobs of an older run can still be queued behind a newer run's: they never overwrite newer evidence.
      if (existing.last_run_id !== null && Number(existing.last_run_id) > runId) return 'unchanged' as const;
      if (existing.evidence_hash === d.evidenceHash) {
        if (Number(existing.last_run_id) !== runId) await m.query(`UPDATE cases SET last_run_id = $2 WHERE id = $1`, [existing.id, runId]);
        return 'unchanged' as const;
      }
      const status = existing.status as CaseStatus;
      const priority = Math.min(Number(existing.priority), d.priority);
      if (isClosed(status)) {
        await m.query(
          `UPDATE cases SET status = 'triaged', assignee_id = $8, closed_at = NULL, evidence = $2::jsonb, evidence_hash = $3, detectors = $4::text[],
             priority = $5, last_run_id = $6, due_at = now() + make_interval(days => $7), version = version + 1, updated_at = now()
           WHERE id = $1`,
          [existing.id, JSON.stringify(d.evidence), d.evidenceHash, d.detectors, priority, runId, d.dueInDays,
            assigneeAfter(status, 'triaged', existing.assignee_id)],
        );
        await this.event(m, existing.id, 'reopened', status, 'triaged', `因出现新证据重新打开（检测运行 #${runId}）(reopened: new evidence)`, { runId });
        return 'reopened' as const;
      }
      await m.query(
        `UPDATE cases SET evidence = $2::jsonb, evidence_hash = $3, detectors = $4::text[], priority = $5, last_run_id = $6,
           version = version + 1, updated_at = now() WHERE id = $1`,
        [existing.id, JSON.stringify(d.evidence), d.evidenceHash, d.detectors, priority, runId],
      );
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
    await this.ds.transaction(async (m) => {
      const [c] = await m.query(`SELECT id, status, priority, due_at, escalated_at FROM cases WHERE id = $1 FOR UPDATE`, [caseId]);
      if (!c || isClosed(c.status)) return;
      if (kind === 'reminder') {
        await this.event(m, caseId, 'reminder', null, null, `提醒：案件将于 ${new Date(c.due_at).toISOString().slice(0, 10)} 到期 (due soon)`, {});
        return;
      }
      if (new Date(c.due_at).getTime() > Date.now() || c.escalated_at) return;
      const p = Math.max(1, Number(c.priority) - 1);
      await m.query(`UPDATE cases SET priority = $2, escalated_at = now(), version = version + 1, updated_at = now() WHERE id = $1`, [caseId, p]);
      await this.event(m, caseId, 'escalated', null, null, `已逾期，优先级由 ${c.priority} 升为 ${p}，请科室负责人督办 (overdue: escalated)`, { from: c.priority, to: p });
    });
  }

  private async event(
    m: { query: (sql: string, p?: unknown[]) => Promise<unknown> },
    caseId: number,
    action: string,
    from: string | null,
    to: string | null,
    note: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    if (!this.log) throw new Error('CaseSyncService: writing case events needs the CaseEventLog (the audit key)');
    await this.log.append(m, { caseId, actorId: null, actorName: SYSTEM, action, from, to, note, details });
  }

  /** confirmed / (confirmed + dismissed) per detector, from closed cases. */
  async precision(): Promise<Record<string, { confirmed: number; dismissed: number; precision: number | null }>> {
    const rows = await this.ds.query(
      `SELECT d, count(*) FILTER (WHERE status = 'closed_confirmed')::int AS confirmed,
              count(*) FILTER (WHERE status = 'closed_dismissed')::int AS dismissed
       FROM cases, unnest(detectors) AS d GROUP BY d ORDER BY d`,
    );
    const out: Record<string, { confirmed: number; dismissed: number; precision: number | null }> = {};
    for (const r of rows) {
      const total = r.confirmed + r.dismissed;
      out[r.d] = { confirmed: r.confirmed, dismissed: r.dismissed, precision: total ? r.confirmed / total : null };
    }
    return out;
  }
}
