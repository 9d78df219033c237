import type { RunDetectorsResult } from '../detectors/index.js';
import type { Flag } from '../detectors/types.js';
import { MergedMetrics } from '../detectors/merged-metrics.js';
import { UsersRepository } from '../src/auth/users.repository.js';
import { CasesRepository } from '../src/cases/cases.repository.js';
import { FindingsRepository } from '../src/findings/findings.repository.js';
import { TendersRepository } from '../src/tenders/tenders.repository.js';
import { uscc } from './support/fixtures.js';
import { createTestDb, type TestDb } from './support/test-db.js';

/**
 * Each repository on a real database with a few rows made for the test (the medium tier of DESIGN.md): what it
 * reads and writes, without the seed city or the HTTP layer.
 */
let db: TestDb;
beforeAll(async () => {
  db = await createTestDb('repos');
  const { ds } = db;
  await ds.query(`INSERT INTO firms (uscc, name) SELECT unnest($1::text[]), unnest($2::text[])`, [[uscc(1), uscc(2), uscc(3)], ['甲', '乙', '丙']]);
  await ds.query(
    `INSERT INTO tenders (code, project_name, district, category, work_type, tender_method, evaluation_method, control_price, open_date, year, content_hash)
     VALUES ('R-B', '乙工程', '周市镇', 'building', 'construction', 'open', 'comprehensive', 1000000, '2024-05-01', 2024, 'x'),
            ('R-A', '甲工程', '玉山镇', 'municipal', 'construction', 'open', 'comprehensive', 2000000, '2023-05-01', 2023, 'x')`,
  );
  await ds.query(
    `INSERT INTO bids (tender_id, firm_id, bid_price, discount_rate, is_winner)
     SELECT t.id, f.id, 900000, 0.1, f.uscc = $1 FROM tenders t, firms f WHERE t.code = 'R-B' AND f.uscc IN ($1, $2)`,
    [uscc(1), uscc(2)],
  );
  await ds.query(
    `INSERT INTO bids (tender_id, firm_id, bid_price, discount_rate, is_winner)
     SELECT t.id, f.id, 1800000, 0.1, true FROM tenders t, firms f WHERE t.code = 'R-A' AND f.uscc = $1`,
    [uscc(1)],
  );
  await ds.query(`UPDATE tenders SET winner_firm_id = (SELECT id FROM firms WHERE uscc = $1) WHERE code = 'R-B'`, [uscc(1)]);
});
afterAll(async () => db?.drop());

describe('TendersRepository', () => {
  const repo = () => new TendersRepository(db.ds);

  it('loads the Dataset in code order, bids by code and USCC, one year or all', async () => {
    const all = await repo().loadDataset();
    expect(all.tenders.map((t) => t.code)).toEqual(['R-A', 'R-B']);
    expect(all.bids.map((b) => `${b.tenderCode}/${b.bidderName}`)).toEqual(['R-A/甲', 'R-B/甲', 'R-B/乙']);
    expect(all.bids[1]).toMatchObject({ price: 900000, discount: 0.1, isWinner: true, valid: true });
    expect((await repo().loadDataset([2024])).tenders.map((t) => t.code)).toEqual(['R-B']);
    // without issue 12's inputs the Dataset is what it was before they existed: no optional keys at all
    expect(Object.keys(all)).toEqual(['tenders', 'bids', 'contracts', 'attendance']);
    expect(all.tenders[0]).not.toHaveProperty('buyerUscc');
    expect(all.bids[0]).not.toHaveProperty('uploadTime');
  });

  it('answers visibility by district, participation per firm, and the case context', async () => {
    expect(await repo().visible('R-A', '玉山镇')).toBe(true);
    expect(await repo().visible('R-A', '周市镇')).toBe(false);
    expect(await repo().visible('R-A', null)).toBe(true);
    expect(Object.fromEntries(await repo().participation())).toEqual({ [uscc(1)]: 2, [uscc(2)]: 1 });
    expect(await repo().caseContext(['R-B', 'NOPE'])).toEqual(new Map([['R-B', { district: '周市镇', projectName: '乙工程', winnerUscc: uscc(1) }]]));
  });
});

