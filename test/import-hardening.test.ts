import pg from 'pg';
import request from 'supertest';
import type { DataSource } from 'typeorm';

import { openDataSource } from '../src/database/data-source.js';

import { ImportService } from '../src/imports/import.service.js';

import type { ImportSummary } from '../src/imports/import-summary.js';

import { csv, tenderRows, tmpFile, type Row } from './support/fixtures.js';

import { runCli } from './support/run-cli.js';

import { serviceEnv, withEnv } from './support/test-db.js';
import { startTestApp, type TestApp } from './support/test-app.js';

import { importService } from './support/services.js';


/**
 * Issue 14, points 2, 9 and 10: bounded import summaries, paged and streamed errors, the list of imports, a file of
 * garbage given up on early, progress visible while an import runs, and imports that race or fail.
 */
let t: TestApp;
let service: ImportService;
const keys: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp({ users: [['clerk', 'importer'], ['clerk2', 'importer'], ['boss', 'supervisor'], ['insp', 'inspector']] });
  Object.assign(keys, t.keys);
  service = importService(t.db.ds);
}, 60_000);
afterAll(async () => t?.close());

const as = (who: string) => ({ Authorization: `Bearer ${keys[who]}` });

async function upload(who: string, body: string): Promise<number> {
  const res = await request(t.server).post('/api/imports?kind=bids').set(as(who)).set('Content-Type', 'text/csv').send(body);
  expect(res.status).toBe(202);
  await t.waitForJob('import', String(res.body.importId));
  return res.body.importId as number;
}

/** n tenders of 2 bids each, every other one with a bad bid price (each bad tender: 2 rejected rows, 3 errors). */
function halfBad(prefix: string, n: number): Row[] {
  return Array.from({ length: n }, (_, i) =>
    tenderRows(`${prefix}-${i}`, 2, i % 2 ? { bid_price: 'x' } : {}, 1000 + i * 2),
  ).flat();
}

