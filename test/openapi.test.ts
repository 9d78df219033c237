import request from 'supertest';
import type { z } from 'zod';
import { accounts, withNewKey } from '../src/auth/users.responses.js';
import { auditCheck, caseDetail, caseEvent, caseEvents, caseList } from '../src/cases/case.responses.js';
import { flagsPage, partyFindings, ringDetail, ringList, tenderBoq, tenderBoqCompare, tenderPage } from '../src/findings/findings.responses.js';
import { importErrors, importList, importSummary } from '../src/imports/import.responses.js';
import { discountTrendReport } from '../src/reports/report.responses.js';
import { assignees, attendance, districts, me, ringGraph } from '../src/web/console.responses.js';
import { insertCase } from './support/cases.js';
import { BID_HEADER, csv, tenderRows, tmpFile, uscc, type Row } from './support/fixtures.js';
import { detectionService, importService } from './support/services.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Issue 15 §5: the API description's response schemas are the zod schemas in the `*.responses.ts` files, and the real
 * answers of every documented JSON route match them. A field renamed in a repository breaks this test.
 */
let t: TestApp;
let caseId: number;
let ringId: number;
let importId: number;
const admin = () => ({ Authorization: `Bearer ${t.keys.admin}` });

beforeAll(async () => {
  t = await startTestApp({ worker: false });
  const imports = importService(t.db.ds);
  const rows: Row[] = [];
  const buyer = { buyer_uscc: uscc(900), buyer_name: '昆山市城市建设投资发展集团有限公司', agency_uscc: uscc(901), agency_name: '江苏某某工程咨询有限公司' };
  for (let i = 0; i < 12; i++) rows.push(...tenderRows(`OA-${i}`, 5, buyer, i * 3));
  rows.push(...tenderRows('OA-BAD', 2, { bid_price: 'x' }, 200));
  importId = (await imports.importFile({ path: tmpFile('openapi-bids.csv', csv(rows, [...BID_HEADER, ...Object.keys(buyer)])), kind: 'bids', format: 'csv' })).importId;
  const lines = ['tender_code,person_id,role,employer_uscc,work_date,present'];
  for (let d = 1; d <= 12; d++) lines.push(`OA-1,320583199001010011,worker,${uscc(4)},2024-04-${String(d).padStart(2, '0')},true`);
  await imports.importFile({ path: tmpFile('openapi-att.csv', lines.join('\n') + '\n'), kind: 'attendance', format: 'csv' });
  const boq = ['tender_code,bidder_uscc,line_no,item_code,item_name,unit,quantity,unit_price,amount'];
  for (const f of [1, 2]) for (let l = 1; l <= 3; l++) boq.push(`OA-0,${uscc(f)},${l},01010100100${l},土方开挖,m3,12.5,${20 + f}.00,${(12.5 * (20 + f)).toFixed(2)}`);
  await imports.importFile({ path: tmpFile('openapi-boq.csv', boq.join('\n') + '\n'), kind: 'boq', format: 'csv' });
  const run = await detectionService(t.db.ds).run({});
  const [ring] = await t.db.ds.query(
    `INSERT INTO rings (run_id, ring_key, members, n_members, n_tenders_together, rotation, cohesion, exclusivity, score, explanation, evidence)
     VALUES ($1, 'oa-ring', $2, 2, 5, 0.5, 0.4, 0.3, 0.8, '测试团伙', '{}') RETURNING id`,
    [run.runId, [uscc(1), uscc(2)]],
  );
  ringId = Number(ring.id);
  caseId = await insertCase(t.db.ds, { district: null, subjectId: 'OA-1' });
}, 180_000);
afterAll(async () => t?.close());

