import { mkdtempSync, readFileSync } from 'node:fs';

import { tmpdir } from 'node:os';

import { join } from 'node:path';

import request from 'supertest';
import { writeSeedCity } from '../seeds/city.js';

import type { Answers } from '../seeds/answers.js';

import { BullJobQueue, redisConnection } from '../src/queue/bullmq-queue.js';

import { startTestApp, waitForDetectionOfAllImports, waitForIdle, type TestApp } from './support/test-app.js';

import { REDIS_URL } from './support/test-db.js';
import { detectionService, caseSyncService, usersService } from './support/services.js';


let t: TestApp;
let answers: Answers;
const keys: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp({ users: [['clerk', 'importer'], ['boss', 'supervisor'], ['audit', 'auditor'], ['root', 'admin']] });
  const dir = mkdtempSync(join(tmpdir(), 'bidwatch-seed-'));
  await writeSeedCity(dir);
  answers = JSON.parse(readFileSync(join(dir, 'answers.json'), 'utf8'));
  Object.assign(keys, t.keys);
  const users = usersService(t.db.ds);
  for (let i = 0; i < 10; i++) keys[`insp${i}`] = (await users.create(`insp${i}`, 'inspector', null)).apiKey;
  keys.yushan = (await users.create('yushan', 'inspector', '玉山镇')).apiKey;
  for (const kind of ['bids', 'contracts', 'attendance']) {
    const res = await request(t.server).post(`/api/imports?kind=${kind}`).set('Authorization', `Bearer ${keys.clerk}`)
      .set('Content-Type', 'text/csv').send(readFileSync(join(dir, `${kind}.csv`)));
    expect(res.status).toBe(202);
    await t.waitForJob('import', String(res.body.importId));
  }
  await waitForDetectionOfAllImports(t);
  // The current detection run read the attendance, the last import (debounced after it, never swallowed by an
  // earlier run, never overtaken by one that read the data before it landed).
  const [{ applied }] = await t.db.ds.query(
    `SELECT (SELECT (c->>'applied')::int FROM jsonb_array_elements(coverage) c WHERE c->>'detector' = 'SITE') AS applied
     FROM detection_runs WHERE status = 'succeeded' ORDER BY id DESC LIMIT 1`,
  );
  expect(applied).toBeGreaterThan(0);
}, 240_000);
afterAll(async () => t?.close());

const as = (who: string) => ({ Authorization: `Bearer ${keys[who]}` });
async function allCases(who = 'boss', query = '') {
  const out: Record<string, unknown>[] = [];
  for (let page = 1; ; page++) {
    const r = await request(t.server).get(`/api/cases?page_size=200&page=${page}${query}`).set(as(who));
    expect(r.status).toBe(200);
    out.push(...r.body.items);
    if (out.length >= r.body.total || r.body.items.length === 0) return out;
  }
}

describe('import → detect → cases through BullMQ', () => {
  it('opens a case for every planted post-award and site finding', async () => {
    const cases = await allCases();
    const keysOpen = new Set(cases.map((c) => c.case_key as string));
    for (const p of answers.postAward) expect(keysOpen).toContain(`post_award:contract:${p.tenderCode}`);
    const siteTenders = new Set(cases.filter((c) => c.kind === 'site_check').flatMap((c) => [c.subject_id as string]));
    const siteCases = cases.filter((c) => c.kind === 'site_check');
    for (const s of answers.site) {
      const hit = siteTenders.has(s.tenderCode) || siteCases.some((c) => String(c.title).includes(s.tenderCode));
      expect({ planted: s, hit }).toEqual({ planted: s, hit: true });
    }
    expect(cases.every((c) => c.status === 'new' && c.due_at)).toBe(true);
    const events = await request(t.server).get(`/api/cases/${cases[0]!.id}/events`).set(as('audit'));
    expect(events.body.map((e: { action: string }) => e.action)).toEqual(['opened', 'routed']);
  });

  it('re-running detection updates cases and never duplicates them', async () => {
    const before = await allCases();
    const queue = new BullJobQueue(redisConnection(REDIS_URL), t.config.queuePrefix);
    try {
      const summary = await detectionService(t.db.ds).run({});
      await caseSyncService(t.db.ds, queue).planRun(summary.runId);
      await waitForIdle(t.config.queuePrefix);
    } finally {
      await queue.close();
    }
    const after = await allCases();
    expect(after.length).toBe(before.length);
    const [{ n }] = await t.db.ds.query(`SELECT count(*)::int AS n FROM case_events WHERE action = 'opened'`);
    expect(n).toBe(before.length);
  });
});

