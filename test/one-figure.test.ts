import request from 'supertest';
import { csv, tenderRows, tmpFile, uscc, type Row } from './support/fixtures.js';
import { detectionService, importService } from './support/services.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * One figure, one author (issue 11): what the tender page and the attendance timeline show is what the flag beside
 * them rests on — ALB's peer fence and SITE's monthly presence — never recomputed under other rules, whatever the
 * settings of the run.
 */
let t: TestApp;
const as = () => ({ Authorization: `Bearer ${t.keys.inspector}` });

beforeAll(async () => {
  t = await startTestApp({ worker: false });
  const imports = importService(t.db.ds);
  // 40 peer tenders whose bids sit 8–12 % below the control price, one tender with a bid 30 % below (ALB T4)
  const rows: Row[] = [];
  for (let i = 0; i < 40; i++) {
    rows.push(...tenderRows(`SF-P${i}`, 5, { evaluation_method: 'lowest_evaluated_price' }, i * 5).map((r, k) => ({ ...r, bid_price: (10_000_000 * (0.92 - 0.01 * k)).toFixed(2) })));
  }
  rows.push(...tenderRows('SF-X', 5, { evaluation_method: 'lowest_evaluated_price' }, 300).map((r, k) => ({ ...r, bid_price: (10_000_000 * (k === 0 ? 0.7 : 0.9 - 0.01 * k)).toFixed(2) })));
  // a site: the winner's PM on site 16 of 20 days in March (80 %), 14 of 20 in April (70 %)
  rows.push(...tenderRows('SF-S', 3, {}, 500));
  expect((await imports.importFile({ path: tmpFile('one-figure-bids.csv', csv(rows)), kind: 'bids', format: 'csv' })).rejected).toBe(0);
  const contract = ['tender_code,winner_uscc,contract_price,contract_date', `SF-S,${uscc(501)},9500000.00,2024-02-20`].join('\n');
  expect((await imports.importFile({ path: tmpFile('one-figure-contracts.csv', contract + '\n'), kind: 'contracts', format: 'csv' })).rejected).toBe(0);
  const pm = rows.find((r) => r.tender_code === 'SF-S' && r.is_winner === 'true')!.project_manager_id;
  const lines = ['tender_code,person_id,role,employer_uscc,work_date,present'];
  for (const [month, pmDays] of [['03', 16], ['04', 14]] as const) {
    for (let d = 1; d <= 20; d++) {
      const date = `2024-${month}-${String(d).padStart(2, '0')}`;
      lines.push(`SF-S,320583199001010011,worker,${uscc(501)},${date},true`);
      lines.push(`SF-S,${pm},project_manager,${uscc(501)},${date},${d <= pmDays}`);
    }
  }
  expect((await imports.importFile({ path: tmpFile('one-figure-attendance.csv', lines.join('\n') + '\n'), kind: 'attendance', format: 'csv' })).rejected).toBe(0);
  // non-default settings: a stricter presence standard than the 80 % default
  await detectionService(t.db.ds).run({ settings: { SITE: { presenceThreshold: 0.85 } } });
}, 180_000);
afterAll(async () => t?.close());

it('the fence drawn on a flagged bid’s tender page is the fence its ALB flag cites', async () => {
  const page = (await request(t.server).get('/api/tenders/SF-X').set(as()).expect(200)).body;
  const flag = page.flags.find((f: { detector: string; evidence: { triggers?: string[] } }) => f.detector === 'ALB');
  expect(flag).toBeDefined();
  const cited = flag.evidence.peer;
  expect(page.peer).toMatchObject({ upperFence: cited.upperFence, p25: cited.q1, p75: cited.q3, median: cited.median, n: cited.n, level: cited.level });
  expect(page.peer.p10).toBeLessThan(page.peer.p25);
  expect(page.peer.p90).toBeGreaterThan(page.peer.p75);
});

it('the attendance timeline shows SITE’s months under the settings the run used, as its flag does', async () => {
  const timeline = (await request(t.server).get('/api/tenders/SF-S/attendance').set(as()).expect(200)).body;
  const page = (await request(t.server).get('/api/tenders/SF-S').set(as()).expect(200)).body;
  const flag = page.flags.find((f: { detector: string; evidence: { rule?: string } }) => f.detector === 'SITE' && f.evidence.rule === 'pm_presence');
  expect(flag).toBeDefined();
  expect(timeline.threshold).toBe(0.85);
  expect(flag.evidence.threshold).toBe(0.85);
  const below = timeline.months.filter((m: { below: boolean }) => m.below).map((m: { month: string }) => m.month);
  expect(below).toEqual(flag.evidence.belowMonths);
  expect(below).toEqual(['2024-03', '2024-04']); // 80 % and 70 %: both below 85 %, only April below the default 80 %
  expect(timeline.months.map((m: { month: string; pmDays: number }) => [m.month, m.pmDays])).toEqual([['2024-03', 16], ['2024-04', 14]]);
});
