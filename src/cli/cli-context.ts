import type { DataSource } from 'typeorm';
import { CaseEventLog } from '../audit/case-events.repository.js';
import { loadConfig, type AppConfig } from '../config/config.js';
import { openDataSource } from '../database/data-source.js';
import { closePglite } from '../database/pglite-pool.js';
import { ImportService } from '../imports/import.service.js';
import { BullJobQueue, redisConnection } from '../queue/bullmq-queue.js';
import { InlineJobQueue } from '../queue/inline-queue.js';
import { registerJobHandlers } from '../queue/job-handlers.js';
import { JobHandlers, type JobQueue } from '../queue/job-queue.js';

/** What a CLI command needs: the configuration and, opened on first use (and migrated), the database. */
export class CliContext {
  private ds: DataSource | null = null;
  private jobs: JobQueue | null = null;
  readonly config: AppConfig;

  constructor(config?: AppConfig) {
    this.config = config ?? loadConfig();
  }

  /** The writer and verifier of the case-event chain, with this deployment's audit key. */
  eventLog(): CaseEventLog {
    return new CaseEventLog(this.config.auditKey);
  }

  async db(): Promise<DataSource> {
    if (!this.ds) {
      say(whereDataLives(this.config));
      this.ds = await openDataSource(this.config, { migrate: true, limits: this.config.database, user: 'jobs' });
    }
    return this.ds;
  }

  /** BullMQ when REDIS_URL is set (workers do the jobs), else inline in this process with the same handlers. */
  async queue(): Promise<JobQueue> {
    if (this.jobs) return this.jobs;
    const ds = await this.db();
    const handlers = new JobHandlers();
    this.jobs = this.config.redisUrl
      ? new BullJobQueue(redisConnection(this.config.redisUrl), this.config.queuePrefix)
      : new InlineJobQueue(handlers);
    registerJobHandlers(handlers, { ds, queue: this.jobs, imports: new ImportService(ds, this.config), events: this.eventLog() });
    return this.jobs;
  }

  async close(): Promise<void> {
    if (this.jobs) await this.jobs.close();
    this.jobs = null;
    if (this.ds?.isInitialized) await this.ds.destroy();
    this.ds = null;
    if (this.config.mode === 'embedded') await closePglite();
  }
}

/** The first line a command that opens the database says: where the data it reads and writes lives. */
export function whereDataLives(config: Pick<AppConfig, 'mode' | 'dataDir' | 'databaseUrl'>): string {
  if (config.mode === 'service' && config.databaseUrl) {
    const u = new URL(config.databaseUrl);
    if (u.password) u.password = '***';
    return `数据 (data)：PostgreSQL ${u.toString()}`;
  }
  const chosen = process.env.BIDWATCH_DATA_DIR ? '' : '（未设 BIDWATCH_DATA_DIR，使用当前目录下的 .bidwatch）(BIDWATCH_DATA_DIR not set: ./.bidwatch)';
  return `数据 (data)：嵌入式 PostgreSQL，目录 ${config.dataDir}${chosen}`;
}

/** Exit statuses fixed by ../shared/spec/cli-and-api.md. */
export const EXIT = { ok: 0, usage: 2, nothingImported: 2, someRejected: 3 } as const;

/** stdout carries results (exactly one JSON document with --json); everything for people goes to stderr. */
export const out = (s: string): void => void process.stdout.write(s.endsWith('\n') ? s : s + '\n');
export const say = (s: string): void => void process.stderr.write(s.endsWith('\n') ? s : s + '\n');

export const fmt = (n: number): string => n.toLocaleString('en-US');
