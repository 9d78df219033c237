import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { createTestDb, REDIS_URL, TEST_HASH_KEY, type TestDb } from './support/test-db.js';

/** Issue 14, point 12: `serve` and `worker` that cannot start say why and exit, instead of hanging on. */
const CLI = join(process.cwd(), 'bin', 'bidwatch.js');
const BUILT = join(process.cwd(), 'dist', 'src', 'cli.js');

let db: TestDb;
beforeAll(async () => {
  if (!existsSync(BUILT)) throw new Error(`the built CLI is missing (${BUILT}): run npm run build`);
  db = await createTestDb('startup');
});
afterAll(async () => db?.drop());

function run(args: string[], env: Record<string, string>, timeoutMs = 30_000): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, DATABASE_URL: db.url, BIDWATCH_HASH_KEY: TEST_HASH_KEY, BIDWATCH_QUEUE_PREFIX: `bwstart-${process.pid}`, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`still running after ${timeoutMs} ms; stderr:\n${stderr.slice(-2000)}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

it('serve on a port that is taken exits non-zero and says the port is in use', async () => {
  const busy: Server = createServer();
  await new Promise<void>((r) => busy.listen(0, '0.0.0.0', () => r()));
  const port = (busy.address() as { port: number }).port;
  try {
    const r = await run(['serve', '--port', String(port)], { REDIS_URL });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`端口 ${port} 已被占用`);
    expect(r.stderr).toContain('already in use');
  } finally {
    busy.close();
  }
}, 40_000);

it('a worker pointed at a Redis that does not answer fails fast with a clear message', async () => {
  const started = Date.now();
  const r = await run(['worker'], { REDIS_URL: 'redis://127.0.0.1:1' });
  expect(r.code).not.toBe(0);
  expect(r.stderr).toContain('无法连接 Redis');
  expect(r.stderr).toContain('cannot reach Redis');
  expect(r.stderr).not.toContain('waiting for jobs');
  expect(Date.now() - started).toBeLessThan(20_000);
}, 40_000);
