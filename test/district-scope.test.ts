import request from 'supertest';
import type { Role } from '../src/auth/roles.js';

import { insertCase } from './support/cases.js';

import { csv, tenderRows, tmpFile, uscc, type Row } from './support/fixtures.js';

import { startTestApp, type TestApp } from './support/test-app.js';

import { importService } from './support/services.js';


/**
 * Issue 14, point 6: every read route confined to the inspector's 区镇, across the role × district matrix.
 * Two tenders (玉山镇, 周市镇) with bids and attendance, flags and rings of a current run made for the test, a case
 * in each district.
 */
const USERS: [string, Role, string?][] = [
  ['ys', 'inspector', '玉山镇'],
  ['zs', 'inspector', '周市镇'],
  ['all', 'inspector'],
  ['boss', 'supervisor'],
  ['audit', 'auditor'],
  ['root', 'admin'],
  ['clerk', 'importer'],
];
const READERS_ALL = ['all', 'boss', 'audit', 'root'];

let t: TestApp;
const ring: Record<string, number> = {};
const kase: Record<string, number> = {};

beforeAll(async () => {
  t = await startTestApp({ worker: false, users: USERS });
  const imports = importService(t.db.ds);
  const bids = [...tenderRows('T-YS-1', 3, { district: '玉山镇' }), ...tenderRows('T-ZS-1', 3, { district: '周市镇' }, 10)];
  expect(await imports.importFile({ path: tmpFile('scope-bids.csv', csv(bids)), kind: 'bids', format: 'csv' })).toMatchObject({ accepted: 6 });
  const header = ['tender_code', 'person_id', 'role', 'employer_uscc', 'work_date', 'present'];
  const att: Row[] = ['T-YS-1', 'T-ZS-1'].map((code, i) => ({
    tender_code: code, person_id: `32058319800101${2000 + i}`, role: 'project_manager', employer_uscc: uscc(1 + i * 10), work_date: '2024-05-06', present: 'true',
  }));
  expect(await imports.importFile({ path: tmpFile('scope-att.csv', csv(att, header)), kind: 'attendance', format: 'csv' })).toMatchObject({ accepted: 2 });

  const [run] = await t.db.ds.query(
    `INSERT INTO detection_runs (status, settings_hash, full_scope, finished_at) VALUES ('succeeded', 'scope-test', true, now()) RETURNING id`,
  );
  const flag = (detector: string, subjectType: string, subjectId: string, tender: string | null, bidder: string | null) =>
    t.db.ds.query(
      `INSERT INTO flags (run_id, detector, version, subject_type, subject_id, tender_code, bidder_uscc, score, severity, explanation, evidence, year)
       VALUES ($1, $2, '1', $3, $4, $5, $6, 0.9, 'high', 'test', '{}', $7)`,
      [run.id, detector, subjectType, subjectId, tender, bidder, tender ? 2024 : null],
    );
  await flag('ALB', 'bid', 'T-YS-1/1', 'T-YS-1', uscc(1));
  await flag('ALB', 'bid', 'T-ZS-1/1', 'T-ZS-1', uscc(11));
  await flag('A40', 'bid', 'T-ZS-1/2', 'T-ZS-1', uscc(11));
  await flag('DISQ', 'firm', uscc(12), null, uscc(12));
  const addRing = async (key: string, tenders: string[]) => {
    const [r] = await t.db.ds.query(
      `INSERT INTO rings (run_id, ring_key, members, n_members, n_tenders_together, score, explanation, evidence)
       VALUES ($1, $2, $3::text[], 2, 1, 0.8, 'test', $4::jsonb) RETURNING id`,
      [run.id, key, [uscc(11), uscc(12)], JSON.stringify({ tenders })],
    );
    return Number(r.id);
  };
  ring.zs = await addRing('R-ZS', ['T-ZS-1']);
  ring.both = await addRing('R-BOTH', ['T-YS-1', 'T-ZS-1']);
  kase.ys = await insertCase(t.db.ds, { district: '玉山镇' });
  kase.zs = await insertCase(t.db.ds, { district: '周市镇' });
}, 60_000);
afterAll(async () => t?.close());

const get = (who: string, path: string) => request(t.server).get(path).set('Authorization', `Bearer ${t.keys[who]}`);

/** Status per user for one path. */
async function statuses(path: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [who] of USERS) out[who] = (await get(who, path)).status;
  return out;
}

const expectMatrix = (ys: number, zs: number) => ({ ys, zs, all: 200, boss: 200, audit: 200, root: 200, clerk: 403 });