describe('bounded summaries (point 2)', () => {
  let id: number;
  let expected: number;

  beforeAll(async () => {
    id = await upload('clerk', csv(halfBad('SUM', 240)));
    const [{ n }] = await t.db.ds.query(`SELECT count(*)::int AS n FROM import_rejects WHERE import_id = $1`, [id]);
    expected = n;
    expect(expected).toBeGreaterThan(200);
  });

  it('the summary carries the counts, the first 100 errors and errorsTotal', async () => {
    const s = (await request(t.server).get(`/api/imports/${id}`).set(as('clerk')).expect(200)).body as ImportSummary;
    expect(s).toMatchObject({ status: 'succeeded', rowsRead: 480, accepted: 240, rejected: 240, errorsTotal: expected });
    expect(s.errors).toHaveLength(100);
    const lines = s.errors.map((e) => e.line);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });

  it('pages every error in file order', async () => {
    const all: { line: number }[] = [];
    for (let page = 1; ; page++) {
      const r = await request(t.server).get(`/api/imports/${id}/errors?page=${page}&page_size=100`).set(as('boss')).expect(200);
      expect(r.body).toMatchObject({ importId: id, total: expected, page, pageSize: 100 });
      all.push(...r.body.items);
      if (r.body.items.length < 100) break;
    }
    expect(all).toHaveLength(expected);
    const first = (await request(t.server).get(`/api/imports/${id}`).set(as('clerk'))).body.errors;
    expect(all.slice(0, 100)).toEqual(first);
    expect((await request(t.server).get(`/api/imports/${id}/errors?page_size=5000`).set(as('boss'))).status).toBe(400);
  });

  it('streams every error as CSV with a BOM and formula-safe cells', async () => {
    await t.db.ds.query(`INSERT INTO import_rejects (import_id, line, "column", message) VALUES ($1, 999999, '=cmd', '@SUM(1,2) 是公式')`, [id]);
    await t.db.ds.query(`UPDATE import_runs SET errors_total = errors_total + 1 WHERE id = $1`, [id]);
    const r = await request(t.server).get(`/api/imports/${id}/errors?format=csv`).set(as('clerk')).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks).toString('utf8')));
    });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/text\/csv/);
    const text = r.body as string;
    expect(text.startsWith('\ufeffline,column,message\n')).toBe(true);
    const rows = text.trim().split('\n');
    expect(rows).toHaveLength(expected + 2);
    expect(rows.at(-1)).toBe(`999999,'=cmd,"'@SUM(1,2) 是公式"`);
  });

  it('lists past imports newest first; a clerk sees their own only', async () => {
    const other = await upload('clerk2', csv(tenderRows('LIST-1', 2, {}, 5000)));
    const boss = (await request(t.server).get('/api/imports?page_size=100').set(as('boss')).expect(200)).body;
    const ids = boss.items.map((i: { importId: number }) => i.importId);
    expect(ids).toEqual([...ids].sort((a: number, b: number) => b - a));
    expect(ids).toEqual(expect.arrayContaining([id, other]));
    expect(boss.items.find((i: { importId: number }) => i.importId === id)).toMatchObject({ kind: 'bids', status: 'succeeded', errorsTotal: expected + 1, createdByName: 'clerk' });
    const mine = (await request(t.server).get('/api/imports').set(as('clerk2')).expect(200)).body;
    expect(mine.items.map((i: { importId: number }) => i.importId)).toEqual([other]);
    expect(mine.total).toBe(1);
    expect((await request(t.server).get(`/api/imports/${id}`).set(as('clerk2'))).status).toBe(404);
    expect((await request(t.server).get(`/api/imports/${id}/errors`).set(as('clerk2'))).status).toBe(404);
    expect((await request(t.server).get('/api/imports').set(as('insp'))).status).toBe(403);
    expect((await request(t.server).get('/api/imports?page_size=1000').set(as('boss'))).status).toBe(400);
  });

  it('gives up early on a file that is not bid data, says so, keeps the first errors, imports nothing', async () => {
    const lines = 30_000;
    const garbage = csv(Array.from({ length: lines }, (_, i) => ({
      ...tenderRows(`G-${i}`, 1)[0]!, bidder_uscc: 'not-a-uscc', bid_price: 'abc', control_price: '-1', open_date: '2024-13-45',
      tender_method: '???', evaluation_method: '???', category: '??', work_type: '??',
    })));
    const tendersBefore = (await t.db.ds.query(`SELECT count(*)::int AS n FROM tenders`))[0].n;
    const id2 = await upload('clerk', garbage);
    const s = (await request(t.server).get(`/api/imports/${id2}`).set(as('clerk')).expect(200)).body as ImportSummary;
    expect(s.status).toBe('failed');
    expect(s.error).toContain('文件似乎不是投标数据');
    expect(s.error).toContain('does not look like bid records');
    expect(s.rowsRead).toBeLessThan(lines / 2);
    expect(s.errors.length).toBeGreaterThan(0);
    expect(s.errors.length).toBeLessThanOrEqual(100);
    // A row failing on every column keeps a few reasons, the last saying how many more.
    const perLine = new Map<number, number>();
    for (const e of s.errors) perLine.set(e.line, (perLine.get(e.line) ?? 0) + 1);
    expect(Math.max(...perLine.values())).toBeLessThanOrEqual(5);
    expect(s.errors.some((e) => /另有 \d+ 处错误/.test(e.message))).toBe(true);
    const [{ n }] = await t.db.ds.query(`SELECT count(*)::int AS n FROM import_rejects WHERE import_id = $1`, [id2]);
    expect(n).toBeLessThanOrEqual(100);
    expect((await t.db.ds.query(`SELECT count(*)::int AS n FROM tenders`))[0].n).toBe(tendersBefore);
    // The CLI refuses it the same way, with the exit status of a file refused whole.
    const cli = await withEnv(serviceEnv(t.db), () => runCli('import', tmpFile('garbage.csv', garbage), '--kind', 'bids'));
    expect(cli.status).toBe(2);
    expect(cli.stderr).toContain('文件似乎不是投标数据');
  }, 120_000);
});

describe('progress is visible while an import runs (point 9)', () => {
  it('status running, the start time and rows read show in GET /api/imports/:id before it finishes', async () => {
    const rows = Array.from({ length: 4_100 }, (_, i) => tenderRows(`PROG-${i}`, 5, {}, 20_000 + i * 5)).flat();
    const path = tmpFile('progress.csv', csv(rows));
    const seen: Record<string, unknown>[] = [];
    const [{ id: clerkId }] = await t.db.ds.query(`SELECT id FROM users WHERE name = 'clerk'`);
    const s = await service.importFile({
      path, kind: 'bids', format: 'csv', createdBy: Number(clerkId), progressEveryMs: 0,
      onProgress: async (p) => {
        if (p.done) return;
        // The import waits for this: what another process sees at this moment, through the API.
        const r = await request(t.server).get(`/api/imports/${p.importId}`).set(as('clerk'));
        seen.push({ status: r.body.status, startedAt: r.body.startedAt, rowsRead: r.body.rowsRead, expected: p.rowsRead });
      },
    });
    expect(s).toMatchObject({ status: 'succeeded', accepted: 20_500, error: null });
    expect(seen.length).toBeGreaterThan(0);
    for (const v of seen) {
      expect(v).toMatchObject({ status: 'running', startedAt: expect.any(String) });
      expect(v.rowsRead).toBe(v.expected);
    }
  }, 120_000);
});

