import request from 'supertest';
import { insertCase } from './support/cases.js';
import { usersService } from './support/services.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Issue 14, point 8: bad input is a 4xx, never a 500. Every route the OpenAPI document lists (so a route added
 * later is covered without editing this file), each of its parameters in turn set to hostile values, and hostile
 * bodies on the routes that take one; plus the console's own routes. A 500 names the request that caused it.
 */
let t: TestApp;
let caseId: number;
/** The one user the /api/users routes may rotate and revoke while they are probed (not a key the probes use). */
let targetUserId: number;

beforeAll(async () => {
  t = await startTestApp({ worker: false, maxUploadBytes: 1024 * 1024 });
  caseId = await insertCase(t.db.ds);
  targetUserId = Number((await usersService(t.db.ds).create('fuzz-target', 'inspector', null)).user.id);
}, 60_000);
afterAll(async () => t?.close());

interface Operation {
  method: 'get' | 'post';
  path: string;
  params: { name: string; in: 'path' | 'query' }[];
  body: boolean;
}

/** Raw text put into the URL as it is (already percent-encoded where it has to be). */
const HOSTILE = [
  '%00', 'a%00b', '%01', '9223372036854775807', '9223372036854775808', '18446744073709551616', '-1', '0', '1.5', '1e309',
  'NaN', 'Infinity', '%zz', '%E0%A4%A', '%C0%AF', "'%20OR%201%3D1--", '%25', '_', '%5C', 'x'.repeat(5_000),
  '%F0%9F%98%80', '%0D%0ASet-Cookie%3Ax%3D1', '..%2F..%2Fetc%2Fpasswd', '', '%20',
];
/** Query shapes Express's parser turns into arrays and objects. */
const SHAPES = (name: string) => [`${name}[]=1&${name}[]=2`, `${name}[a]=1`, `${name}=1&${name}=2`, `${name}[__proto__][x]=1`];

const BODIES = [
  '{}', '[]', 'null', '"text"', '12', '{"to":{}}', '{"to":"triaged","note":"a\\u0000b"}', '{"text":"a\\u0000b"}',
  '{"text":{"$gt":""}}', '{"text":["a"]}', '{"to":"assigned","assignee":9223372036854775808}', '{"to":"assigned","assignee":1e309}',
  '{"to":"assigned","assignee":-1}', '{"__proto__":{"admin":true}}', '{"text":"x","extra":1}', '{bad json', '['.repeat(5_000),
  `{"text":"${'长'.repeat(6_000)}"}`, '{"to":"closed_confirmed","note":"x","outcome":"a\\u0000"}',
];

let operations: Operation[] = [];

async function loadOperations(): Promise<Operation[]> {
  const doc = await request(t.server).get('/api/docs/json').set('Authorization', `Bearer ${t.keys.admin}`);
  expect(doc.status).toBe(200);
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.body.paths as Record<string, Record<string, { parameters?: Operation['params']; requestBody?: unknown }>>)) {
    for (const [method, op] of Object.entries(methods)) {
      if (method !== 'get' && method !== 'post') continue;
      ops.push({ method, path, params: (op.parameters ?? []).filter((p) => p.in === 'path' || p.in === 'query'), body: !!op.requestBody });
    }
  }
  return ops;
}

/** A URL for the operation with every path parameter set to a valid value but `hostile`'s own. */
function url(op: Operation, override?: { name: string; raw: string }): string {
  let path = op.path;
  for (const p of op.params.filter((x) => x.in === 'path')) {
    const id = op.path.startsWith('/api/users/') ? targetUserId : caseId;
    const raw = override?.name === p.name ? override.raw : p.name === 'id' ? String(id) : 'T-FUZZ-1';
    path = path.replace(`{${p.name}}`, raw);
  }
  return path;
}

const failures: string[] = [];

