import { csv, tenderRows, tmpFile } from './support/fixtures.js';
import { runCli } from './support/run-cli.js';
import { createTestDb, serviceEnv, withEnv, type TestDb } from './support/test-db.js';

/** The import flow a data clerk meets on the CLI (issue 15 §3). */
let db: TestDb;
beforeAll(async () => {
  db = await createTestDb('flow');
});
afterAll(async () => db?.drop());

const cli = (...args: string[]) => withEnv(serviceEnv(db), () => runCli(...args));

describe('CLI import flow', () => {
  it('a missing file: exit 2, one clear message, and the JSON summary with --json', async () => {
    const r = await cli('import', '/nonexistent/bids.csv', '--kind', 'bids', '--json');
    expect(r.status).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'failed', accepted: 0, error: expect.stringContaining('找不到文件 /nonexistent/bids.csv') });
    expect(r.stderr).not.toMatch(/ENOENT|at .*\.js/);
  });

  it('cases list on data never detected says so; --no-detect leaves detection for later', async () => {
    const file = tmpFile('flow-1.csv', csv(tenderRows('FLOW-1', 3)));
    const r = await cli('import', file, '--kind', 'bids', '--no-detect');
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('未运行检测（--no-detect）');
    expect((await cli('cases', 'list')).stdout).toContain('数据尚未检测');
  });

  it('an import that writes rows runs detection, as an upload through the API does', async () => {
    const file = tmpFile('flow-2.csv', csv(tenderRows('FLOW-2', 4, {}, 10)));
    const r = await cli('import', file, '--kind', 'bids');
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('已运行检测并更新案件');
    const [{ n }] = await db.ds.query(`SELECT count(*)::int AS n FROM detection_runs WHERE status = 'succeeded'`);
    expect(n).toBe(1);
    expect((await cli('cases', 'list')).stdout).not.toContain('数据尚未检测');
    // nothing written the second time: no detection either
    const again = await cli('import', file, '--kind', 'bids');
    expect(again.stderr).not.toContain('运行检测');
  });

  it('no redundant warning on rows already invalid for a price above the ceiling; the rest is counted', async () => {
    const rows = tenderRows('FLOW-3', 14, { control_price: '1000000.00' }, 20).map((r, i) => ({
      ...r,
      bid_price: String(1_100_000 + i),
      is_winner: 'false',
      bid_valid: i < 2 ? 'true' : 'false',
      invalid_reason: i < 2 ? '' : '报价高于最高投标限价',
    }));
    const r = await cli('import', tmpFile('flow-3.csv', csv(rows)), '--kind', 'bids', '--json', '--no-detect');
    const s = JSON.parse(r.stdout);
    expect(s.warningCount).toBe(2);
    const many = rows.map((x) => ({ ...x, tender_code: 'FLOW-4', bid_valid: 'true', invalid_reason: '' }));
    const text = await cli('import', tmpFile('flow-4.csv', csv(many)), '--kind', 'bids', '--no-detect');
    expect(text.stdout).toContain('……另有 4 条提示');
  });
});
