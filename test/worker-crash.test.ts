import { spawn, type ChildProcess } from 'node:child_process';

import { randomBytes } from 'node:crypto';

import { existsSync, mkdtempSync } from 'node:fs';

import { tmpdir } from 'node:os';

import { join } from 'node:path';

import { Queue, QueueEvents } from 'bullmq';

import { writeSeedCity } from '../seeds/city.js';

import { BullJobQueue, redisConnection } from '../src/queue/bullmq-queue.js';

import { createTestDb, REDIS_URL, TEST_HASH_KEY, type TestDb } from './support/test-db.js';
import { waitForIdle } from './support/test-app.js';

import { importService, detectionService, caseSyncService } from './support/services.js';


const CLI = join(process.cwd(), 'bin', 'bidwatch.js');
const BUILT = join(process.cwd(), 'dist', 'src', 'cli.js');

let db: TestDb;
const prefix = `bwcrash-${randomBytes(4).toString('hex')}`;
let planned = 0;

function startWorker(extra: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [CLI, 'worker'], {
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      REDIS_URL,
      BIDWATCH_HASH_KEY: TEST_HASH_KEY,
      BIDWATCH_QUEUE_PREFIX: prefix,
      BIDWATCH_JOB_LOCK_MS: '3000',
      BIDWATCH_JOB_STALLED_MS: '1000',
      ...extra,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

beforeAll(async () => {
  if (!existsSync(BUILT)) throw new Error(`the built CLI is missing (${BUILT}): run npm run build (npm ci does it)`);
  db = await createTestDb('crash');
  const dir = mkdtempSync(join(tmpdir(), 'bidwatch-seed-'));
  await writeSeedCity(dir);
  const imports = importService(db.ds);
  for (const kind of ['bids', 'contracts', 'attendance'] as const) await imports.importFile({ path: join(dir, `${kind}.csv`), kind, format: 'csv' });
  const run = await detectionService(db.ds).run({});
  const queue = new BullJobQueue(redisConnection(REDIS_URL), prefix);
  try {
    planned = await caseSyncService(db.ds, queue).planRun(run.runId);
  } finally {
    await queue.close();
  }
}, 180_000);
afterAll(async () => db?.drop());

it('a worker killed with SIGKILL mid-job loses no case and duplicates none after a restart', async () => {
  expect(planned).toBeGreaterThan(20);
  const events = new QueueEvents('cases', { connection: { url: REDIS_URL }, prefix });
  await events.waitUntilReady();
  let completed = 0;
  const fiveDone = new Promise<void>((resolve) =>
    events.on('completed', () => {
      if (++completed === 5) resolve();
    }),
  );
  // Slow jobs so that the kill lands while jobs are running.
  const first = startWorker({ BIDWATCH_TEST_CASE_DELAY_MS: '400' });
  await fiveDone;
  first.kill('SIGKILL');
  await new Promise((r) => first.once('exit', r));
  const [{ n: mid }] = await db.ds.query(`SELECT count(*)::int AS n FROM cases`);
  expect(mid).toBeLessThan(planned);

  const second = startWorker();
  try {
    await waitForIdle(prefix, 120_000);
  } finally {
    second.kill('SIGTERM');
    await new Promise((r) => second.once('exit', r));
    await events.close();
  }
  const [{ n, keys }] = await db.ds.query(`SELECT count(*)::int AS n, count(DISTINCT case_key)::int AS keys FROM cases`);
  expect({ n, keys }).toEqual({ n: planned, keys: planned });
  const [{ opened }] = await db.ds.query(`SELECT count(*)::int AS opened FROM case_events WHERE action = 'opened'`);
  expect(opened).toBe(planned);
  const q = new Queue('cases', { connection: { url: REDIS_URL }, prefix });
  try {
    const counts = await q.getJobCounts('failed', 'completed');
    expect(counts.failed).toBe(0);
    expect(counts.completed).toBeGreaterThanOrEqual(planned);
  } finally {
    await q.close();
  }
}, 180_000);
