import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/config.js';
import { MIGRATIONS } from '../../migrations/index.js';
import { ENTITIES } from './entities/index.js';
import { makePglitePoolDriver } from './pglite-pool.js';

// Same value shapes on both paths: ids as numbers, numeric as exact strings, dates as 'YYYY-MM-DD'.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export function dataSourceOptions(config: Pick<AppConfig, 'databaseUrl' | 'dataDir'>): DataSourceOptions {
  const common = {
    type: 'postgres' as const,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    logging: ['error' as const],
  };
  if (config.databaseUrl) {
    return { ...common, url: config.databaseUrl, extra: { max: 10, application_name: 'bidwatch' } };
  }
  const dir = join(config.dataDir, 'pgdata');
  mkdirSync(dir, { recursive: true });
  return { ...common, driver: makePglitePoolDriver(dir), installExtensions: false, extra: {} };
}

/** Opens the one DataSource of this process and applies pending migrations (the CLI promises that). */
export async function openDataSource(
  config: Pick<AppConfig, 'databaseUrl' | 'dataDir'>,
  opts: { migrate?: boolean } = {},
): Promise<DataSource> {
  const ds = new DataSource(dataSourceOptions(config));
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
    await qr.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await qr.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await qr.release();
  }
}

const MIGRATION_LOCK = 7_711_001;

export function isEmbedded(ds: DataSource): boolean {
  return !(ds.options as { url?: string }).url;
}