describe.each([
  ['a 玉山镇 tender', (): string => '/api/tenders/T-YS-1', [200, 404]],
  ['a 周市镇 tender', (): string => '/api/tenders/T-ZS-1', [404, 200]],
  ['玉山镇 attendance', (): string => '/api/tenders/T-YS-1/attendance', [200, 404]],
  ['周市镇 attendance', (): string => '/api/tenders/T-ZS-1/attendance', [404, 200]],
  ['a ring resting on 周市镇 only', (): string => `/api/rings/${ring.zs}`, [404, 200]],
  ['its graph', (): string => `/api/rings/${ring.zs}/graph`, [404, 200]],
  ['a ring resting on both districts', (): string => `/api/rings/${ring.both}`, [200, 200]],
  ['a 玉山镇 case', (): string => `/api/cases/${kase.ys}`, [200, 404]],
  ['a 周市镇 case', (): string => `/api/cases/${kase.zs}`, [404, 200]],
  ['a 周市镇 case’s events', (): string => `/api/cases/${kase.zs}/events`, [404, 200]],
  ['a 周市镇 case’s audit check', (): string => `/api/cases/${kase.zs}/audit`, [404, 200]],
] as const)('%s', (_label, path, [ys, zs]) => {
  it('answers by role and district', async () => {
    expect(await statuses(path())).toEqual(expectMatrix(ys, zs));
  });
});

