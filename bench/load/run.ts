/**
 * bench/load — the API under 50 inspectors at once (issue 14): the case list and claims for 60 s, /api/health
 * probed throughout. A benchmark, not a test: it prints its figures and exits 1 when any request failed.
 *
 *   npm run build && node dist/bench/load/run.js [--clients 50] [--seconds 60] [--cases 3000] [--rate 8] [--keep] [--profile DIR]
 *
 * 1. Creates `bidwatch_bench_load_<ts>` on $BENCH_DATABASE_ADMIN_URL (default postgres://postgres@127.0.0.1:5432),
 *    migrates it, and writes `--cases` new cases over 12 districts with SQL (the detectors are not what is measured)
 *    and one inspector per client (no district: every client sees every case) plus a supervisor.
 * 2. Starts the built API as its own process (`bin/bidwatch.js serve`, Redis at $REDIS_URL or 127.0.0.1:6379, the
 *    default pool of 10 connections and the default limits: 600 requests a minute per user).
 * 3. Each client, with its own key, loops for `--seconds`: 4 in 5 requests list cases (a random page of 50, open
 *    cases, by priority; one in four with a search term), 1 in 5 claims a case — half of those one of 10 hot cases
 *    all clients fight over, the rest a random case. A client sends at most `--rate` requests a second (8/s = 480
 *    a minute, under the per-user limit: a person clicking, not a script). 200 and 409 are answers; anything else
 *    — a 5xx, a 429, a timeout (10 s), a reset connection — is an error.
 * 4. A prober asks /api/health every 200 ms; it must answer 200 every time, within 2 s.
 * 5. Prints requests, errors, throughput and latency (p50, p95, p99, max) per kind, the health figures, then stops
 *    the server and drops the database (unless --keep).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { UsersService } from '../../src/auth/users.service.js';
import { openDataSource } from '../../src/database/data-source.js';
import { admin, dbUrl } from '../lib/admin-db.js';
import { UsersRepository } from '../../src/auth/users.repository.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const CLIENTS = opt('clients', 50);
const SECONDS = opt('seconds', 60);
const CASES = opt('cases', 3_000);
const RATE = opt('rate', 8);
const KEEP = args.includes('--keep');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const HASH_KEY = 'bench-load-hash-key-0123456789';
const DISTRICTS = ['玉山镇', '周市镇', '陆家镇', '花桥经济开发区', '巴城镇', '千灯镇', '淀山湖镇', '张浦镇', '锦溪镇', '周庄镇', '开发区', '高新区'];
const HOT = 10;
const CLI = fileURLToPath(new URL('../../../bin/bidwatch.js', import.meta.url));

type Kind = 'list' | 'claim';
interface Outcome {
  kind: Kind;
  ms: number;
  status: number | string;
}

function pct(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function seed(url: string): Promise<{ keys: string[]; caseIds: number[] }> {
  const ds = await openDataSource({ databaseUrl: url, dataDir: '/nonexistent' }, { migrate: true });
  try {
    const rows = await ds.query(
      `INSERT INTO cases (case_key, kind, subject_type, subject_id, title, district, priority, status, due_at)
       SELECT 'bench:' || g, (ARRAY['post_award','site_check','rigging','low_bid'])[1 + g % 4], 'tender', 'BENCH-' || g,
              '压测案件 ' || g || ' 号：' || (ARRAY['异常低价复核','围标串标调查','标后履约核查','现场联动核查'])[1 + g % 4],
              ($2::text[])[1 + g % array_length($2::text[], 1)], 1 + g % 5, 'new', now() + make_interval(days => 5 + g % 40)
       FROM generate_series(1, $1) g RETURNING id`,
      [CASES, DISTRICTS],
    );
    const users = new UsersService(new UsersRepository(ds));
    const keys: string[] = [];
    for (let i = 0; i < CLIENTS; i++) keys.push((await users.create(`bench-inspector-${i}`, 'inspector', null)).apiKey);
    await ds.query('ANALYZE');
    return { keys, caseIds: rows.map((r: { id: number }) => Number(r.id)) };
  } finally {
    await ds.destroy();
  }
}

function startServer(url: string, port: number): Promise<ChildProcess> {
  // --profile DIR: the server writes a V8 CPU profile there when it stops (where its time went).
  const profile = args.includes('--profile') ? ['--cpu-prof', `--cpu-prof-dir=${args[args.indexOf('--profile') + 1]}`] : [];
  const child = spawn(process.execPath, [...profile, CLI, 'serve', '--port', String(port)], {
    env: {
      ...process.env, DATABASE_URL: url, REDIS_URL, BIDWATCH_HASH_KEY: HASH_KEY, BIDWATCH_HOST: '127.0.0.1',
      BIDWATCH_QUEUE_PREFIX: `bwload-${randomBytes(3).toString('hex')}`, BIDWATCH_LOG_FORMAT: 'json',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr!.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 60_000;
    const poll = async () => {
      try {
        const r = await fetch(`http://127.0.0.1:${port}/api/health`);
        if (r.ok) return resolve(child);
      } catch {}
      if (child.exitCode !== null || Date.now() > deadline) return reject(new Error(`the API did not start:\n${log}`));
      setTimeout(() => void poll(), 250);
    };
    void poll();
  });
}

async function timed(kind: Kind, f: () => Promise<Response>): Promise<Outcome> {
  const t0 = performance.now();
  try {
    const r = await f();
    await r.arrayBuffer();
    return { kind, ms: performance.now() - t0, status: r.status };
  } catch (e) {
    return { kind, ms: performance.now() - t0, status: (e as Error).name === 'TimeoutError' ? 'timeout' : `network: ${(e as Error).message}` };
  }
}

async function client(base: string, key: string, caseIds: number[], until: number, out: Outcome[], rnd: () => number): Promise<void> {
  const headers = { Authorization: `Bearer ${key}` };
  const gap = 1000 / RATE;
  const terms = ['异常低价', '围标', '1', '2024', '压测'];
  while (Date.now() < until) {
    const started = performance.now();
    if (rnd() < 0.8) {
      const page = 1 + Math.floor(rnd() * Math.max(1, Math.floor(CASES / 50)));
      const q = rnd() < 0.25 ? `&q=${encodeURIComponent(terms[Math.floor(rnd() * terms.length)]!)}` : '';
      out.push(await timed('list', () => fetch(`${base}/api/cases?status=open&sort=priority&page_size=50&page=${page}${q}`, { headers, signal: AbortSignal.timeout(10_000) })));
    } else {
      const id = rnd() < 0.5 ? caseIds[Math.floor(rnd() * HOT)]! : caseIds[HOT + Math.floor(rnd() * (caseIds.length - HOT))]!;
      out.push(await timed('claim', () => fetch(`${base}/api/cases/${id}/claim`, { method: 'POST', headers, signal: AbortSignal.timeout(10_000) })));
    }
    const wait = gap - (performance.now() - started);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
}

async function prober(base: string, until: number): Promise<{ checks: number; failed: number; ms: number[] }> {
  const ms: number[] = [];
  let failed = 0;
  while (Date.now() < until) {
    const t0 = performance.now();
    try {
      const r = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(2_000) });
      await r.arrayBuffer();
      if (r.status !== 200) failed++;
    } catch {
      failed++;
    }
    ms.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { checks: ms.length, failed, ms };
}

/** A small seeded generator, so two runs send the same mix. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function main(): Promise<number> {
  const name = `bidwatch_bench_load_${Date.now()}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = dbUrl(name);
  let server: ChildProcess | null = null;
  try {
    process.stderr.write(`数据库 ${name}：写入 ${CASES} 个案件、${CLIENTS} 名检查员…\n`);
    const { keys, caseIds } = await seed(url);
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    server = await startServer(url, port);
    const base = `http://127.0.0.1:${port}`;
    process.stderr.write(`API ${base}：${CLIENTS} 个客户端，${SECONDS} 秒…\n`);
    const until = Date.now() + SECONDS * 1000;
    const outcomes: Outcome[] = [];
    const t0 = performance.now();
    const [health] = await Promise.all([
      prober(base, until),
      ...keys.map((k, i) => client(base, k, caseIds, until, outcomes, mulberry32(1000 + i))),
    ]);
    const elapsed = (performance.now() - t0) / 1000;

    const answered = (o: Outcome) => o.status === 200 || (o.kind === 'claim' && o.status === 409);
    const errors = outcomes.filter((o) => !answered(o));
    const byError = new Map<string, number>();
    for (const e of errors) byError.set(`${e.kind} ${e.status}`, (byError.get(`${e.kind} ${e.status}`) ?? 0) + 1);
    const line = (label: string, list: Outcome[]) => {
      const ms = list.map((o) => o.ms).sort((a, b) => a - b);
      return `${label.padEnd(8)} ${String(list.length).padStart(7)}  ${(list.length / elapsed).toFixed(1).padStart(7)}/s  ` +
        `p50 ${pct(ms, 50).toFixed(0).padStart(5)} ms  p95 ${pct(ms, 95).toFixed(0).padStart(5)} ms  ` +
        `p99 ${pct(ms, 99).toFixed(0).padStart(5)} ms  max ${(ms.at(-1) ?? NaN).toFixed(0).padStart(5)} ms`;
    };
    const claims = outcomes.filter((o) => o.kind === 'claim');
    const won = claims.filter((o) => o.status === 200).length;
    const [{ claimed }] = await (async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        return (await c.query(`SELECT count(*)::int AS claimed FROM cases WHERE status = 'assigned'`)).rows;
      } finally {
        await c.end();
      }
    })();
    const hms = health.ms.sort((a, b) => a - b);
    const report = [
      `bench/load — ${CLIENTS} clients × ${SECONDS} s, ≤ ${RATE} req/s each, ${CASES} cases, pool 10 (${new Date().toISOString().slice(0, 10)})`,
      `kind     requests  throughput  latency`,
      line('all', outcomes),
      line('list', outcomes.filter((o) => o.kind === 'list')),
      line('claim', claims),
      `claims: ${won} won (200), ${claims.filter((o) => o.status === 409).length} lost (409); cases assigned in the database: ${claimed} (must equal the wins)`,
      `errors: ${errors.length}${errors.length ? ' — ' + [...byError].map(([k, n]) => `${k}: ${n}`).join(', ') : ''}`,
      `health: ${health.checks} checks, ${health.failed} failed, p50 ${pct(hms, 50).toFixed(0)} ms, p99 ${pct(hms, 99).toFixed(0)} ms, max ${(hms.at(-1) ?? NaN).toFixed(0)} ms`,
    ];
    process.stdout.write(report.join('\n') + '\n');
    return errors.length === 0 && health.failed === 0 && won === claimed ? 0 : 1;
  } finally {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server!.once('exit', r));
    }
    if (!KEEP) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    else process.stderr.write(`数据库保留 (kept): ${name}\n`);
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`${(err as Error).stack}\n`);
    process.exit(2);
  },
);

