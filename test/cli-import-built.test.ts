import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { csv, tenderRows, tmpFile, type Row } from './support/fixtures.js';
import { createTestDb, TEST_HASH_KEY, type TestDb } from './support/test-db.js';

/**
 * The built CLI as a user runs it (`npx bidwatch import …`): parsing in worker threads and, for a large file, two
 * workers on two halves of the file. The split threshold is lowered so that a small file is cut too; line numbers,
 * rejects and counts must come out exactly as for one reader.
 */
const CLI = join(process.cwd(), 'bin', 'bidwatch.js');
let db: TestDb;

beforeAll(async () => {
  if (!existsSync(join(process.cwd(), 'dist', 'src', 'cli.js'))) throw new Error('the built CLI is missing: run npm run build');
  db = await createTestDb('built');
});
afterAll(async () => db?.drop());

function importWithCli(path: string, extraEnv: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, 'import', path, '--kind', 'bids', '--json'], {
    env: { ...process.env, DATABASE_URL: db.url, BIDWATCH_HASH_KEY: TEST_HASH_KEY, ...extraEnv },
    encoding: 'utf8',
  });
  return { status: r.status, summary: r.stdout ? JSON.parse(r.stdout) : null, stderr: r.stderr };
}

it('imports a file cut in two for two workers with the same lines, rejects and counts as one reader', () => {
  const rows: Row[] = [];
  for (let i = 0; i < 400; i++) rows.push(...tenderRows(`T-SPLIT-${String(i).padStart(4, '0')}`, 3, {}, i * 3));
  rows[1]!.project_name = rows[0]!.project_name = '多行\n项目名称'; // a quoted line break early in the file
  rows[2]!.project_name = rows[0]!.project_name;
  rows[10]!.bid_price = 'bad'; // first half
  rows[1100]!.bidder_uscc = 'X'; // second half
  const path = tmpFile('split.csv', csv(rows));
  const r = importWithCli(path, { BIDWATCH_PARSE_SPLIT_MIN_BYTES: '1', BIDWATCH_DEBUG_TIMING: '1' });
  expect(r.stderr).toMatch(/\[parse\] 2 parts, cut at byte \d+, line \d+/);
  expect(r.status).toBe(3);
  const s = r.summary;
  expect(s).toMatchObject({ rowsRead: 1200, accepted: 1194, rejected: 6, unchanged: 0 });
  // header line 1; rows 0–2 (the first tender) each hold one line break, so row k (k ≥ 3) starts on line k + 5.
  const byColumn = Object.fromEntries(s.errors.filter((e: { column: string | null }) => e.column).map((e: { column: string; line: number }) => [e.column, e.line]));
  expect(byColumn).toEqual({ bid_price: 15, bidder_uscc: 1105 });
  const again = importWithCli(path, { BIDWATCH_PARSE_SPLIT_MIN_BYTES: '1' });
  expect(again.summary).toMatchObject({ accepted: 0, unchanged: 1194, rejected: 6 });
  expect(again.summary.sha256).toBe(s.sha256);
});
