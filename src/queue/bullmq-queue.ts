import { Logger } from '@nestjs/common';
import { Queue, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { JOB_NAMES, QUEUE_OF, type JobHandlers, type JobName, type JobOptions, type JobPayloads, type JobQueue } from './job-queue.js';
import { DEFAULT_JOB_TIMING } from '../config/config.js';

/** Retries with backoff; failed jobs are kept (visible, never silently lost); completed ones trimmed. */
const DEFAULT_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential' as const, delay: 5_000 },
  removeOnComplete: { count: 1_000 },
  removeOnFail: false,
};

export function redisConnection(url: string): Redis {
  // BullMQ workers block on Redis: maxRetriesPerRequest must be null.
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false });
}

/** A process could not start; the message says why, for a person (no stack trace). */
export class StartupError extends Error {}

/** The URL with any password replaced, fit for a message. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(invalid URL)';
  }
}

/**
 * Fails within `timeoutMs` when Redis does not answer, instead of letting ioredis retry for ever while the
 * process says it is waiting for jobs (issue 14). Only at start: once running, workers ride out a Redis restart.
 */
export async function assertRedisReachable(url: string, timeoutMs = 5_000): Promise<void> {
  const probe = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  let cause: Error | null = null;
  probe.on('error', (e: Error) => (cause ??= e));
  try {
    await probe.connect();
    if ((await probe.ping()) !== 'PONG') throw new Error('no PONG');
  } catch (err) {
    throw new StartupError(
      `无法连接 Redis（${redactUrl(url)}）：${(cause ?? (err as Error)).message}。请检查 REDIS_URL 与 Redis 服务 ` +
        `(cannot reach Redis at ${redactUrl(url)}: check REDIS_URL and that Redis is running)`,
    );
  } finally {
    probe.disconnect();
  }
}

export class BullJobQueue implements JobQueue {
  readonly mode = 'bullmq' as const;
  private readonly queues = new Map<string, Queue>();

  constructor(
    private readonly connection: Redis,
    private readonly prefix: string,
  ) {}

  private queue(name: JobName): Queue {
    const q = QUEUE_OF[name];
    let queue = this.queues.get(q);
    if (!queue) {
      queue = new Queue(q, { connection: this.connection as ConnectionOptions, prefix: this.prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
      this.queues.set(q, queue);
    }
    return queue;
  }

  async add<N extends JobName>(name: N, data: JobPayloads[N], opts: JobOptions = {}): Promise<void> {
    await this.queue(name).add(name, data, {
      ...(opts.jobId ? { jobId: `${name}-${opts.jobId}` } : {}),
      ...(opts.dedupeId
        ? {
            // The key lapses before the job starts, so a repeat that arrives while it runs queues a fresh job.
            deduplication: { id: `${name}-${opts.dedupeId}`, ttl: Math.max(100, (opts.debounceMs ?? 2_000) - 500), extend: true, replace: true },
            delay: opts.debounceMs ?? 2_000,
          }
        : {}),
      ...(opts.delayMs ? { delay: opts.delayMs } : {}),
    });
  }

  async ping(): Promise<boolean> {
    return (await this.connection.ping()) === 'PONG';
  }

  /** The BullMQ queue objects, for health checks and tests. */
  all(): Queue[] {
    return [...new Set(JOB_NAMES.map((n) => this.queue(n)))];
  }

  async drain(): Promise<void> {}

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    await this.connection.quit().catch(() => undefined);
  }
}

/** The worker side: one BullMQ Worker per queue, dispatching each job by name to the registered handler. */
export class BullWorkers {
  private readonly workers: Worker[] = [];
  private readonly connections: Redis[] = [];
  private readonly log = new Logger('BullWorkers');

  constructor(
    private readonly url: string,
    private readonly prefix: string,
    private readonly handlers: JobHandlers,
    private readonly timing: { lockMs: number; stalledMs: number } = DEFAULT_JOB_TIMING,
  ) {}

  start(concurrency: Partial<Record<string, number>> = {}): void {
    for (const q of new Set(Object.values(QUEUE_OF))) {
      const connection = redisConnection(this.url);
      this.connections.push(connection);
      const w = new Worker(
        q,
        async (job: Job) => {
          await this.handlers.run(job.name as JobName, job.data);
        },
        {
          connection: connection as ConnectionOptions,
          prefix: this.prefix,
          // imports and detection run one at a time: each reads the whole picture the previous one left
          concurrency: concurrency[q] ?? (q === 'imports' || q === 'detection' ? 1 : 2),
          // A job whose worker died (kill -9) is picked up again once its lock lapses.
          lockDuration: this.timing.lockMs,
          stalledInterval: this.timing.stalledMs,
          maxStalledCount: 2,
        },
      );
      w.on('failed', (job, err) => this.log.error(`作业失败 job ${job?.name}#${job?.id} failed (attempt ${job?.attemptsMade}): ${err.message}`));
      w.on('error', (err) => this.log.error(`队列错误 worker error: ${err.message}`));
      this.workers.push(w);
    }
  }

  /** Resolves once every worker's connection is up. */
  async ready(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.waitUntilReady()));
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all(this.connections.map((c) => c.quit().catch(() => undefined)));
  }
}