const mismatches: unknown[] = [];
function expectShape(schema: z.ZodType, body: unknown, route: string) {
  const r = schema.safeParse(body);
  if (!r.success) mismatches.push({ route, issues: r.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`) });
}

it('every JSON answer matches the schema the API description gives it', async () => {
  const get = async (path: string) => {
    const res = await request(t.server).get(path).set(admin());
    expect({ path, status: res.status }).toEqual({ path, status: 200 });
    return res.body;
  };
  const checks: [z.ZodType, string][] = [
    [caseList, '/api/cases'],
    [caseDetail, `/api/cases/${caseId}`],
    [auditCheck, `/api/cases/${caseId}/audit`],
    [tenderPage, '/api/tenders/OA-1'],
    [flagsPage, '/api/flags'],
    [tenderBoq, '/api/tenders/OA-0/boq'],
    [tenderBoqCompare, `/api/tenders/OA-0/boq/compare?a=${uscc(1)}&b=${uscc(2)}`],
    [partyFindings, '/api/findings/by-buyer'],
    [partyFindings, '/api/findings/by-agency'],
    [ringList, '/api/rings'],
    [ringDetail, `/api/rings/${ringId}`],
    [ringGraph, `/api/rings/${ringId}/graph`],
    [importList, '/api/imports'],
    [importSummary, `/api/imports/${importId}`],
    [importErrors, `/api/imports/${importId}/errors`],
    [me, '/api/me'],
    [attendance, '/api/tenders/OA-1/attendance'],
    [districts, '/api/districts'],
    [assignees, '/api/assignees'],
    [auditCheck, '/api/audit/verify'],
    [accounts, '/api/users'],
    [discountTrendReport, '/api/reports/discount-trend?from=2023&to=2024'],
  ];
  for (const [schema, path] of checks) expectShape(schema, await get(path), path);
  expect((await get('/api/flags')).items.length).toBeGreaterThan(0);
  expect((await get(`/api/imports/${importId}/errors`)).items.length).toBeGreaterThan(0);
  expect((await get('/api/findings/by-buyer')).items[0]).toMatchObject({ uscc: uscc(900), tenders: 12 });
  expect((await get('/api/tenders/OA-0/boq')).items).toHaveLength(6);
  expect((await get(`/api/tenders/OA-0/boq/compare?a=${uscc(1)}&b=${uscc(2)}`)).items).toHaveLength(3);

  const post = async (path: string, body?: object) => (await request(t.server).post(path).set(admin()).send(body ?? {})).body;
  expectShape(caseDetail, await post(`/api/cases/${caseId}/claim`), 'claim');
  expectShape(caseDetail, await post(`/api/cases/${caseId}/transition`, { to: 'investigating' }), 'transition');
  expectShape(caseEvent, await post(`/api/cases/${caseId}/notes`, { text: '现场核查已安排' }), 'notes');
  expectShape(caseEvents, await get(`/api/cases/${caseId}/events`), 'events');
  expectShape(withNewKey, await post('/api/users', { name: '接口测试', role: 'inspector' }), 'users create');
  expect(mismatches).toEqual([]);
});

it('describes keys as API keys, /metrics as secured, the upload body, and an answer for every route', async () => {
  const doc = (await request(t.server).get('/api/docs/json').set(admin())).body;
  expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  expect(doc.components.securitySchemes.bearer.bearerFormat).not.toMatch(/JWT/i);
  expect(doc.paths['/metrics'].get.security).toEqual([{ bearer: [] }]);
  const upload = doc.paths['/api/imports'].post;
  expect(Object.keys(upload.requestBody.content)).toEqual(expect.arrayContaining(['text/csv', 'application/json', 'multipart/form-data']));
  expect(upload.parameters.find((p: { name: string }) => p.name === 'kind').schema.enum).toEqual(expect.arrayContaining(['bids', 'contracts', 'attendance']));
  const undocumented: string[] = [];
  for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, { responses: Record<string, { content?: unknown }> }>>)) {
    if (path === '/metrics' || path === '/api/health') continue; // text, and terminus's own schema
    for (const [method, op] of Object.entries(methods)) {
      const ok = Object.entries(op.responses).find(([s]) => s.startsWith('2'));
      if (!ok?.[1].content) undocumented.push(`${method.toUpperCase()} ${path}`);
      if (!op.responses['401']) undocumented.push(`${method.toUpperCase()} ${path} (401)`);
    }
  }
  expect(undocumented).toEqual([]);
  expect(doc.paths['/api/cases/{id}'].get.responses['200'].content['application/json'].schema.properties.status.enum).toContain('investigating');
});
