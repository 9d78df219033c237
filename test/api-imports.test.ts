import request from 'supertest';
import { csv, tenderRows, uscc } from './support/fixtures.js';
import { startTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ maxUploadBytes: 5 * 1024 * 1024 });
});
afterAll(async () => t?.close());

const auth = (name: string) => ({ Authorization: `Bearer ${t.keys[name]}` });

describe('POST /api/imports through BullMQ', () => {
  it('answers 202, the worker imports, GET reports the summary', async () => {
    const body = csv([...tenderRows('API-T-1', 3), ...tenderRows('API-T-2', 2, { bid_price: 'x' }, 10)]);
    const res = await request(t.server).post('/api/imports?kind=bids').set(auth('importer')).set('Content-Type', 'text/csv').send(body);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ importId: expect.any(Number), status: 'queued' });
    await t.waitForJob('import', String(res.body.importId));
    const got = await request(t.server).get(`/api/imports/${res.body.importId}`).set(auth('importer'));
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ status: 'succeeded', kind: 'bids', rowsRead: 5, accepted: 3, rejected: 2, unchanged: 0 });
    expect(got.body.errors[0]).toMatchObject({ line: 5, column: 'bid_price' });
  });

  it('takes a multipart upload with a Chinese file name', async () => {
    const res = await request(t.server)
      .post('/api/imports?kind=bids')
      .set(auth('importer'))
      .attach('file', Buffer.from(csv(tenderRows('API-T-3', 2, {}, 20))), { filename: '投标记录.csv', contentType: 'text/csv' });
    expect(res.status).toBe(202);
    await t.waitForJob('import', String(res.body.importId));
    const got = await request(t.server).get(`/api/imports/${res.body.importId}`).set(auth('importer'));
    expect(got.body).toMatchObject({ status: 'succeeded', accepted: 2, fileName: '投标记录.csv' });
  });

  it('reports a refused file as failed with its one message', async () => {
    const res = await request(t.server).post('/api/imports?kind=contracts').set(auth('importer')).set('Content-Type', 'text/csv').send('a,b\n1,2\n');
    await t.waitForJob('import', String(res.body.importId));
    const got = await request(t.server).get(`/api/imports/${res.body.importId}`).set(auth('importer'));
    expect(got.body).toMatchObject({ status: 'failed', error: expect.stringContaining('不是表头') });
  });

  it('takes the issue-12 kinds: firm-relations and boq (kind in the OpenAPI enum)', async () => {
    const post = async (kind: string, body: string) => {
      const res = await request(t.server).post(`/api/imports?kind=${kind}`).set(auth('importer')).set('Content-Type', 'text/csv').send(body);
      expect(res.status).toBe(202);
      await t.waitForJob('import', String(res.body.importId));
      return (await request(t.server).get(`/api/imports/${res.body.importId}`).set(auth('importer'))).body;
    };
    const rel = await post('firm-relations', `firm_uscc,relation,related_uscc\n${uscc(91)},shareholder,${uscc(92)}\n${uscc(93)},shareholder,${uscc(93)}\n`);
    expect(rel).toMatchObject({ status: 'succeeded', kind: 'firm-relations', rowsRead: 2, accepted: 1, rejected: 1, errors: [{ line: 3, column: 'related_uscc' }] });
    await post('bids', csv(tenderRows('API-BOQ-1', 1, {}, 95)));
    const boq = await post('boq', `tender_code,bidder_uscc,line_no,item_code,quantity,unit_price,amount\nAPI-BOQ-1,${uscc(96)},1,010101001001,1,2.00,2.00\n`);
    expect(boq).toMatchObject({ status: 'succeeded', kind: 'boq', rowsRead: 1, accepted: 1, rejected: 0 });
    const docs = await request(t.server).get('/api/docs/json').set(auth('admin'));
    const kindParam = docs.body.paths['/api/imports'].post.parameters.find((p: { name: string }) => p.name === 'kind');
    expect(kindParam.schema.enum).toEqual(['bids', 'contracts', 'attendance', 'firm-relations', 'boq']);
  });

  it('refuses without a key (401), for a role without the right (403), on bad input (400)', async () => {
    const none = await request(t.server).post('/api/imports?kind=bids').send('x');
    expect(none.status).toBe(401);
    expect(none.body.error).toMatchObject({ code: 'unauthorized' });
    const wrong = await request(t.server).post('/api/imports?kind=bids').set('Authorization', 'Bearer bw_nope').send('x');
    expect(wrong.status).toBe(401);
    const inspector = await request(t.server).post('/api/imports?kind=bids').set(auth('inspector')).send('x');
    expect(inspector.status).toBe(403);
    expect(inspector.body.error.code).toBe('forbidden');
    const badKind = await request(t.server).post('/api/imports?kind=nope').set(auth('importer')).send('x');
    expect(badKind.status).toBe(400);
    expect(badKind.body.error).toMatchObject({ code: 'validation_failed', details: [expect.stringContaining('kind')] });
    const empty = await request(t.server).post('/api/imports?kind=bids').set(auth('importer')).set('Content-Type', 'text/csv').send('');
    expect(empty.status).toBe(400);
    const missing = await request(t.server).get('/api/imports/999999').set(auth('admin'));
    expect(missing.status).toBe(404);
  });

  it('refuses an upload over the size limit with 413', async () => {
    const big = Buffer.alloc(6 * 1024 * 1024, 0x61);
    const res = await request(t.server).post('/api/imports?kind=bids').set(auth('importer')).set('Content-Type', 'text/csv').send(big);
    expect(res.status).toBe(413);
  });
});

describe('health, metrics, docs', () => {
  it('health needs no key and checks the database and Redis', async () => {
    const res = await request(t.server).get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body.info).toMatchObject({ database: { status: 'up' }, redis: { status: 'up', mode: 'bullmq' } });
  });
  it('metrics need a key and speak Prometheus text', async () => {
    expect((await request(t.server).get('/metrics')).status).toBe(401);
    const res = await request(t.server).get('/metrics').set(auth('admin'));
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/bidwatch_import_runs\{status="succeeded"\} \d+/);
  });
  it('serves the OpenAPI document with security headers', async () => {
    const res = await request(t.server).get('/api/docs/json').set(auth('admin'));
    expect(res.status).toBe(200);
    expect(res.body.paths).toHaveProperty('/api/imports');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});