describe('triage', () => {
  it('lets exactly one of many simultaneous claims win, again and again', async () => {
    const open = (await allCases('boss', '&status=new')).slice(0, 5);
    for (const c of open) {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => request(t.server).post(`/api/cases/${c.id}/claim`).set(as(`insp${i}`))),
      );
      const codes = results.map((r) => r.status).sort();
      expect(codes.filter((s) => s === 200)).toHaveLength(1);
      expect(codes.filter((s) => s === 409)).toHaveLength(9);
      const [row] = await t.db.ds.query(`SELECT assignee_id, status FROM cases WHERE id = $1`, [c.id]);
      expect(row.status).toBe('assigned');
      const winner = results.find((r) => r.status === 200)!;
      expect(Number(row.assignee_id)).toBe(Number(winner.body.assignee_id));
      const [{ n }] = await t.db.ds.query(`SELECT count(*)::int AS n FROM case_events WHERE case_id = $1 AND action = 'claimed'`, [c.id]);
      expect(n).toBe(1);
    }
  });

  it('walks a case to closed and records every step in the audit trail', async () => {
    const [c] = await allCases('boss', '&status=new');
    const me = as('insp0');
    expect((await request(t.server).post(`/api/cases/${c!.id}/claim`).set(me)).status).toBe(200);
    const bad = await request(t.server).post(`/api/cases/${c!.id}/transition`).set(me).send({ to: 'closed_confirmed', note: 'x' });
    expect(bad.status).toBe(409);
    expect((await request(t.server).post(`/api/cases/${c!.id}/transition`).set(me).send({ to: 'investigating' })).status).toBe(200);
    expect((await request(t.server).post(`/api/cases/${c!.id}/notes`).set(me).send({ text: '已调取考勤原始记录' })).status).toBe(201);
    const noNote = await request(t.server).post(`/api/cases/${c!.id}/transition`).set(me).send({ to: 'closed_confirmed' });
    expect(noNote.status).toBe(400);
    expect(noNote.body.error.code).toBe('note_required');
    const other = await request(t.server).post(`/api/cases/${c!.id}/transition`).set(as('insp1')).send({ to: 'closed_dismissed', note: 'x' });
    expect(other.status).toBe(403);
    const done = await request(t.server).post(`/api/cases/${c!.id}/transition`).set(me).send({ to: 'closed_confirmed', note: '项目经理未到岗属实', outcome: '责令整改' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'closed_confirmed', outcome: '责令整改' });
    const ev = await request(t.server).get(`/api/cases/${c!.id}/events`).set(me);
    // A case opened after the contracts import may gain evidence when the attendance import lands: that is its own event.
    const steps = ev.body.filter((e: { action: string }) => e.action !== 'evidence_updated').map((e: { action: string; from_status: string | null; to_status: string | null; actor_name: string }) => [e.action, e.from_status, e.to_status]);
    expect(steps).toEqual([
      ['opened', null, 'new'],
      ['routed', null, null],
      ['claimed', null, 'assigned'],
      ['transition', 'assigned', 'investigating'],
      ['note', null, null],
      ['transition', 'investigating', 'closed_confirmed'],
    ]);
    expect(ev.body.at(-1)).toMatchObject({ actor_name: 'insp0', note: '项目经理未到岗属实' });
  });

  it('keeps case_events append-only at the database level, whoever connects', async () => {
    await expect(t.db.ds.query(`UPDATE case_events SET note = 'edited'`)).rejects.toThrow(/append-only/);
    await expect(t.db.ds.query(`DELETE FROM case_events`)).rejects.toThrow(/append-only/);
    await expect(t.db.ds.query(`TRUNCATE case_events`)).rejects.toThrow(/append-only|cannot truncate/);
  });

  it('scopes an inspector with a district to that district', async () => {
    const mine = await allCases('yushan');
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((c) => c.district === '玉山镇')).toBe(true);
    const elsewhere = (await allCases('boss')).find((c) => c.district !== '玉山镇')!;
    expect((await request(t.server).get(`/api/cases/${elsewhere.id}`).set(as('yushan'))).status).toBe(404);
    expect((await request(t.server).post(`/api/cases/${elsewhere.id}/claim`).set(as('yushan'))).status).toBe(404);
  });

  it('does not reopen a closed case without new evidence, and reopens it (saying so) when new evidence arrives', async () => {
    const [closed] = await t.db.ds.query(`SELECT id, case_key, last_run_id FROM cases WHERE status = 'closed_confirmed' LIMIT 1`);
    const queue = new BullJobQueue(redisConnection(REDIS_URL), t.config.queuePrefix);
    const sync = caseSyncService(t.db.ds, queue);
    try {
      expect(await sync.applyDraft(closed.case_key, Number(closed.last_run_id))).toBe('unchanged');
      const [{ draft }] = await t.db.ds.query(`SELECT draft FROM case_drafts WHERE case_key = $1 ORDER BY run_id DESC LIMIT 1`, [closed.case_key]);
      const [run] = await t.db.ds.query(`INSERT INTO detection_runs (status, settings_hash, full_scope) VALUES ('failed', 'test', false) RETURNING id`);
      await t.db.ds.query(`INSERT INTO case_drafts (run_id, case_key, draft) VALUES ($1, $2, $3::jsonb)`, [
        run.id, closed.case_key, JSON.stringify({ ...draft, evidenceHash: 'new-evidence' }),
      ]);
      expect(await sync.applyDraft(closed.case_key, Number(run.id))).toBe('reopened');
    } finally {
      await queue.close();
    }
    const [c] = await t.db.ds.query(`SELECT status, closed_at FROM cases WHERE id = $1`, [closed.id]);
    expect(c).toEqual({ status: 'triaged', closed_at: null });
    const [last] = await t.db.ds.query(`SELECT action, note FROM case_events WHERE case_id = $1 ORDER BY id DESC LIMIT 1`, [closed.id]);
    expect(last).toMatchObject({ action: 'reopened', note: expect.stringContaining('新证据') });
  });

  it('reports detector precision from closed cases in GET /api/flags', async () => {
    const [c] = await allCases('boss', '&status=new&kind=post_award');
    const me = as('insp3');
    await request(t.server).post(`/api/cases/${c!.id}/claim`).set(me).expect(200);
    await request(t.server).post(`/api/cases/${c!.id}/transition`).set(me).send({ to: 'investigating' }).expect(200);
    await request(t.server).post(`/api/cases/${c!.id}/transition`).set(me).send({ to: 'closed_dismissed', note: '变更有合法审批' }).expect(200);
    const r = await request(t.server).get('/api/flags?detector=PERF&page_size=5').set(as('audit'));
    expect(r.status).toBe(200);
    expect(r.body.total).toBeGreaterThan(0);
    const p = r.body.precision.PERF;
    expect(p.dismissed).toBeGreaterThanOrEqual(1);
    expect(p.precision).toBeCloseTo(p.confirmed / (p.confirmed + p.dismissed), 10);
  });
});

