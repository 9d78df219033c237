import { randomBytes } from 'node:crypto';
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
});

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
}

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
  return {
    mode: databaseUrl ? 'service' : 'embedded',
    databaseUrl,
    redisUrl: e.REDIS_URL ?? null,
    dataDir,
    uploadDir: resolve(e.BIDWATCH_UPLOAD_DIR ?? join(dataDir, 'uploads')),
    hashKey: resolveHashKey(e.BIDWATCH_HASH_KEY, databaseUrl, dataDir),
    port: e.PORT,
    logFormat: e.BIDWATCH_LOG_FORMAT,
    queuePrefix: e.BIDWATCH_QUEUE_PREFIX,
    maxUploadBytes: e.BIDWATCH_MAX_UPLOAD_MB * 1024 * 1024,
  };
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
