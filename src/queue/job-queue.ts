/**
 * Jobs carry ids, never rows (DESIGN.md). The same handlers run in a BullMQ worker (service mode) or inline in the
 * calling process (embedded mode, no REDIS_URL).
 */
export const JOB_QUEUE = Symbol('JOB_QUEUE');

export const JOB_NAMES = ['import', 'detect', 'case', 'case-reminder'] as const;
export type JobName = (typeof JOB_NAMES)[number];

export interface JobPayloads {
  import: { importId: number };
  detect: { reason: string; years?: number[] };
  case: { caseKey: string; runId: number };
  'case-reminder': { caseId: number; kind: 'reminder' | 'escalation' };
}

export interface JobOptions {
  /** The job's identity: a second add with the same id is ignored while the first is kept. */
  jobId?: string;
  /**
   * Debounces repeats: the job waits `debounceMs` and a repeat within that time replaces it, so ten imports in a
   * row give one detection. Once the job has started, a repeat queues a new one (the running job may have read the
   * data before the latest import committed).
   */
  dedupeId?: string;
  debounceMs?: number;
  delayMs?: number;
}

export interface JobQueue {
  readonly mode: 'bullmq' | 'inline';
  add<N extends JobName>(name: N, data: JobPayloads[N], opts?: JobOptions): Promise<void>;
  /** Resolves when every job added so far (inline) has finished; a no-op for BullMQ. */
  drain(): Promise<void>;
  close(): Promise<void>;
}

export type JobHandler<N extends JobName> = (data: JobPayloads[N]) => Promise<void>;

/** Where modules register what each job does; both queue implementations dispatch through it. */
export class JobHandlers {
  private readonly handlers = new Map<JobName, JobHandler<JobName>>();

  /** `observe` hears of every job run here, for the job metrics; both queue kinds dispatch through `run`. */
  constructor(private readonly observe?: (job: JobName, ok: boolean, seconds: number) => void) {}

  register<N extends JobName>(name: N, handler: JobHandler<N>): void {
    this.handlers.set(name, handler as unknown as JobHandler<JobName>);
  }

  async run<N extends JobName>(name: N, data: JobPayloads[N]): Promise<void> {
    const h = this.handlers.get(name);
    if (!h) throw new Error(`no handler registered for job "${name}"`);
    const started = performance.now();
    let ok = false;
    try {
      await h(data);
      ok = true;
    } finally {
      this.observe?.(name, ok, (performance.now() - started) / 1000);
    }
  }

  has(name: JobName): boolean {
    return this.handlers.has(name);
  }
}

/** BullMQ queue per job family: a long import never sits in front of a case update. */
export const QUEUE_OF: Record<JobName, string> = {
  import: 'imports',
  detect: 'detection',
  case: 'cases',
  'case-reminder': 'cases',
};
