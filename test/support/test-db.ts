import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { deriveAuditKey } from '../../src/config/config.js';
import { openDataSource } from '../../src/database/data-source.js';

/** The PostgreSQL server the integration tests use; each test file gets a database of its own, dropped at the end. */
export const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const TEST_HASH_KEY = 'integration-test-hash-key-0123456789';
/** The audit-chain key every test process derives from TEST_HASH_KEY, as loadConfig does without BIDWATCH_AUDIT_KEY. */
export const TEST_AUDIT_KEY = deriveAuditKey(Buffer.from(TEST_HASH_KEY));

export interface TestDb {
  url: string;
  name: string;
  ds: DataSource;
  drop(): Promise<void>;
}

function urlFor(name: string): string {
  const u = new URL(ADMIN_URL);
  u.pathname = '/' + name;
  return u.toString();
}

export async function createTestDb(label = 'it'): Promise<TestDb> {
  const name = `bidwatch_test_${label}_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = urlFor(name);
  const ds = await openDataSource({ databaseUrl: url, dataDir: '/nonexistent' }, { migrate: true });
  return {
    url,
    name,
    ds,
    async drop() {
      if (ds.isInitialized) await ds.destroy();
      const a = new pg.Client({ connectionString: ADMIN_URL });
      await a.connect();
      try {
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await a.end();
      }
    },
  };
}

/** Environment for running the CLI in-process against a test database. */
export function serviceEnv(db: TestDb, extra: Record<string, string> = {}): Record<string, string> {
  return { DATABASE_URL: db.url, BIDWATCH_HASH_KEY: TEST_HASH_KEY, ...extra };
}

export async function withEnv<T>(env: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const saved: Record<string, string | undefined> = {};
  for (const k of Object.keys(env)) {
    saved[k] = process.env[k];
    if (env[k] === undefined) delete process.env[k];
    else process.env[k] = env[k];
  }
  try {
    return await fn();
  } finally {
    for (const k of Object.keys(saved)) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  }
}
