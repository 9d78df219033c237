import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Embedded mode must not lose data (issue 15): while `serve` holds a data folder, a second process on the same
 * folder is refused with a clear message (exit 2) instead of writing into a copy that the server later overwrites;
 * once the server has stopped, the same command works; a lock left by a dead process is taken over.
 */
const CLI = join(process.cwd(), 'bin', 'bidwatch.js');
const env = (dir: string) => {
  const e: NodeJS.ProcessEnv = { ...process.env, BIDWATCH_DATA_DIR: dir };
  delete e.DATABASE_URL;
  delete e.REDIS_URL;
  delete e.BIDWATCH_HASH_KEY;
  return e;
};
const cli = (dir: string, ...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { env: env(dir), encoding: 'utf8' });

beforeAll(() => {
  if (!existsSync(join(process.cwd(), 'dist', 'src', 'cli.js'))) throw new Error('the built CLI is missing: run npm run build');
});

async function startServer(dir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', String(port)], { env: env(dir), stdio: ['ignore', 'pipe', 'pipe'] });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).status < 500) return child;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  child.kill('SIGKILL');
  throw new Error('serve did not come up');
}

it('refuses a second process on a folder `serve` holds, names the first line where the data lives, and works once it stops', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bidwatch-lock-'));
  const server = await startServer(dir, 38_000 + (process.pid % 1000));
  try {
    const r = cli(dir, 'users', 'add', '甲', '--role', 'admin');
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`数据 (data)：嵌入式 PostgreSQL，目录 ${dir}`);
    expect(r.stderr).toContain(`正被另一个 bidwatch 进程（PID ${server.pid}`);
  } finally {
    const exited = new Promise((res) => server.once('exit', res));
    server.kill('SIGTERM');
    await exited;
  }
  const ok = cli(dir, 'users', 'add', '甲', '--role', 'admin');
  expect(ok.status).toBe(0);
  expect(ok.stdout.trim().split('\n').at(-1)).toMatch(/^bw_/);
}, 120_000);

it('takes over the lock of a process that died', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bidwatch-lock-'));
  writeFileSync(join(dir, 'bidwatch.lock'), '2147483646'); // no such process
  const r = cli(dir, 'cases', 'list');
  expect(r.status).toBe(0);
  expect(existsSync(join(dir, 'bidwatch.lock'))).toBe(false); // released on exit
}, 60_000);