describe('lists', () => {
  const codes = async (who: string) =>
    ((await get(who, '/api/flags?page_size=500').expect(200)).body.items as { tender_code: string | null; detector: string }[])
      .map((f) => `${f.detector}:${f.tender_code ?? 'none'}`).sort();

  it('flags: a district inspector sees the flags of their district’s tenders only', async () => {
    expect(await codes('ys')).toEqual(['ALB:T-YS-1']);
    expect(await codes('zs')).toEqual(['A40:T-ZS-1', 'ALB:T-ZS-1']);
    for (const who of READERS_ALL) expect(await codes(who)).toEqual(['A40:T-ZS-1', 'ALB:T-YS-1', 'ALB:T-ZS-1', 'DISQ:none']);
    expect((await get('ys', '/api/flags?tender=T-ZS-1').expect(200)).body.total).toBe(0);
    expect((await get('ys', '/api/flags').expect(200)).body.total).toBe(1);
  });

  it('findings by buyer and by agency: counted over the district’s tenders only, paged, role-checked', async () => {
    // one 招标人 for both tenders; an agency on the 周市镇 tender only
    await t.db.ds.query(`UPDATE tenders SET buyer_uscc = $1, buyer_name = '昆山市住建局' WHERE code IN ('T-YS-1', 'T-ZS-1')`, [uscc(900)]);
    await t.db.ds.query(`UPDATE tenders SET agency_uscc = $1, agency_name = '某代理公司' WHERE code = 'T-ZS-1'`, [uscc(901)]);
    const all = await get('all', '/api/findings/by-buyer').expect(200);
    expect(all.headers['x-total-count']).toBe('1');
    expect(all.body).toMatchObject({ total: 1, page: 1, pageSize: 50 });
    expect(all.body.items).toEqual([
      { uscc: uscc(900), name: '昆山市住建局', tenders: 2, flaggedTenders: 2, flags: 3, highFlags: 3, detectors: { A40: 1, ALB: 2 }, ownFlags: [] },
    ]);
    expect((await get('ys', '/api/findings/by-buyer').expect(200)).body.items).toEqual([
      { uscc: uscc(900), name: '昆山市住建局', tenders: 1, flaggedTenders: 1, flags: 1, highFlags: 1, detectors: { ALB: 1 }, ownFlags: [] },
    ]);
    expect((await get('zs', '/api/findings/by-agency').expect(200)).body.items).toEqual([
      { uscc: uscc(901), name: '某代理公司', tenders: 1, flaggedTenders: 1, flags: 2, highFlags: 2, detectors: { A40: 1, ALB: 1 }, ownFlags: [] },
    ]);
    expect((await get('ys', '/api/findings/by-agency').expect(200)).body).toMatchObject({ total: 0, items: [] });
    expect((await get('boss', '/api/findings/by-buyer?year=2023').expect(200)).body.total).toBe(0);
    expect((await get('boss', '/api/findings/by-buyer?page=2&page_size=1').expect(200)).body).toMatchObject({ total: 1, items: [] });
    expect((await get('clerk', '/api/findings/by-buyer')).status).toBe(403);
    expect((await get('boss', '/api/findings/by-agency?page_size=501')).status).toBe(400);
  });

  it('a tender’s BOQ side by side: in the district only, bidders chosen, paged', async () => {
    const header = ['tender_code', 'bidder_uscc', 'line_no', 'item_code', 'quantity', 'unit_price', 'amount'];
    const lines: Row[] = [1, 2].flatMap((f) => [1, 2, 3].map((l) => ({
      tender_code: 'T-YS-1', bidder_uscc: uscc(f), line_no: String(l), item_code: `01010100100${l}`, quantity: '2.5', unit_price: `${10 + f}.00`, amount: `${(2.5 * (10 + f)).toFixed(2)}`,
    })));
    const s = await importService(t.db.ds).importFile({ path: tmpFile('scope-boq.csv', csv(lines, header)), kind: 'boq', format: 'csv' });
    expect(s).toMatchObject({ accepted: 6, rejected: 0 });
    const all = (await get('ys', '/api/tenders/T-YS-1/boq').expect(200)).body;
    expect(all.bids).toEqual([
      { bidder_uscc: uscc(1), bidder_name: expect.any(String), n_lines: 3 },
      { bidder_uscc: uscc(2), bidder_name: expect.any(String), n_lines: 3 },
    ]);
    expect(all.items.slice(0, 2)).toEqual([
      { line_no: 1, bidder_uscc: uscc(1), item_code: '010101001001', item_name: null, unit: null, quantity: '2.500000', unit_price: '11.00', amount: '27.50' },
      { line_no: 1, bidder_uscc: uscc(2), item_code: '010101001001', item_name: null, unit: null, quantity: '2.500000', unit_price: '12.00', amount: '30.00' },
    ]);
    const one = (await get('boss', `/api/tenders/T-YS-1/boq?bidders=${uscc(2).toLowerCase()}&page=2&page_size=2`).expect(200)).body;
    expect(one).toMatchObject({ bidders: [uscc(2)], total: 3, page: 2, pageSize: 2, items: [{ line_no: 3, bidder_uscc: uscc(2) }] });
    expect((await get('zs', '/api/tenders/T-YS-1/boq')).status).toBe(404);
    expect((await get('clerk', '/api/tenders/T-YS-1/boq')).status).toBe(403);
    expect((await get('boss', '/api/tenders/T-YS-1/boq?bidders=nope')).status).toBe(400);
    expect((await get('boss', '/api/tenders/T-YS-1/boq?page_size=2001')).status).toBe(400);

    // the two bids side by side: one row per item, no mark (two bidders, different prices: no BOQSIM count)
    const cmp = (await get('ys', `/api/tenders/T-YS-1/boq/compare?a=${uscc(2)}&b=${uscc(1)}`).expect(200)).body;
    expect(cmp).toMatchObject({ tenderCode: 'T-YS-1', a: { uscc: uscc(2) }, b: { uscc: uscc(1) }, pair: [uscc(1), uscc(2)], total: 3 });
    expect(cmp.counts).toMatchObject({ common: 3, compared: 3, identical: 0, errorTotal: 0 });
    expect(cmp.items[0]).toEqual({
      itemCode: '010101001001', itemName: null, unit: null, marks: [],
      a: { lineNo: 1, quantity: 2.5, unitPrice: 12, amount: 30 }, b: { lineNo: 1, quantity: 2.5, unitPrice: 11, amount: 27.5 },
    });
    expect((await get('ys', `/api/tenders/T-YS-1/boq/compare?a=${uscc(2)}&b=${uscc(1)}&marked=1`).expect(200)).body).toMatchObject({ total: 0, items: [] });
    expect((await get('ys', `/api/tenders/T-YS-1/boq/compare?a=${uscc(2)}&b=${uscc(3)}`).expect(200)).body).toMatchObject({ pair: null, counts: null, total: 0 });
    expect((await get('zs', `/api/tenders/T-YS-1/boq/compare?a=${uscc(2)}&b=${uscc(1)}`)).status).toBe(404);
    expect((await get('clerk', `/api/tenders/T-YS-1/boq/compare?a=${uscc(2)}&b=${uscc(1)}`)).status).toBe(403);
    expect((await get('boss', `/api/tenders/T-YS-1/boq/compare?a=nope&b=${uscc(1)}`)).status).toBe(400);
    expect((await get('boss', '/api/tenders/T-YS-1/boq/compare')).status).toBe(400);
  });

  it('rings: listed when they rest on a tender of the district; paged with a total', async () => {
    const ids = async (who: string) => ((await get(who, '/api/rings').expect(200)).body as { id: number }[]).map((r) => Number(r.id)).sort();
    expect(await ids('ys')).toEqual([ring.both]);
    expect(await ids('zs')).toEqual([ring.zs, ring.both].sort());
    for (const who of READERS_ALL) expect(await ids(who)).toEqual([ring.zs, ring.both].sort());
    const paged = await get('boss', '/api/rings?page_size=1&page=2').expect(200);
    expect(paged.body).toHaveLength(1);
    expect(paged.headers['x-total-count']).toBe('2');
    expect((await get('boss', '/api/rings?page_size=501')).status).toBe(400);
  });

  it('a ring seen from one district shows the flags of that district’s tenders only', async () => {
    const flags = async (who: string) => ((await get(who, `/api/rings/${ring.both}`).expect(200)).body.flags as { tender_code: string }[]).map((f) => f.tender_code);
    expect(await flags('ys')).toEqual([]);
    expect(await flags('zs')).toEqual(['T-ZS-1']);
    expect(await flags('boss')).toEqual(['T-ZS-1']);
  });

  it('districts and cases: a district inspector sees their own', async () => {
    const districts = async (who: string) => ((await get(who, '/api/districts').expect(200)).body as { district: string }[]).map((d) => d.district).sort();
    expect(await districts('ys')).toEqual(['玉山镇']);
    expect(await districts('boss')).toEqual(['周市镇', '玉山镇'].sort());
    const cases = async (who: string) => ((await get(who, '/api/cases?page_size=200').expect(200)).body.items as { district: string }[]).map((c) => c.district);
    expect(await cases('ys')).toEqual(['玉山镇']);
    expect((await cases('all')).sort()).toEqual(['周市镇', '玉山镇'].sort());
  });
});
