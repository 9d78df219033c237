import { randomBytes } from 'node:crypto';

import { mkdtempSync } from 'node:fs';

import { tmpdir } from 'node:os';

import { join } from 'node:path';

import type { INestApplication } from '@nestjs/common';

import { QueueEvents, Job } from 'bullmq';

import { createApp } from '../../src/app/create-app.js';

import type { Role } from '../../src/auth/roles.js';

import { DEFAULT_DATABASE_LIMITS, type AppConfig } from '../../src/config/config.js';

import { QUEUE_OF, type JobName } from '../../src/queue/job-queue.js';

import { runWorker } from '../../src/worker.js';

import { createTestDb, REDIS_URL, TEST_AUDIT_KEY, TEST_HASH_KEY, type TestDb } from './test-db.js';

import { usersService } from './services.js';


/** The API and (optionally) a BullMQ worker in this process, over a fresh database and a queue prefix of their own. */
export interface TestApp {
  db: TestDb;
  config: AppConfig;
  app: INestApplication;
  server: ReturnType<INestApplication['getHttpServer']>;
  keys: Record<string, string>;
  /** Listens on a real port (127.0.0.1) and returns the base URL, for tests that need many connections at once. */
  listen(): Promise<string>;
  waitForJob(name: JobName, jobId: string): Promise<void>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  worker?: boolean;
  users?: [string, Role, string?][];
  maxUploadBytes?: number;
  /** Anything else of the configuration (limits, rate limits, docs). */
  config?: Partial<AppConfig>;
  /** Where the API's log records go (info and up) instead of being silenced. */
  logDestination?: import('pino').DestinationStream;
}

export async function startTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const db = await createTestDb('api');
  const prefix = `bwtest-${randomBytes(4).toString('hex')}`;
  const config: AppConfig = {
    mode: 'service',
    databaseUrl: db.url,
    redisUrl: REDIS_URL,
    dataDir: mkdtempSync(join(tmpdir(), 'bidwatch-data-')),
    uploadDir: mkdtempSync(join(tmpdir(), 'bidwatch-uploads-')),
    hashKey: Buffer.from(TEST_HASH_KEY),
    port: 0,
    logFormat: 'text',
    queuePrefix: prefix,
    maxUploadBytes: opts.maxUploadBytes ?? 64 * 1024 * 1024,
    database: DEFAULT_DATABASE_LIMITS,
    rateLimits: { perUser: 100_000, authFailuresPerAddress: 100_000, healthPerAddress: 100_000 },
    publicDocs: false,
    auditKey: TEST_AUDIT_KEY,
    ...opts.config,
  };
  const app = await createApp(config, opts.logDestination ? { logDestination: opts.logDestination } : { quiet: true });
  await app.init();
  const stopWorker = opts.worker === false ? null : await runWorker(config, { quiet: true });
  const users = usersService(db.ds);
  const keys: Record<string, string> = {};
  for (const [name, role, district] of opts.users ?? [['importer', 'importer'], ['inspector', 'inspector'], ['admin', 'admin']]) {
    keys[name] = (await users.create(name, role, district ?? null)).apiKey;
  }
  const events = new Map<string, QueueEvents>();
  return {
    db,
    config,
    app,
    server: app.getHttpServer(),
    keys,
    async listen() {
      await app.listen(0, '127.0.0.1');
      const addr = app.getHttpServer().address() as { port: number };
      return `http://127.0.0.1:${addr.port}`;
    },
    async waitForJob(name, jobId) {
      const q = QUEUE_OF[name];
      let ev = events.get(q);
      if (!ev) {
        ev = new QueueEvents(q, { connection: { url: REDIS_URL }, prefix });
        await ev.waitUntilReady();
        events.set(q, ev);
      }
      const { Queue } = await import('bullmq');
      const queue = new Queue(q, { connection: { url: REDIS_URL }, prefix });
      try {
        const job = await Job.fromId(queue, `${name}-${jobId}`);
        if (!job) throw new Error(`no job ${name}-${jobId}`);
        if (!(await job.isCompleted())) await job.waitUntilFinished(ev, 60_000);
      } finally {
        await queue.close();
      }
    },
    async close() {
      for (const ev of events.values()) await ev.close();
      if (stopWorker) await stopWorker();
      await app.close();
      await db.drop();
    },
  };
}

/**
 * Resolves once no job is waiting or running in the app's queues (delayed reminders aside): each queue's
 * 'drained' event wakes the check, so nothing sleeps on a timer.
 */
export async function waitForIdle(prefix: string, timeoutMs = 120_000): Promise<void> {
  const { Queue, QueueEvents } = await import('bullmq');
  const names = [...new Set(Object.values(QUEUE_OF))];
  const queues = names.map((n) => new Queue(n, { connection: { url: REDIS_URL }, prefix }));
  const events = names.map((n) => new QueueEvents(n, { connection: { url: REDIS_URL }, prefix }));
  await Promise.all(events.map((e) => e.waitUntilReady()));
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      const counts = await Promise.all(queues.map((q) => q.getJobCounts('waiting', 'active', 'prioritized', 'waiting-children')));
      // Debounced detection waits as a delayed job; day-long reminders in the cases queue do not count.
      const debounced = (await queues[names.indexOf('detection')]!.getJobCounts('delayed')).delayed ?? 0;
      const busy = debounced + counts.reduce((s, c) => s + Object.values(c).reduce((a, b) => a + b, 0), 0);
      if (busy === 0) return;
      if (Date.now() > deadline) throw new Error(`queues still busy after ${timeoutMs} ms: ${JSON.stringify(counts)}`);
      await Promise.race([
        ...events.map((e) => new Promise((r) => e.once('drained', r))),
        ...events.map((e) => new Promise((r) => e.once('completed', r))),
        new Promise((r) => setTimeout(r, 1000).unref()),
      ]);
    }
  } finally {
    await Promise.all(events.map((e) => e.close()));
    await Promise.all(queues.map((q) => q.close()));
  }
}

/**
 * Resolves once the queues are idle and a detection has run over everything imported: its reading began after the
 * last import finished. Imports trigger detection through a debounced job, so "idle" alone can be a moment early.
 */
export async function waitForDetectionOfAllImports(t: Pick<TestApp, 'db' | 'config'>, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await waitForIdle(t.config.queuePrefix, Math.max(1_000, deadline - Date.now()));
    const [{ ok }] = await t.db.ds.query(
      `SELECT coalesce((SELECT max(started_at) FROM detection_runs WHERE status = 'succeeded')
                       >= (SELECT max(finished_at) FROM import_runs WHERE status = 'succeeded'), false) AS ok`,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error('no detection run covers the last import');
  }
}