describe('FindingsRepository', () => {
  const flag = (detector: string, tender: string | null, bidder: string | null): Flag => ({
    detector, version: '1', subjectType: tender ? 'bid' : 'firm', subjectId: tender ? `${tender}/${bidder}` : (bidder as string),
    tenderCode: tender, bidderUscc: bidder, score: 0.5, severity: tender ? 'high' : 'low', explanation: `${detector} 说明`, evidence: { rule: 'r' },
  });
  const result = (flags: Flag[]): RunDetectorsResult => ({
    flags, coverage: [], rings: [], settings: {}, settingsHash: 'h', versions: {}, outputs: new Map(), view: {} as never, scorerMs: {},
    tenderMetrics: MergedMetrics.of(new Map([['R-B', { collusion_score: 0.4 }], ['R-A', { collusion_score: 0.1 }]]), new Map([['R-B', { cv: 0.2 }]])),
    firmMetrics: MergedMetrics.of(new Map([[uscc(1), { ring_score: 0.3 }]])),
    tenderFacts: new Map([['R-B', { ALB: { upperFence: 0.3 } }]]),
  });
  // one facts object shared by two tenders (ALB's peer group), beside a second detector's own
  const sharedFacts = { upperFence: 0.25, groupLabel: '同组 "引号"' };
  const sharedResult = (): RunDetectorsResult => ({
    ...result([]),
    tenderFacts: new Map<string, Record<string, Record<string, unknown>>>([
      ['R-A', { ALB: sharedFacts }],
      ['R-B', { ALB: sharedFacts, SITE: { months: ['2024-01'] } }],
    ]),
  });
  const yearOf = new Map([['R-A', 2023], ['R-B', 2024]]);

  it('saves a run in one transaction and reads back only the current run, most severe first', async () => {
    const repo = new FindingsRepository(db.ds);
    const run = { scope: {}, settings: {}, settingsHash: 'h', versions: {}, coverage: [], years: null, readFrom: await repo.now() };
    const first = await repo.saveRun(run, result([flag('ALB', 'R-B', uscc(2))]), yearOf, null, (id, n) => ({ id, n }));
    const second = await repo.saveRun(run, result([flag('IDENT', 'R-A', uscc(1)), flag('COBID', null, uscc(1)), flag('ALB', 'R-B', uscc(1))]), yearOf, null, (id, n) => ({ id, n }));
    expect(second.n).toBe(3);
    expect(second.id).toBeGreaterThan(first.id);
    const flags = await repo.flags();
    expect(flags.total).toBe(3);
    expect(flags.rows.map((f) => f.detector)).toEqual(['IDENT', 'ALB', 'COBID']); // high before low; equal scores by id
    expect((await repo.tenderMetrics()).get('R-B')).toEqual({ collusion_score: 0.4, cv: 0.2 });
    expect(await repo.tenderFacts('R-B')).toEqual({ ALB: { upperFence: 0.3 } });
    expect(await repo.tenderFacts('R-A')).toBeNull();
  });

  it('confines flags to a district through their tender: a firm flag is not shown to a district-bound reader', async () => {
    const repo = new FindingsRepository(db.ds);
    expect((await repo.flagsIn({}, '玉山镇')).rows.map((f) => f.detector)).toEqual(['IDENT']);
    expect((await repo.flagsIn({}, null)).total).toBe(3);
  });

  it('a failed save leaves nothing behind', async () => {
    const repo = new FindingsRepository(db.ds);
    const before = (await repo.flags()).total;
    const run = { scope: {}, settings: {}, settingsHash: 'h', versions: {}, coverage: [], years: null, readFrom: await repo.now() };
    await expect(repo.saveRun(run, result([flag('ALB', 'R-B', uscc(1))]), yearOf, null, () => {
      throw new Error('summary failed');
    })).rejects.toThrow('summary failed');
    expect((await repo.flags()).total).toBe(before);
  });

  it('streams the flags export in batches in the order of the flag list, and names the detectors per tender and firm', async () => {
    const repo = new FindingsRepository(db.ds);
    const run = { scope: {}, settings: {}, settingsHash: 'h', versions: {}, coverage: [], years: null, readFrom: await repo.now() };
    const pair: Flag = { ...flag('A40', 'R-A', uscc(1)), evidence: { rule: 'A40(1)', pair: [uscc(1), uscc(3)] } };
    const flags = [flag('IDENT', 'R-A', uscc(1)), flag('COBID', null, uscc(2)), flag('ALB', 'R-B', uscc(1)), pair, flag('ALB', 'R-A', uscc(2))];
    await repo.saveRun(run, result(flags), yearOf, null, (id, n) => ({ id, n }));
    const batches: string[][] = [];
    for await (const rows of repo.exportFlags(2)) batches.push(rows.map((r) => `${r.detector}/${r.subject_id}`));
    expect(batches.map((b) => b.length)).toEqual([2, 2, 1]);
    expect(batches.flat()).toEqual((await repo.flags()).rows.map((r) => `${r.detector}/${r.subject_id}`));
    expect(Object.fromEntries(await repo.flagCodes('tender_code'))).toEqual({ 'R-A': 'A40;ALB;IDENT', 'R-B': 'ALB' });
    // the pair's second firm is named too; codes sorted byte-wise, each once
    expect(Object.fromEntries(await repo.flagCodes('bidder_uscc'))).toEqual({ [uscc(1)]: 'A40;ALB;IDENT', [uscc(2)]: 'ALB;COBID', [uscc(3)]: 'A40' });
    // the tenders export: one row per tender in batches, with its current metrics (merged) and its detectors
    const tenders: Array<{ code: string; metrics: unknown; codes: string | null }> = [];
    for await (const rows of repo.exportTenders(1)) for (const r of rows) tenders.push({ code: r.code, metrics: r.metrics, codes: r.codes });
    expect(tenders).toEqual([
      { code: 'R-A', metrics: { collusion_score: 0.1 }, codes: 'A40;ALB;IDENT' },
      { code: 'R-B', metrics: { collusion_score: 0.4, cv: 0.2 }, codes: 'ALB' },
    ]);
  });

  it('stores a facts object two tenders share, and each tender its own beside it', async () => {
    const repo = new FindingsRepository(db.ds);
    const run = { scope: {}, settings: {}, settingsHash: 'h', versions: {}, coverage: [], years: null, readFrom: await repo.now() };
    await repo.saveRun(run, sharedResult(), yearOf, null, (id, n) => ({ id, n }));
    expect(await repo.tenderFacts('R-A')).toEqual({ ALB: sharedFacts });
    expect(await repo.tenderFacts('R-B')).toEqual({ ALB: sharedFacts, SITE: { months: ['2024-01'] } });
  });
});

