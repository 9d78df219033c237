import type { INestApplicationContext, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { CliModule } from '../app/app.module.js';
import { CaseEventLog } from '../audit/case-events.repository.js';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig, type AppConfig } from '../config/config.js';
import { lockDataDir } from '../database/data-dir-lock.js';
import { JOB_QUEUE, type JobQueue } from '../queue/job-queue.js';

/**
 * What a CLI command needs: the configuration and, built on first use, the same providers the API and the workers
 * resolve (CliModule: CoreModule + ServicesModule + the job handlers, so inline jobs run in this process). The
 * database is opened (and migrated) then, and the command says first where the data lives.
 */
export class CliContext {
  private app: Promise<INestApplicationContext> | null = null;
  readonly config: AppConfig;

  constructor(config?: AppConfig) {
    this.config = config ?? loadConfig();
  }

  private context(): Promise<INestApplicationContext> {
    if (!this.app) {
      say(whereDataLives(this.config));
      // before Nest builds anything: a folder another process holds is refused with one plain message (exit 2)
      if (this.config.mode === 'embedded') {
        mkdirSync(this.config.dataDir, { recursive: true });
        lockDataDir(this.config.dataDir);
      }
      this.app = NestFactory.createApplicationContext(CliModule.forRoot(this.config), { logger: ['error', 'warn'], abortOnError: false });
    }
    return this.app;
  }

  /** A provider (service or repository) of this process. */
  async get<T>(token: Type<T> | symbol): Promise<T> {
    return (await this.context()).get(token as Type<T>, { strict: false });
  }

  async db(): Promise<DataSource> {
    return this.get(DataSource);
  }

  /** BullMQ when REDIS_URL is set (workers do the jobs), else inline in this process with the same handlers. */
  async queue(): Promise<JobQueue> {
    return this.get<JobQueue>(JOB_QUEUE);
  }

  /** The writer and verifier of the case-event chain, with this deployment's audit key. */
  async eventLog(): Promise<CaseEventLog> {
    return this.get(CaseEventLog);
  }

  async close(): Promise<void> {
    const app = this.app;
    this.app = null;
    if (app) await (await app).close();
  }
}

/** The first line a command that opens the database says: where the data it reads and writes lives. */
export function whereDataLives(config: Pick<AppConfig, 'mode' | 'dataDir' | 'databaseUrl'>): string {
  if (config.mode === 'service' && config.databaseUrl) {
    const u = new URL(config.databaseUrl);
    if (u.password) u.password = '***';
    return `数据 (data)：PostgreSQL ${u.toString()}`;
  }
  const chosen = !process.env.BIDWATCH_DATA_DIR && config.dataDir === resolve('.bidwatch') ? '（未设 BIDWATCH_DATA_DIR，使用当前目录下的 .bidwatch）(BIDWATCH_DATA_DIR not set: ./.bidwatch)' : '';
  return `数据 (data)：嵌入式 PostgreSQL，目录 ${config.dataDir}${chosen}`;
}

/** Exit statuses fixed by ../shared/spec/cli-and-api.md. */
export const EXIT = { ok: 0, usage: 2, nothingImported: 2, someRejected: 3 } as const;

/** stdout carries results (exactly one JSON document with --json); everything for people goes to stderr. */
export const out = (s: string): void => void process.stdout.write(s.endsWith('\n') ? s : s + '\n');
export const say = (s: string): void => void process.stderr.write(s.endsWith('\n') ? s : s + '\n');

export const fmt = (n: number): string => n.toLocaleString('en-US');
