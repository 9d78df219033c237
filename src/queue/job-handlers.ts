import type { DataSource } from 'typeorm';
import type { CaseEventLog } from '../audit/case-events.repository.js';
import { CaseSyncService } from '../cases/case-sync.service.js';
import { DetectionService } from '../detection/detection.service.js';
import type { ImportService } from '../imports/import.service.js';
import type { JobHandlers, JobQueue } from './job-queue.js';

/**
 * What each job does, registered once per process (API in inline mode, worker, CLI):
 * import → detect (collapsed) → one `case` job per case → delayed reminders/escalations.
 */
export function registerJobHandlers(handlers: JobHandlers, deps: { ds: DataSource; queue: JobQueue; imports: ImportService; events: CaseEventLog }): void {
  const cases = new CaseSyncService(deps.ds, deps.queue, deps.events);
  const detection = new DetectionService(deps.ds);
  handlers.register('import', async ({ importId }) => {
    await deps.imports.runQueued(importId);
    const [run] = await deps.ds.query(`SELECT status, accepted FROM import_runs WHERE id = $1`, [importId]);
    if (run?.status === 'succeeded' && run.accepted > 0) {
      await deps.queue.add('detect', { reason: `import ${importId}` }, { dedupeId: 'after-import', debounceMs: 2_000 });
    }
  });
  handlers.register('detect', async ({ years }) => {
    const summary = await detection.run({ years });
    await cases.planRun(summary.runId);
  });
  handlers.register('case', async ({ caseKey, runId }) => {
    await cases.applyDraft(caseKey, runId);
  });
  handlers.register('case-reminder', async ({ caseId, kind }) => {
    await cases.remind(caseId, kind);
  });
}
