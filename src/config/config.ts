import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

/**
 * Configuration comes from the environment only (../shared/spec/cli-and-api.md), validated once.
 * Unset DATABASE_URL means embedded PostgreSQL (PGlite) under BIDWATCH_DATA_DIR; unset REDIS_URL means jobs run
 * inline in the same process.
 */
const envSchema = z.object({
  DATABASE_URL: z.string().trim().min(1).optional(),
  REDIS_URL: z.string().trim().min(1).optional(),
  BIDWATCH_DATA_DIR: z.string().trim().min(1).default('./.bidwatch'),
  BIDWATCH_HASH_KEY: z.string().min(16, 'BIDWATCH_HASH_KEY 至少 16 个字符 (at least 16 characters)').optional(),
  BIDWATCH_UPLOAD_DIR: z.string().trim().min(1).optional(),
  BIDWATCH_LOG_FORMAT: z.enum(['text', 'json']).default('text'),
  BIDWATCH_QUEUE_PREFIX: z.string().trim().min(1).default('bidwatch'),
  BIDWATCH_MAX_UPLOAD_MB: z.coerce.number().int().positive().default(512),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  BIDWATCH_RATE_LIMIT: z.coerce.number().int().positive().default(600),
  BIDWATCH_AUTH_FAILURE_LIMIT: z.coerce.number().int().positive().default(30),
  BIDWATCH_HEALTH_RATE_LIMIT: z.coerce.number().int().positive().default(6000),
  BIDWATCH_PUBLIC_DOCS: z.enum(['0', '1', 'true', 'false']).default('0'),
  BIDWATCH_AUDIT_KEY: z.string().min(16, 'BIDWATCH_AUDIT_KEY 至少 16 个字符 (at least 16 characters)').optional(),
  BIDWATCH_DB_POOL_MAX: z.coerce.number().int().min(2).max(200).default(10),
  BIDWATCH_DB_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  BIDWATCH_DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
  BIDWATCH_DB_IDLE_TX_TIMEOUT_MS: z.coerce.number().int().min(0).default(60_000),
  BIDWATCH_HOST: z.string().trim().min(1).default('0.0.0.0'),
  BIDWATCH_JOB_LOCK_MS: z.coerce.number().int().min(1_000).default(60_000),
  BIDWATCH_JOB_STALLED_MS: z.coerce.number().int().min(500).default(30_000),
  BIDWATCH_WORKER_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
});

/**
 * How long anything may wait on the database. A request that cannot get a pool connection within
 * `acquireTimeoutMs` is answered 503 instead of queueing forever; `statementTimeoutMs` (the API only: imports and
 * detection run statements longer than any request should) and `idleInTransactionTimeoutMs` (everyone) make
 * PostgreSQL end a statement or a forgotten transaction that would otherwise hold locks and a connection.
 */
export interface DatabaseLimits {
  poolMax: number;
  acquireTimeoutMs: number;
  statementTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
}

/** Requests per minute: per signed-in user, per address for failed sign-ins, per address for /api/health. */
export interface RateLimits {
  perUser: number;
  authFailuresPerAddress: number;
  healthPerAddress: number;
}

export interface AppConfig {
  mode: 'service' | 'embedded';
  databaseUrl: string | null;
  redisUrl: string | null;
  dataDir: string;
  uploadDir: string;
  hashKey: Buffer;
  port: number;
  logFormat: 'text' | 'json';
  queuePrefix: string;
  maxUploadBytes: number;
  database: DatabaseLimits;
  rateLimits: RateLimits;
  /** Serve /api/docs without a key (BIDWATCH_PUBLIC_DOCS=1); by default the API description needs one. */
  publicDocs: boolean;
  /** HMAC key of the case-event chain (BIDWATCH_AUDIT_KEY; derived from the hash key when unset). */
  auditKey: Buffer;
  /** Address `serve` listens on (BIDWATCH_HOST) and, with its own port, a worker's /metrics. */
  host?: string;
  /** BullMQ lock and stalled-check intervals: how soon a job of a killed worker runs again. */
  jobs?: { lockMs: number; stalledMs: number };
  /** A worker serves its Prometheus metrics (job durations) on this port when set. */
  workerMetricsPort?: number | null;
}

