import request from 'supertest';
import { startTestApp, type TestApp } from './support/test-app.js';
import { insertCase } from './support/cases.js';

/** Issue 15 §5: one JSON record per request with who asked (never the key), and the events an operator looks for. */
describe('request and event logs', () => {
  let t: TestApp;
  const lines: string[] = [];
  const records = () => lines.map((l) => JSON.parse(l) as Record<string, any>);
  beforeAll(async () => {
    t = await startTestApp({
      worker: false,
      users: [['张检查', 'inspector'], ['录入员', 'importer']],
      config: { logFormat: 'json' },
      logDestination: { write: (s: string) => void lines.push(...s.split('\n').filter(Boolean)) },
    });
  });
  afterAll(async () => t?.close());
  beforeEach(() => void (lines.length = 0));

  it('writes one line per request with the user, an ISO time and no key', async () => {
    const key = t.keys['张检查']!;
    expect((await request(t.server).get('/api/cases?page_size=5').set('Authorization', `Bearer ${key}`)).status).toBe(200);
    const line = records().find((r) => r.req?.url?.startsWith('/api/cases'));
    expect(line).toMatchObject({ level: 30, res: { status: 200 }, req: { method: 'GET' }, user: { name: '张检查', role: 'inspector' } });
    expect(line!.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(typeof line!.responseTime).toBe('number');
    expect(lines.join('\n')).not.toContain(key);
    expect(lines.join('\n')).not.toContain(key.slice(0, 12));
    expect(lines.join('\n').toLowerCase()).not.toContain('authorization');
  });

  it('records a failed sign-in as an auth.failure event without the key it tried', async () => {
    const bogus = 'bw_thisisnotarealkey0123456789';
    expect((await request(t.server).get('/api/cases').set('Authorization', `Bearer ${bogus}`)).status).toBe(401);
    expect((await request(t.server).get('/api/cases')).status).toBe(401);
    const events = records().filter((r) => r.event === 'auth.failure');
    expect(events.map((e) => e.reason)).toEqual(['invalid_key', 'missing_key']);
    expect(events[0]).toMatchObject({ path: '/api/cases', method: 'GET', level: 40 });
    expect(lines.join('\n')).not.toContain(bogus);
  });

  it('records an upload and a case transition as events', async () => {
    const csv = 'tender_code,project_name\nX,Y\n';
    const up = await request(t.server)
      .post('/api/imports?kind=bids&format=csv&filename=a.csv')
      .set('Authorization', `Bearer ${t.keys['录入员']}`)
      .set('Content-Type', 'text/csv')
      .send(csv);
    expect(up.status).toBe(202);
    expect(records().find((r) => r.event === 'import.upload')).toMatchObject({
      importId: up.body.importId, kind: 'bids', format: 'csv', bytes: csv.length, user: { name: '录入员' },
    });
    const id = await insertCase(t.db.ds, { district: null });
    const claim = await request(t.server).post(`/api/cases/${id}/claim`).set('Authorization', `Bearer ${t.keys['张检查']}`);
    expect(claim.status).toBe(200);
    const start = await request(t.server)
      .post(`/api/cases/${id}/transition`)
      .set('Authorization', `Bearer ${t.keys['张检查']}`)
      .send({ to: 'investigating' });
    expect(start.status).toBe(200);
    const moves = records().filter((r) => r.event === 'case.transition');
    expect(moves.map((m) => [m.caseId, m.from, m.to])).toEqual([[id, null, 'assigned'], [id, 'assigned', 'investigating']]);
    expect(moves[1].user).toMatchObject({ name: '张检查' });
  });

  it('does not log health probes', async () => {
    await request(t.server).get('/api/health');
    expect(records().filter((r) => r.req?.url?.startsWith('/api/health'))).toEqual([]);
  });
});
