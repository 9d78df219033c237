/**
 * The benchmarks' scratch databases: each run creates its own on the PostgreSQL at $BENCH_DATABASE_ADMIN_URL
 * (default 127.0.0.1:5432, database postgres) and drops it afterwards.
 */
import pg from 'pg';

export const ADMIN = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The admin URL pointed at another database on the same server. */
export function dbUrl(name: string): string {
  const u = new URL(ADMIN);
  u.pathname = '/' + name;
  return u.toString();
}

/** One statement on the admin connection (CREATE / DROP DATABASE, a look at pg_database); its rows. */
export async function admin(sql: string): Promise<unknown[]> {
  const c = new pg.Client({ connectionString: ADMIN });
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}