export const DEFAULT_JOB_TIMING = { lockMs: 60_000, stalledMs: 30_000 };

export const DEFAULT_DATABASE_LIMITS: DatabaseLimits = {
  poolMax: 10,
  acquireTimeoutMs: 5_000,
  statementTimeoutMs: 30_000,
  idleInTransactionTimeoutMs: 60_000,
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`配置错误 (configuration error): ${lines.join('; ')}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.BIDWATCH_DATA_DIR);
  const databaseUrl = e.DATABASE_URL ?? null;
  const hashKey = resolveHashKey(e.BIDWATCH_HASH_KEY, databaseUrl, dataDir);
  return {
    mode: databaseUrl ? 'service' : 'embedded',
    databaseUrl,
    redisUrl: e.REDIS_URL ?? null,
    dataDir,
    uploadDir: resolve(e.BIDWATCH_UPLOAD_DIR ?? join(dataDir, 'uploads')),
    hashKey,
    port: e.PORT,
    logFormat: e.BIDWATCH_LOG_FORMAT,
    queuePrefix: e.BIDWATCH_QUEUE_PREFIX,
    maxUploadBytes: e.BIDWATCH_MAX_UPLOAD_MB * 1024 * 1024,
    database: {
      poolMax: e.BIDWATCH_DB_POOL_MAX,
      acquireTimeoutMs: e.BIDWATCH_DB_ACQUIRE_TIMEOUT_MS,
      statementTimeoutMs: e.BIDWATCH_DB_STATEMENT_TIMEOUT_MS,
      idleInTransactionTimeoutMs: e.BIDWATCH_DB_IDLE_TX_TIMEOUT_MS,
    },
    rateLimits: {
      perUser: e.BIDWATCH_RATE_LIMIT,
      authFailuresPerAddress: e.BIDWATCH_AUTH_FAILURE_LIMIT,
      healthPerAddress: e.BIDWATCH_HEALTH_RATE_LIMIT,
    },
    publicDocs: e.BIDWATCH_PUBLIC_DOCS === '1' || e.BIDWATCH_PUBLIC_DOCS === 'true',
    auditKey: e.BIDWATCH_AUDIT_KEY ? Buffer.from(e.BIDWATCH_AUDIT_KEY, 'utf8') : deriveAuditKey(hashKey),
    host: e.BIDWATCH_HOST,
    jobs: { lockMs: e.BIDWATCH_JOB_LOCK_MS, stalledMs: e.BIDWATCH_JOB_STALLED_MS },
    workerMetricsPort: e.BIDWATCH_WORKER_METRICS_PORT ?? null,
  };
}

/**
 * The audit chain's key when none is configured: derived from the hash key (HMAC with a fixed label), so that a
 * deployment that sets only BIDWATCH_HASH_KEY still gets a key the database does not hold. A separate
 * BIDWATCH_AUDIT_KEY lets the audit key live with whoever verifies, apart from the one that hashes persons.
 */
export function deriveAuditKey(hashKey: Buffer): Buffer {
  return createHmac('sha256', hashKey).update('bidwatch case_events chain v1').digest();
}

/**
 * The HMAC key for personal IDs. A service database must be given one explicitly: a generated key would make
 * the same person hash differently from one deployment to the next and silently break matching.
 */
function resolveHashKey(fromEnv: string | undefined, databaseUrl: string | null, dataDir: string): Buffer {
  if (fromEnv) return Buffer.from(fromEnv, 'utf8');
  if (databaseUrl) {
    throw new ConfigError(
      '服务模式必须设置 BIDWATCH_HASH_KEY（身份证号等个人标识的加密散列密钥）。' +
        ' (BIDWATCH_HASH_KEY is required when DATABASE_URL is set.)',
    );
  }
  const file = join(dataDir, 'hash.key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'utf8');
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64url');
  writeFileSync(file, key + '\n', { mode: 0o600, flag: 'wx' });
  return Buffer.from(key, 'utf8');
}
