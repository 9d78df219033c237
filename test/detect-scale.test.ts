import { uscc } from './support/fixtures.js';

import { createTestDb, type TestDb } from './support/test-db.js';

import { detectionService } from './support/services.js';


/**
 * The detection path with a real market's volume of flags (issue 10: `detect` died with "Maximum call stack size
 * exceeded" when a run yielded a few hundred thousand flags). 100,000 tenders of four bids, three of them tied to the
 * fen above the lowest: IDENT flags 300,000 bids; loading, detecting, storing and counting must hold.
 */
let db: TestDb;
beforeAll(async () => {
  db = await createTestDb('scale');
  const { ds } = db;
  await ds.query(`INSERT INTO firms (uscc, name) SELECT unnest($1::text[]), unnest($2::text[])`, [
    [1, 2, 3, 4].map(uscc),
    ['甲建设', '乙建设', '丙建设', '丁建设'],
  ]);
  await ds.query(
    `INSERT INTO tenders (code, project_name, district, category, work_type, tender_method, evaluation_method, control_price,
                          open_date, year, n_bids, n_valid_bids, content_hash)
     SELECT 'S' || lpad(i::text, 6, '0'), '规模测试', '玉山镇', 'building', 'construction', 'open', 'comprehensive',
            20000000, make_date(2020 + i % 4, 6, 1), 2020 + i % 4, 4, 4, 'scale'
     FROM generate_series(1, 100000) AS i`,
  );
  await ds.query(
    `INSERT INTO bids (tender_id, firm_id, bid_price, discount_rate, bid_valid, is_winner)
     SELECT t.id, f.id, p, (20000000 - p) / 20000000, true, f.uscc = $1
     FROM tenders t CROSS JOIN firms f
     CROSS JOIN LATERAL (SELECT CASE WHEN f.uscc = $1 THEN 11000000.37 + (t.id % 997) * 1013.17 ELSE 12345678.91 END AS p) x`,
    [uscc(1)],
  );
  await ds.query('ANALYZE');
}, 120_000);
afterAll(async () => db?.drop());

describe('detection at scale', () => {
  it('stores more than 300,000 flags from one run, counted per detector', async () => {
    // IDENT alone (the scorers still run): the path under test is load → detect → store, not every detector's speed
    const summary = await detectionService(db.ds).run({ asOf: '2026-12-01', only: ['IDENT'] });
    expect(summary.flagsByDetector.IDENT).toBe(300_000);
    expect(summary.flags).toBeGreaterThanOrEqual(300_000);
    const [{ n }] = await db.ds.query(`SELECT count(*)::int AS n FROM flags WHERE run_id = $1`, [summary.runId]);
    expect(n).toBe(summary.flags);
    const [{ m }] = await db.ds.query(`SELECT count(*)::int AS m FROM tender_metrics WHERE run_id = $1`, [summary.runId]);
    expect(m).toBe(100_000);
  }, 300_000);
});