async function probe(method: 'get' | 'post', path: string, body?: string): Promise<void> {
  let r = request(t.server)[method](path).set('Authorization', `Bearer ${t.keys.admin}`);
  if (body !== undefined) r = r.set('Content-Type', 'application/json').send(body);
  else if (method === 'post' && path.startsWith('/api/imports')) r = r.set('Content-Type', 'text/csv').send('x');
  const res = await r;
  if (res.status >= 500) failures.push(`${method.toUpperCase()} ${path.slice(0, 120)}${body ? ` body ${body.slice(0, 60)}` : ''} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
}

describe('no 500 for bad input', () => {
  beforeAll(async () => {
    operations = await loadOperations();
  });
  beforeEach(() => {
    failures.length = 0;
  });

  it('the API description lists the routes to probe', () => {
    expect(operations.length).toBeGreaterThanOrEqual(18);
    expect(operations.map((o) => o.path)).toEqual(expect.arrayContaining(['/api/cases/{id}', '/api/rings/{id}', '/api/imports/{id}', '/api/flags']));
  });

  it('hostile path parameters', async () => {
    for (const op of operations) {
      for (const p of op.params.filter((x) => x.in === 'path')) {
        for (const raw of HOSTILE) if (raw !== '') await probe(op.method, url(op, { name: p.name, raw }));
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('hostile query parameters, one at a time, also on routes that take none', async () => {
    for (const op of operations) {
      const names = op.params.filter((x) => x.in === 'query').map((x) => x.name);
      for (const name of names.length ? names : ['page', 'q']) {
        for (const raw of HOSTILE) await probe(op.method, `${url(op)}?${name}=${raw}`);
        for (const shape of SHAPES(name)) await probe(op.method, `${url(op)}?${shape}`);
      }
    }
    expect(failures).toEqual([]);
  }, 180_000);

  it('hostile bodies', async () => {
    const claimed = await insertCase(t.db.ds);
    await request(t.server).post(`/api/cases/${claimed}/claim`).set('Authorization', `Bearer ${t.keys.admin}`).expect(200);
    for (const op of operations.filter((o) => o.method === 'post')) {
      for (const body of BODIES) {
        await probe('post', url(op), body);
        if (op.path.includes('{id}') && !op.path.startsWith('/api/users/')) await probe('post', op.path.replace('{id}', String(claimed)), body);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('the named cases of the issue are 400s', async () => {
    const admin = { Authorization: `Bearer ${t.keys.admin}` };
    for (const path of ['/api/cases?district=a%00b', '/api/cases?q=%00', '/api/flags?tender=%00', '/api/cases/9223372036854775808',
      '/api/rings/9223372036854775808', '/api/imports/9223372036854775808']) {
      const res = await request(t.server).get(path).set(admin);
      expect({ path, status: res.status, code: res.body.error?.code }).toEqual({ path, status: 400, code: 'validation_failed' });
    }
  });

  it('the console routes and malformed requests outside the API description', async () => {
    for (const path of ['/console/js/%00', '/console/js/%zz', '/console/js/..%2F..%2Fpackage.json', '/console/assets/%00', '/console/assets/..%2F..%2Fx',
      '/api/%zz', '/api/cases/%zz/events', '/%00']) {
      await probe('get', path);
    }
    const res = await request(t.server).post(`/api/cases/${caseId}/notes`).set('Authorization', `Bearer ${t.keys.admin}`)
      .set('Content-Type', 'application/json').send('{"text": "x"');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'bad_request' });
    expect(failures).toEqual([]);
  });

  it('a 413 says so with details null, not false', async () => {
    const big = await request(t.server).post(`/api/cases/${caseId}/notes`).set('Authorization', `Bearer ${t.keys.admin}`)
      .set('Content-Type', 'application/json').send(JSON.stringify({ text: 'x'.repeat(2 * 1024 * 1024) }));
    expect(big.status).toBe(413);
    expect(big.body.error).toEqual({ code: 'payload_too_large', message: expect.any(String), details: null });
    const upload = await request(t.server).post('/api/imports?kind=bids').set('Authorization', `Bearer ${t.keys.importer}`)
      .set('Content-Type', 'text/csv').send(Buffer.alloc(1536 * 1024, 0x61));
    expect(upload.status).toBe(413);
    expect(upload.body.error).toEqual({ code: 'payload_too_large', message: expect.stringContaining('MB'), details: null });
  });
});
