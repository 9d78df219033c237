import pg from 'pg';
import request from 'supertest';
import type { DataSource } from 'typeorm';

import { insertCase } from './support/cases.js';

import { startTestApp, type TestApp } from './support/test-app.js';

import { usersService } from './support/services.js';


/**
 * Issue 14, points 1, 11 and 12 (search), and the rule for notes on a claimed case: the case table under
 * concurrency, on a real port with the real pool (10 connections) against PostgreSQL.
 */
let t: TestApp;
let base: string;
const keys: Record<string, string> = {};
const INSPECTORS = 50;

beforeAll(async () => {
  t = await startTestApp({ worker: false, users: [['boss', 'supervisor'], ['audit', 'auditor']] });
  Object.assign(keys, t.keys);
  const users = usersService(t.db.ds);
  for (let i = 0; i < INSPECTORS; i++) keys[`insp${i}`] = (await users.create(`insp${i}`, 'inspector', null)).apiKey;
  base = await t.listen();
}, 60_000);
afterAll(async () => t?.close());

const as = (who: string) => ({ Authorization: `Bearer ${keys[who]}` });

/** Backends of this test's database waiting on a lock. */
async function lockWaiters(ds: DataSource, db: string): Promise<number> {
  const [r] = await ds.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'`, [db]);
  return r.n;
}

async function waitUntil(cond: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('claims under load', () => {
  it('50 simultaneous claims of one case: one 200, 49 409, and /api/health answers throughout', async () => {
    const id = await insertCase(t.db.ds);
    // Hold the case row for a moment, as a slow claim or a case job would: the claims arriving meanwhile take every
    // pool connection and queue on the row lock, so that they all lose at once when it is released.
    const holder = new pg.Client({ connectionString: t.db.url });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT id FROM cases WHERE id = $1 FOR UPDATE', [id]);
    let racing = true;
    const health: number[] = [];
    const probe = (async () => {
      while (racing) {
        const started = Date.now();
        const r = await request(base).get('/api/health').timeout(5_000);
        expect(r.status).toBe(200);
        health.push(Date.now() - started);
      }
    })();
    const claims = Promise.all(
      Array.from({ length: INSPECTORS }, (_, i) =>
        request(base).post(`/api/cases/${id}/claim`).set(as(`insp${i}`)).timeout(20_000)
          .then((r) => r.status, (e: Error) => `no answer: ${e.message}`),
      ),
    );
    try {
      // Polled from outside the holder's transaction, which would see one cached snapshot of pg_stat_activity.
      await waitUntil(async () => (await lockWaiters(t.db.ds, t.db.name)) >= 5, 4_000);
    } finally {
      await holder.query('COMMIT');
      await holder.end();
    }
    const statuses = await claims;
    racing = false;
    await probe;
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(INSPECTORS - 1);
    expect(health.length).toBeGreaterThan(0);
    const [row] = await t.db.ds.query(`SELECT status, assignee_id FROM cases WHERE id = $1`, [id]);
    expect(row.status).toBe('assigned');
    const [{ n }] = await t.db.ds.query(`SELECT count(*)::int AS n FROM case_events WHERE case_id = $1 AND action = 'claimed'`, [id]);
    expect(n).toBe(1);
    // Nothing left holding a connection: the pool serves the next request at once.
    const after = await request(base).get('/api/health').timeout(2_000);
    expect(after.status).toBe(200);
  }, 60_000);
});

describe('reopen', () => {
  it('a reopened case has no assignee: another inspector claims it and closes it', async () => {
    const id = await insertCase(t.db.ds);
    const step = async (who: string, body: Record<string, unknown>) =>
      request(base).post(`/api/cases/${id}/transition`).set(as(who)).send(body);
    expect((await request(base).post(`/api/cases/${id}/claim`).set(as('insp0'))).status).toBe(200);
    expect((await step('insp0', { to: 'investigating' })).status).toBe(200);
    expect((await step('insp0', { to: 'closed_dismissed', note: '未发现问题' })).status).toBe(200);
    const reopened = await step('boss', { to: 'triaged', note: '收到新的举报材料' });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ status: 'triaged', assignee_id: null });
    const claim = await request(base).post(`/api/cases/${id}/claim`).set(as('insp1'));
    expect(claim.status).toBe(200);
    expect(Number(claim.body.assignee_id)).toBe(Number((await t.db.ds.query(`SELECT id FROM users WHERE name = 'insp1'`))[0].id));
    expect((await step('insp1', { to: 'investigating' })).status).toBe(200);
    const closed = await step('insp1', { to: 'closed_confirmed', note: '约谈确认，责令整改', outcome: '责令整改' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed_confirmed', outcome: '责令整改' });
    const events = await request(base).get(`/api/cases/${id}/events`).set(as('audit'));
    const reopenEvent = events.body.find((e: { action: string }) => e.action === 'reopened');
    expect(reopenEvent).toMatchObject({ from_status: 'closed_dismissed', to_status: 'triaged', details: { assignee: null } });
  });

  it('the former assignee may claim the reopened case too', async () => {
    const id = await insertCase(t.db.ds);
    expect((await request(base).post(`/api/cases/${id}/claim`).set(as('insp2'))).status).toBe(200);
    await request(base).post(`/api/cases/${id}/transition`).set(as('insp2')).send({ to: 'investigating' }).expect(200);
    await request(base).post(`/api/cases/${id}/transition`).set(as('insp2')).send({ to: 'closed_confirmed', note: '属实' }).expect(200);
    await request(base).post(`/api/cases/${id}/transition`).set(as('insp2')).send({ to: 'triaged', note: '复查' }).expect(200);
    expect((await request(base).post(`/api/cases/${id}/claim`).set(as('insp2'))).status).toBe(200);
  });
});

describe('notes on a claimed case', () => {
  it('only the assignee and supervisors write in a claimed case; anyone in scope may note an unclaimed one', async () => {
    const id = await insertCase(t.db.ds);
    const note = (who: string, text: string) => request(base).post(`/api/cases/${id}/notes`).set(as(who)).send({ text });
    expect((await note('insp3', '分拣前的线索')).status).toBe(201);
    await request(base).post(`/api/cases/${id}/claim`).set(as('insp4')).expect(200);
    const other = await note('insp3', '我也看看');
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('not_assignee');
    expect((await note('insp4', '已调取原始记录')).status).toBe(201);
    expect((await note('boss', '请本周内完成')).status).toBe(201);
    expect((await note('audit', '审计不能写')).status).toBe(403);
  });
});

describe('search', () => {
  it('matches % and _ literally', async () => {
    const pct = await insertCase(t.db.ds, { title: '下浮 100% 的异常投标', subjectId: 'LIKE-A' });
    const und = await insertCase(t.db.ds, { title: '编号 X_Y 的标段', subjectId: 'LIKE-B' });
    await insertCase(t.db.ds, { title: '普通案件 XaY', subjectId: 'LIKE-C' });
    const search = async (q: string) =>
      (await request(base).get(`/api/cases?page_size=200&q=${encodeURIComponent(q)}`).set(as('boss')).expect(200)).body.items.map((c: { id: number }) => Number(c.id));
    expect(await search('%')).toEqual([pct]);
    expect(await search('X_Y')).toEqual([und]);
    expect(await search('\\')).toEqual([]);
  });
});
