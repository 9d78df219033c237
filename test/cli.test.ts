import { readFileSync } from 'node:fs';
import { EXPORT_COLUMNS } from '../src/exports/export.service.js';
import { csv, tenderRows, tmpFile } from './support/fixtures.js';
import { runCli } from './support/run-cli.js';
import { createTestDb, serviceEnv, withEnv, type TestDb } from './support/test-db.js';

/** The CLI contract (../shared/spec/cli-and-api.md): output shapes and exit statuses, run in-process. */
let db: TestDb;
beforeAll(async () => {
  db = await createTestDb('cli');
});
afterAll(async () => db?.drop());

const cli = (...args: string[]) => withEnv(serviceEnv(db), () => runCli(...args));

describe('bidwatch CLI', () => {
  it('import --json prints exactly one summary with the contract keys; exit 0, then unchanged on a second run', async () => {
    const file = tmpFile('cli-good.csv', csv([...tenderRows('CLI-1', 3), ...tenderRows('CLI-2', 2, {}, 10)]));
    const r = await cli('import', file, '--kind', 'bids', '--json');
    expect(r.status).toBe(0);
    const s = JSON.parse(r.stdout);
    for (const k of ['importId', 'kind', 'rowsRead', 'accepted', 'rejected', 'unchanged', 'errors']) expect(s).toHaveProperty(k);
    expect(s).toMatchObject({ kind: 'bids', rowsRead: 5, accepted: 5, rejected: 0, unchanged: 0, errors: [] });
    const again = await cli('import', file, '--kind', 'bids', '--json');
    expect(again.status).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ accepted: 0, unchanged: 5 });
  });

  it('exits 3 when some rows are rejected and 2 when nothing can be imported', async () => {
    const bad = tmpFile('cli-bad.csv', csv([...tenderRows('CLI-3', 2), ...tenderRows('CLI-4', 1, { bid_price: '-1' }, 20)]));
    const r = await cli('import', bad, '--kind', 'bids', '--json');
    expect(r.status).toBe(3);
    expect(JSON.parse(r.stdout).errors).toEqual([expect.objectContaining({ line: 4, column: 'bid_price' })]);
    const missing = tmpFile('cli-missing.csv', 'tender_code,bid_price\nX,1\n');
    const m = await cli('import', missing, '--kind', 'bids');
    expect(m.status).toBe(2);
    expect(m.stderr).toContain('缺少必填列');
    expect((await cli('import', '/nonexistent.csv', '--kind', 'bids')).status).toBe(2);
    expect((await cli('import', missing, '--kind', 'nope')).status).toBe(2);
  });

  it('users add prints the API key alone on the last line of stdout', async () => {
    const r = await cli('users', 'add', '张三', '--role', 'inspector', '--district', '玉山镇');
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n').at(-1)).toMatch(/^bw_[A-Za-z0-9_-]{32}$/);
    expect((await cli('users', 'add', '李四', '--role', 'boss')).status).toBe(2);
  });

  it('detect --json reports coverage and the settings hash; a bad settings file exits 2', async () => {
    const r = await cli('detect', '--json');
    expect(r.status).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ runId: expect.any(Number), settingsHash: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(s.coverage.map((c: { detector: string }) => c.detector)).toContain('ALB');
    const settings = tmpFile('settings.json', JSON.stringify({ ALB: { r1: 0.6, overrides: [{ evaluationMethod: 'reasonable_low_price', r1: 0.65 }] } }));
    const tuned = JSON.parse((await cli('detect', '--json', '--settings', settings)).stdout);
    expect(tuned.settingsHash).not.toBe(s.settingsHash);
    expect((await cli('detect', '--settings', tmpFile('bad.json', '{"NOPE": {}}'))).status).toBe(2);
    expect((await cli('detect', '--settings', tmpFile('bad2.json', '{"ALB": {"r1": "x"}}'))).status).toBe(2);
  });

  it.each(['tenders', 'firms', 'flags', 'rings'] as const)('export %s writes the contract columns', async (kind) => {
    const out = tmpFile(`export-${kind}.csv`, '');
    const r = await cli('export', kind, '--out', out);
    expect(r.status).toBe(0);
    expect(readFileSync(out, 'utf8').split('\n')[0]).toBe(EXPORT_COLUMNS[kind].join(','));
  });

  it('cases list --json prints one JSON array; report discount-trend writes the JSON the contract fixes', async () => {
    const c = await cli('cases', 'list', '--json');
    expect(c.status).toBe(0);
    expect(Array.isArray(JSON.parse(c.stdout))).toBe(true);
    const out = tmpFile('trend.json', '');
    const r = await cli('report', 'discount-trend', '--from', '2024', '--to', '2024', '--format', 'json', '--out', out);
    expect(r.status).toBe(0);
    const rep = JSON.parse(readFileSync(out, 'utf8'));
    expect(rep).toMatchObject({ from: 2024, to: 2024, by: null });
    expect(rep.rows[0]).toMatchObject({ year: 2024, dimension: 'all', value: 'all', tenders: 3 }); // CLI-1, CLI-2, CLI-3 (CLI-4 was refused)
  });
});
