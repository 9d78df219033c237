import pg from 'pg';
import request from 'supertest';
import { insertCase } from './support/cases.js';
import { runCli } from './support/run-cli.js';
import { serviceEnv, withEnv } from './support/test-db.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Issue 14, point 5: the case-event chain. A superuser can still switch the append-only trigger off; the chain
 * makes what they did visible to `bidwatch audit verify` (exit 1, naming the event) and to the console's route.
 */
let t: TestApp;
const ids: number[] = [];

beforeAll(async () => {
  t = await startTestApp({ worker: false, users: [['insp', 'inspector'], ['insp2', 'inspector'], ['boss', 'supervisor'], ['audit', 'auditor']] });
  for (let i = 0; i < 3; i++) {
    const id = await insertCase(t.db.ds);
    ids.push(id);
    await api('post', `/api/cases/${id}/claim`, 'insp').expect(200);
    await api('post', `/api/cases/${id}/transition`, 'insp', { to: 'investigating' }).expect(200);
    await api('post', `/api/cases/${id}/notes`, 'insp', { text: `第 ${i} 号案件已调取原始记录` }).expect(201);
  }
}, 60_000);
afterAll(async () => t?.close());

function api(method: 'get' | 'post', path: string, who: string, body?: object) {
  const r = request(t.server)[method](path).set('Authorization', `Bearer ${t.keys[who]}`);
  return body ? r.send(body) : r;
}

const verify = () => withEnv(serviceEnv(t.db), () => runCli('audit', 'verify', '--json'));

/** Runs SQL as the superuser with the append-only trigger bypassed, the way the probe did. */
async function asSuperuser(sql: string, params: unknown[] = [], how: 'replica' | 'disable' = 'replica'): Promise<void> {
  const c = new pg.Client({ connectionString: t.db.url });
  await c.connect();
  try {
    await c.query('BEGIN');
    if (how === 'replica') await c.query('SET LOCAL session_replication_role = replica');
    else await c.query('ALTER TABLE case_events DISABLE TRIGGER USER');
    await c.query(sql, params);
    if (how === 'disable') await c.query('ALTER TABLE case_events ENABLE TRIGGER USER');
    await c.query('COMMIT');
  } finally {
    await c.end();
  }
}

async function eventsOf(caseId: number): Promise<{ id: number; action: string; note: string | null }[]> {
  return t.db.ds.query(`SELECT id, action, note FROM case_events WHERE case_id = $1 ORDER BY id`, [caseId]);
}

it('every event written through the service is chained; verify says intact (exit 0)', async () => {
  const [{ n, unchained }] = await t.db.ds.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE chain_hash IS NULL)::int AS unchained FROM case_events`);
  expect(n).toBe(9);
  expect(unchained).toBe(0);
  const r = await verify();
  expect(r.status).toBe(0);
  expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, events: 9, verified: 9, firstBroken: null, head: expect.stringMatching(/^[0-9a-f]{64}$/) });
  expect(r.stderr).toContain('审计链完整');
  expect((await api('get', '/api/audit/verify', 'audit').expect(200)).body).toMatchObject({ ok: true, verified: 9 });
  expect((await api('get', `/api/cases/${ids[0]}/audit`, 'insp').expect(200)).body).toMatchObject({ ok: true, verified: 3 });
});

it('simultaneous writers keep one chain', async () => {
  const many = await Promise.all(Array.from({ length: 12 }, () => insertCase(t.db.ds)));
  const results = await Promise.all(many.map((id, i) => api('post', `/api/cases/${id}/notes`, i % 2 ? 'insp' : 'insp2', { text: `并发备注 ${i}` })));
  expect(results.map((r) => r.status)).toEqual(many.map(() => 201));
  const r = await verify();
  expect(r.status).toBe(0);
  expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, events: 21 });
});

it('an UPDATE as superuser with session_replication_role = replica is found and named (exit 1); undoing it verifies again', async () => {
  const target = (await eventsOf(ids[1]!)).find((e) => e.action === 'note')!;
  await asSuperuser(`UPDATE case_events SET note = '记录已核实无问题' WHERE id = $1`, [target.id]);
  const r = await verify();
  expect(r.status).toBe(1);
  expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, firstBroken: { id: Number(target.id), caseId: ids[1], reason: 'mismatch' } });
  expect(r.stderr).toContain(`审计链已断开：第一条校验失败的是事件 #${target.id}`);
  const api1 = (await api('get', '/api/audit/verify', 'boss').expect(200)).body;
  expect(api1).toMatchObject({ ok: false, firstBroken: { id: Number(target.id) } });
  expect((await api('get', `/api/cases/${ids[1]}/audit`, 'insp').expect(200)).body).toMatchObject({ ok: false, firstBroken: { id: Number(target.id) } });
  expect((await api('get', `/api/cases/${ids[0]}/audit`, 'insp').expect(200)).body).toMatchObject({ ok: true });
  await asSuperuser(`UPDATE case_events SET note = $2 WHERE id = $1`, [target.id, target.note]);
  expect((await verify()).status).toBe(0);
});

it('a row deleted with the trigger disabled breaks the chain at the next event', async () => {
  const [first, second] = await eventsOf(ids[2]!);
  await asSuperuser(`DELETE FROM case_events WHERE id = $1`, [first!.id], 'disable');
  const r = await verify();
  expect(r.status).toBe(1);
  expect(JSON.parse(r.stdout).firstBroken).toMatchObject({ id: Number(second!.id), reason: 'mismatch' });
});

it('a forged event with a made-up hash does not verify, nor one without a hash', async () => {
  const t2 = await startTestApp({ worker: false, users: [['insp', 'inspector']] });
  try {
    const id = await insertCase(t2.db.ds);
    await request(t2.server).post(`/api/cases/${id}/claim`).set('Authorization', `Bearer ${t2.keys.insp}`).expect(200);
    const env = serviceEnv(t2.db);
    expect((await withEnv(env, () => runCli('audit', 'verify'))).status).toBe(0);
    await t2.db.ds.query(
      `INSERT INTO case_events (case_id, actor_name, action, note, chain_hash) VALUES ($1, '系统 (system)', 'note', '伪造', repeat('0', 64))`,
      [id],
    );
    const forged = await withEnv(env, () => runCli('audit', 'verify', '--json'));
    expect(forged.status).toBe(1);
    const [{ max }] = await t2.db.ds.query(`SELECT max(id)::int AS max FROM case_events`);
    expect(JSON.parse(forged.stdout).firstBroken).toMatchObject({ id: max, reason: 'mismatch' });
  } finally {
    await t2.close();
  }
  const t3 = await startTestApp({ worker: false, users: [['insp', 'inspector']] });
  try {
    const id = await insertCase(t3.db.ds);
    await request(t3.server).post(`/api/cases/${id}/claim`).set('Authorization', `Bearer ${t3.keys.insp}`).expect(200);
    await t3.db.ds.query(`INSERT INTO case_events (case_id, actor_name, action, note) VALUES ($1, 'x', 'note', '没有哈希')`, [id]);
    const r = await withEnv(serviceEnv(t3.db), () => runCli('audit', 'verify', '--json'));
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).firstBroken).toMatchObject({ reason: 'unchained' });
  } finally {
    await t3.close();
  }
}, 60_000);

it('only supervisors, auditors and admins read the whole chain', async () => {
  expect((await api('get', '/api/audit/verify', 'insp')).status).toBe(403);
  expect((await request(t.server).get('/api/audit/verify')).status).toBe(401);
});
