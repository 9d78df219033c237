import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { DataSource, type DataSourceOptions, type Logger } from 'typeorm';
import { DEFAULT_DATABASE_LIMITS, type AppConfig, type DatabaseLimits } from '../config/config.js';
import { MIGRATIONS } from '../../migrations/index.js';
import { makePglitePoolDriver } from './pglite-pool.js';

// Same value shapes on both paths: ids as numbers, numeric as exact strings, dates as 'YYYY-MM-DD'.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

/**
 * Who opens the database decides whether statements are timed: the API answers requests and must never run a
 * statement for minutes; jobs (imports, detection, the CLI) legitimately do, and are bounded by their own work.
 */
export type DatabaseUser = 'api' | 'jobs';

export interface OpenOptions {
  migrate?: boolean;
  limits?: DatabaseLimits;
  user?: DatabaseUser;
}

/**
 * Pool options for node-postgres. The acquire timeout makes a request that finds every connection taken fail
 * (503) instead of waiting for ever; the two server-side timeouts end a runaway statement and a transaction left
 * idle while holding locks. Code must still never wait on a second connection while holding one (CasesService).
 */
export function poolOptions(limits: DatabaseLimits = DEFAULT_DATABASE_LIMITS, user: DatabaseUser = 'jobs'): Record<string, unknown> {
  return {
    max: limits.poolMax,
    application_name: user === 'api' ? 'bidwatch-api' : 'bidwatch',
    connectionTimeoutMillis: limits.acquireTimeoutMs,
    ...(user === 'api' && limits.statementTimeoutMs > 0 ? { statement_timeout: limits.statementTimeoutMs } : {}),
    ...(limits.idleInTransactionTimeoutMs > 0 ? { idle_in_transaction_session_timeout: limits.idleInTransactionTimeoutMs } : {}),
  };
}

/**
 * Failed queries go to stderr, one short line each: TypeORM's console logger wrote them to stdout, in the middle
 * of the one JSON document a `--json` command promises there. The caller reports the error itself.
 */
class StderrQueryLogger implements Logger {
  logQuery(): void {}
  logQueryError(error: string | Error, query: string): void {
    const text = query.replace(/\s+/g, ' ').slice(0, 200);
    process.stderr.write(`[database] ${typeof error === 'string' ? error : error.message} — ${text}\n`);
  }
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') process.stderr.write(`[database] ${String(message)}\n`);
  }
}

export function dataSourceOptions(config: Pick<AppConfig, 'databaseUrl' | 'dataDir'>, opts: OpenOptions = {}): DataSourceOptions {
  const common = {
    type: 'postgres' as const,
    // No entities: every table is read and written by hand-written SQL in the *.repository.ts files.
    entities: [],
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    logging: ['error' as const],
    logger: new StderrQueryLogger(),
  };
  if (config.databaseUrl) {
    return { ...common, url: config.databaseUrl, extra: poolOptions(opts.limits, opts.user) };
  }
  const dir = join(config.dataDir, 'pgdata');
  mkdirSync(dir, { recursive: true });
  return { ...common, driver: makePglitePoolDriver(dir), installExtensions: false, extra: {} };
}

/** Opens the one DataSource of this process and applies pending migrations (the CLI promises that). */
export async function openDataSource(
  config: Pick<AppConfig, 'databaseUrl' | 'dataDir'>,
  opts: OpenOptions = {},
): Promise<DataSource> {
  const ds = new DataSource(dataSourceOptions(config, opts));
  await ds.initialize();
  if (opts.migrate !== false) await migrate(ds, !!config.databaseUrl);
  return ds;
}

/** The API and the workers start together in service mode: an advisory lock lets one of them migrate at a time. */
async function migrate(ds: DataSource, server: boolean): Promise<void> {
  if (!server) {
    await ds.runMigrations({ transaction: 'each' });
    return;
  }
  const qr = ds.createQueryRunner();
  await qr.connect();
  try {
    // Another process may be migrating: wait for it however long it takes (the API's statement timeout aside).
    await qr.query('SET statement_timeout = 0');
    await qr.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await qr.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await qr.query('RESET statement_timeout').catch(() => undefined);
    await qr.release();
  }
}

const MIGRATION_LOCK = 7_711_001;

export function isEmbedded(ds: DataSource): boolean {
  return !(ds.options as { url?: string }).url;
}

/** How many migrations the database has applied. */
export async function appliedMigrations(ds: DataSource): Promise<number> {
  const [row] = await ds.query(`SELECT count(*)::int AS n FROM migrations`);
  return row.n;
}