describe('CasesRepository and UsersRepository', () => {
  it('a claim succeeds once; the list counts by status within the district', async () => {
    const users = new UsersRepository(db.ds);
    const u = await users.insert('甲检查员', 'inspector', '玉山镇', 'hash-1', 'bw_abcd');
    expect(await users.byKeyHash('hash-1')).toMatchObject({ name: '甲检查员', district: '玉山镇' });
    expect(await users.exists('甲检查员')).toBe(true);
    await db.ds.query(
      `INSERT INTO cases (case_key, kind, subject_type, subject_id, title, district, status)
       VALUES ('k1', 'low_bid', 'bid', 'R-A/x', '案一', '玉山镇', 'new'), ('k2', 'low_bid', 'bid', 'R-B/x', '案二', '周市镇', 'new')`,
    );
    const cases = new CasesRepository(db.ds);
    const [{ id }] = await db.ds.query(`SELECT id FROM cases WHERE case_key = 'k1'`);
    const won = await cases.transaction((m) => cases.claim(m, Number(id), u.id, '玉山镇'));
    const again = await cases.transaction((m) => cases.claim(m, Number(id), u.id, '玉山镇'));
    expect([won, again]).toEqual([true, false]);
    const list = await cases.list({}, '玉山镇', u.id);
    expect(list.items.map((c: Record<string, unknown>) => c.case_key)).toEqual(['k1']);
    expect(list.counts).toEqual([{ status: 'assigned', n: 1, matching: 1 }]);
    expect((await cases.list({ q: '%' }, null, u.id)).items).toEqual([]); // % is matched literally
  });
});
