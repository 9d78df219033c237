import type { CaseSyncService } from '../cases/case-sync.service.js';
import type { DetectionService } from '../detection/detection.service.js';
import type { ImportService } from '../imports/import.service.js';
import type { JobHandlers, JobQueue } from './job-queue.js';

export interface JobServices {
  imports: ImportService;
  detection: DetectionService;
  cases: CaseSyncService;
  queue: JobQueue;
}

/**
 * What each job does, registered once per process (API in inline mode, worker, CLI), each a call into a service:
 * import → detect (collapsed) → one `case` job per case → delayed reminders/escalations.
 */
export function registerJobHandlers(handlers: JobHandlers, s: JobServices): void {
  handlers.register('import', async ({ importId }) => {
    const accepted = await s.imports.runQueued(importId);
    if (accepted > 0) await s.queue.add('detect', { reason: `import ${importId}` }, { dedupeId: 'after-import', debounceMs: 2_000 });
  });
  handlers.register('detect', async ({ years }) => {
    await s.cases.planRun((await s.detection.run({ years })).runId);
  });
  handlers.register('case', async ({ caseKey, runId }) => {
    await s.cases.applyDraft(caseKey, runId);
  });
  handlers.register('case-reminder', async ({ caseId, kind }) => {
    await s.cases.remind(caseId, kind);
  });
}