describe('roles on every route', () => {
  type Route = [method: 'get' | 'post', path: () => string, body?: object];
  const caseId = () => String(caseForRoles);
  let caseForRoles = 0;
  beforeAll(async () => {
    const [c] = await t.db.ds.query(`SELECT id FROM cases WHERE status = 'new' ORDER BY id DESC LIMIT 1`);
    caseForRoles = c.id;
  });
  const routes: Record<string, Route> = {
    'POST /api/imports': ['post', () => '/api/imports?kind=bids'],
    'GET /api/imports/:id': ['get', () => '/api/imports/1'],
    'GET /api/tenders/:code': ['get', () => `/api/tenders/${answers.postAward[0]!.tenderCode}`],
    'GET /api/flags': ['get', () => '/api/flags'],
    'GET /api/rings': ['get', () => '/api/rings'],
    'GET /api/cases': ['get', () => '/api/cases'],
    'GET /api/cases/:id': ['get', () => `/api/cases/${caseId()}`],
    'GET /api/cases/:id/events': ['get', () => `/api/cases/${caseId()}/events`],
    'POST /api/cases/:id/notes': ['post', () => `/api/cases/${caseId()}/notes`, { text: '角色测试' }],
    'GET /metrics': ['get', () => '/metrics'],
  };
  const allowed: Record<string, string[]> = {
    'POST /api/imports': ['clerk', 'root'],
    'GET /api/imports/:id': ['clerk', 'boss', 'audit', 'root'],
    'GET /api/tenders/:code': ['insp0', 'boss', 'audit', 'root'],
    'GET /api/flags': ['insp0', 'boss', 'audit', 'root'],
    'GET /api/rings': ['insp0', 'boss', 'audit', 'root'],
    'GET /api/cases': ['insp0', 'boss', 'audit', 'root'],
    'GET /api/cases/:id': ['insp0', 'boss', 'audit', 'root'],
    'GET /api/cases/:id/events': ['insp0', 'boss', 'audit', 'root'],
    'POST /api/cases/:id/notes': ['insp0', 'boss', 'root'],
    'GET /metrics': ['clerk', 'insp0', 'boss', 'audit', 'root'],
  };
  const who = ['clerk', 'insp0', 'boss', 'audit', 'root'];
  it.each(Object.keys(routes).flatMap((r) => who.map((w) => [r, w] as const)))('%s as %s', async (route, user) => {
    const [method, path, body] = routes[route]!;
    let req = request(t.server)[method](path()).set(as(user));
    if (route === 'POST /api/imports') req = req.set('Content-Type', 'text/csv').send('tender_code\nx\n');
    else if (body) req = req.send(body);
    const res = await req;
    if (allowed[route]!.includes(user)) expect([200, 201, 202]).toContain(res.status);
    else expect(res.status).toBe(403);
  });

  it('refuses claim and transition to the auditor and the importer, and every route without a key', async () => {
    for (const u of ['audit', 'clerk']) {
      expect((await request(t.server).post(`/api/cases/${caseId()}/claim`).set(as(u))).status).toBe(403);
      expect((await request(t.server).post(`/api/cases/${caseId()}/transition`).set(as(u)).send({ to: 'triaged' })).status).toBe(403);
    }
    for (const [method, path] of Object.values(routes)) {
      expect((await request(t.server)[method](path())).status).toBe(401);
    }
  });
});