describe('imports that race or fail (point 10)', () => {
  /** Backends of the test database waiting on a lock, seen from outside any transaction. */
  async function lockWaiters(ds: DataSource): Promise<number> {
    const [r] = await ds.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'`, [t.db.name]);
    return r.n;
  }
  async function until(cond: () => Promise<boolean>, ms = 20_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!(await cond())) {
      if (Date.now() > deadline) throw new Error('condition not reached');
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  it('two imports of the same file at once: both succeed, one writes, the other finds every row unchanged', async () => {
    const content = csv([...tenderRows('RACE-1', 3, {}, 40_000), ...tenderRows('RACE-2', 3, {}, 40_010)]);
    // Hold the tenders table against writes so that both imports reach their merge before either commits.
    const holder = new pg.Client({ connectionString: t.db.url });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE tenders IN SHARE MODE');
    const both = Promise.allSettled([
      service.importFile({ path: tmpFile('race-a.csv', content), kind: 'bids', format: 'csv' }),
      service.importFile({ path: tmpFile('race-b.csv', content), kind: 'bids', format: 'csv' }),
    ]);
    try {
      await until(async () => (await lockWaiters(t.db.ds)) >= 2);
    } finally {
      await holder.query('COMMIT');
      await holder.end();
    }
    const results = await both;
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    const sums = results.map((r) => (r as PromiseFulfilledResult<ImportSummary>).value);
    expect(sums.map((s) => [s.accepted, s.unchanged]).sort()).toEqual([[0, 6], [6, 0]]);
    expect(sums.every((s) => s.status === 'succeeded' && s.error === null)).toBe(true);
  }, 60_000);

  it('a failed attempt leaves a clear error; the retry that succeeds clears it', async () => {
    const content = csv(tenderRows('RETRY-1', 3, {}, 41_000));
    const impatient = await openDataSource({ databaseUrl: `${t.db.url}?options=-c%20lock_timeout%3D300`, dataDir: '/nonexistent' }, { migrate: false });
    const hurried = importService(impatient);
    try {
      const id = await hurried.queue({ path: tmpFile('retry.csv', content), kind: 'bids', format: 'csv', fileBytes: content.length });
      const holder = new pg.Client({ connectionString: t.db.url });
      await holder.connect();
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE tenders IN ACCESS EXCLUSIVE MODE');
      try {
        await expect(hurried.runQueued(id)).rejects.toThrow(/lock timeout/);
      } finally {
        await holder.query('COMMIT');
        await holder.end();
      }
      const failed = (await request(t.server).get(`/api/imports/${id}`).set(as('boss'))).body;
      expect(failed).toMatchObject({ status: 'failed', error: expect.stringContaining('导入失败') });
      await hurried.runQueued(id);
      const ok = (await request(t.server).get(`/api/imports/${id}`).set(as('boss'))).body;
      expect(ok).toMatchObject({ status: 'succeeded', accepted: 3, error: null });
    } finally {
      await impatient.destroy();
    }
  }, 60_000);

  it('the CLI maps a failure of the database to exit 2 and a plain message, not a stack trace', async () => {
    const holder = new pg.Client({ connectionString: t.db.url });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE tenders IN ACCESS EXCLUSIVE MODE');
    let r;
    try {
      r = await withEnv(serviceEnv(t.db, { DATABASE_URL: `${t.db.url}?options=-c%20lock_timeout%3D300` }), () =>
        runCli('import', tmpFile('cli-fail.csv', csv(tenderRows('CLI-FAIL', 2, {}, 42_000))), '--kind', 'bids', '--json'));
    } finally {
      await holder.query('COMMIT');
      await holder.end();
    }
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('导入失败，未导入任何数据');
    expect(r.stderr).not.toMatch(/QueryFailedError|\n\s+at /);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'failed', importId: expect.any(Number), accepted: 0 });
  }, 60_000);
});
