import type { PoolClient } from 'pg';
import { CopySink, StageWriter, copyLine } from '../src/database/stage-writer.js';
import { createTestDb, type TestDb } from './support/test-db.js';

/**
 * The one-COPY-per-table sink detection stores its findings with: lines go out in chunks while the caller builds
 * the next ones, every line lands, and a bad line fails the COPY with the server's message instead of hanging.
 */
let db: TestDb;
beforeAll(async () => {
  db = await createTestDb('sink');
  await db.ds.query(`CREATE TABLE sink_t (n int NOT NULL, label text, doc jsonb)`);
});
afterAll(async () => db?.drop());

async function withClient<T>(fn: (c: PoolClient) => Promise<T>): Promise<T> {
  const qr = db.ds.createQueryRunner();
  const c = (await qr.connect()) as PoolClient;
  try {
    return await fn(c);
  } finally {
    await qr.release();
  }
}

it('writes every line across several chunks in one COPY, escapes intact', async () => {
  const n = 60_000; // about 3 MB: three chunks of CopySink.CHUNK characters
  await withClient(async (c) => {
    const sink = new StageWriter(c, 'sink_t', ['n', 'label', 'doc']).open();
    for (let i = 0; i < n; i++) await sink.push(copyLine([i, i === 7 ? 'tab\there\\back' : `第${i}行 line`, JSON.stringify({ i, pad: 'x'.repeat(20) })]));
    await sink.end();
  });
  expect(n * 40).toBeGreaterThan(2 * CopySink.CHUNK);
  const [{ count, sum }] = await db.ds.query(`SELECT count(*)::int AS count, sum(n)::bigint AS sum FROM sink_t`);
  expect(count).toBe(n);
  expect(Number(sum)).toBe((n * (n - 1)) / 2);
  const [row] = await db.ds.query(`SELECT label, doc->>'i' AS i FROM sink_t WHERE n = 7`);
  expect(row).toEqual({ label: 'tab\there\\back', i: '7' });
});

it('a line longer than a chunk (a tender with a huge evidence) lands whole between ordinary ones', async () => {
  await db.ds.query(`TRUNCATE sink_t`);
  const long = '标'.repeat(CopySink.CHUNK); // 3 MB of UTF-8
  await withClient(async (c) => {
    const sink = new StageWriter(c, 'sink_t', ['n', 'label', 'doc']).open();
    await sink.push(copyLine([1, 'a', '{}']));
    await sink.push(copyLine([2, long, '{}']));
    await sink.push(copyLine([3, 'c', '{}']));
    await sink.end();
  });
  const rows = await db.ds.query(`SELECT n, length(label) AS len FROM sink_t ORDER BY n`);
  expect(rows).toEqual([{ n: 1, len: 1 }, { n: 2, len: CopySink.CHUNK }, { n: 3, len: 1 }]);
});

it('an empty sink sends no COPY', async () => {
  await withClient(async (c) => {
    await new StageWriter(c, 'no_such_table', ['n']).open().end();
  });
});

it('a bad line after the first chunk fails with the server’s error and the transaction keeps nothing', async () => {
  await db.ds.query(`TRUNCATE sink_t`);
  await withClient(async (c) => {
    await c.query('BEGIN');
    const sink = new StageWriter(c, 'sink_t', ['n', 'label', 'doc']).open();
    const run = async () => {
      // 60 characters a line: line 30,000 is in the second chunk; the error may come back while a chunk is built
      for (let i = 0; i < 40_000; i++) await sink.push(copyLine([i === 30_000 ? 'not a number' : i, 'x'.repeat(50), '{}']));
      await sink.end();
    };
    await expect(run()).rejects.toThrow(/invalid input syntax for type integer/);
    await c.query('ROLLBACK');
  });
  const [{ count }] = await db.ds.query(`SELECT count(*)::int AS count FROM sink_t`);
  expect(count).toBe(0);
});
