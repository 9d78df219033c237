import { Logger } from '@nestjs/common';
import type { JobHandlers, JobName, JobOptions, JobPayloads, JobQueue } from './job-queue.js';

const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Embedded mode: jobs run in this process, one after another (PGlite has one session), after the caller returns.
 * A job id already waiting collapses a repeat, as BullMQ's jobId does. Delayed jobs wait on an unref'd timer, so
 * they run while a server lives and do not keep a CLI process alive.
 */
export class InlineJobQueue implements JobQueue {
  readonly mode = 'inline' as const;
  private tail: Promise<void> = Promise.resolve();
  private readonly waiting = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly log = new Logger('InlineJobQueue');

  constructor(private readonly handlers: JobHandlers) {}

  async add<N extends JobName>(name: N, data: JobPayloads[N], opts: JobOptions = {}): Promise<void> {
    const id = opts.jobId ?? opts.dedupeId;
    const key = id ? `${name}:${id}` : null;
    if (key && this.waiting.has(key)) return;
    if (key) this.waiting.add(key);
    const enqueue = () => {
      this.tail = this.tail.then(async () => {
        if (key) this.waiting.delete(key);
        try {
          await this.handlers.run(name, data);
        } catch (err) {
          this.log.error(`作业失败 job ${name} failed: ${(err as Error).message}`, (err as Error).stack);
        }
      });
    };
    if (opts.delayMs && opts.delayMs > 0) {
      this.after(opts.delayMs, enqueue);
    } else {
      enqueue();
    }
  }

  /** setTimeout holds at most 2^31 − 1 ms (24.8 days); longer delays are waited for in steps. */
  private after(ms: number, fn: () => void): void {
    const step = Math.min(ms, MAX_TIMER_MS);
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (ms > step) this.after(ms - step, fn);
      else fn();
    }, step);
    t.unref();
    this.timers.add(t);
  }

  drain(): Promise<void> {
    return this.tail;
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await this.tail;
  }
}
