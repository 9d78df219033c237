/**
 * bench/ingest/boq — the `boq` import (工程量清单报价, issue 12) at the size the bureau's files reach.
 *
 *   npm run build && node dist/bench/ingest/boq.js [TENDERS=1000] [LINES=500]
 *
 * 1. Writes TENDERS tenders × 10 bids (bids.csv) and LINES BOQ lines per bid (boq.csv: TENDERS × 10 × LINES rows;
 *    the default is 5,000,000 lines, about 400 MB), cached under bench/out/boq/.
 * 2. In a fresh PostgreSQL database: imports the bids, then `bidwatch import boq.csv --kind boq` as a user runs it (a
 *    child process: parse in worker threads, zod per row, staging COPY, the per-bid rules and merge), then the same
 *    file again (every line unchanged), then a copy with every unit changed (every bid replaced whole).
 * 3. Loads the Dataset (TendersRepository.loadDataset) and reports the time and heap the BOQ lines take.
 * Prints wall time, lines per second and peak RSS of each step. PostgreSQL at $BENCH_DATABASE_ADMIN_URL.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { usccCheckChar } from '../../detectors/lib/uscc.js';
import { openDataSource } from '../../src/database/data-source.js';
import { TendersRepository } from '../../src/tenders/tenders.repository.js';
import { admin, dbUrl } from '../lib/admin-db.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..', ...(here.includes('/dist/') ? ['..'] : []));
const nums = process.argv.slice(2).filter((a) => /^\d+$/.test(a)).map(Number);
const TENDERS = nums[0] ?? 1_000;
const LINES = nums[1] ?? 500;
const BIDS = 10;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

const uscc = (n: number): string => {
  const body = '91320583MA' + String(n).padStart(7, '0');
  return body + usccCheckChar(body)!;
};

async function write(path: string, header: string, rows: (emit: (line: string) => void) => void): Promise<void> {
  const out = createWriteStream(path);
  let buf = header + '\n';
  const flush = () => {
    out.write(buf);
    buf = '';
  };
  rows((line) => {
    buf += line + '\n';
    if (buf.length > 1 << 20) flush();
  });
  flush();
  await new Promise((r) => out.end(r));
}

async function files(dir: string): Promise<{ bids: string; boq: string; boq2: string }> {
  mkdirSync(dir, { recursive: true });
  const bids = join(dir, 'bids.csv');
  const boq = join(dir, 'boq.csv');
  const boq2 = join(dir, 'boq-units-changed.csv');
  if (!existsSync(bids)) {
    await write(bids, 'tender_code,project_name,district,category,work_type,tender_method,evaluation_method,control_price,open_date,bidder_uscc,bidder_name,bid_price,is_winner', (emit) => {
      for (let t = 0; t < TENDERS; t++) {
        for (let b = 0; b < BIDS; b++) {
          emit(`BQ-${t},清单基准工程${t},玉山镇,building,construction,open,comprehensive,10000000.00,2024-03-15,${uscc(b + 1 + (t % 50) * BIDS)},公司${b + 1},${(9000000 + b * 1000 + t).toFixed(2)},${b === 0}`);
        }
      }
    });
  }
  if (!existsSync(boq)) {
    await write(boq, 'tender_code,bidder_uscc,line_no,item_code,item_name,unit,quantity,unit_price,amount', (emit) => {
      for (let t = 0; t < TENDERS; t++) {
        for (let b = 0; b < BIDS; b++) {
          const firm = uscc(b + 1 + (t % 50) * BIDS);
          for (let l = 1; l <= LINES; l++) {
            const q = (l * 1.25 + t / 1000).toFixed(3);
            const p = (10 + (l % 50) + b / 100).toFixed(2);
            emit(`BQ-${t},${firm},${l},0101010010${String(l % 100).padStart(2, '0')},分部分项工程${l},m3,${q},${p},${(Number(q) * Number(p)).toFixed(2)}`);
          }
        }
      }
    });
  }
  if (!existsSync(boq2)) {
    const out = createWriteStream(boq2);
    for await (const line of createInterface({ input: createReadStream(boq), crlfDelay: Infinity })) out.write(line.replace(',m3,', ',立方米,') + '\n');
    await new Promise((r) => out.end(r));
  }
  return { bids, boq, boq2 };
}

function cli(url: string, file: string, kind: string): { seconds: number; rssMb: number | null; summary: Record<string, unknown> } {
  const env: Record<string, string | undefined> = { ...process.env, DATABASE_URL: url, BIDWATCH_HASH_KEY: 'bench-only-hash-key-0123456789' };
  delete env.REDIS_URL;
  const args = [join(root, 'bin', 'bidwatch.js'), 'import', file, '--kind', kind, '--json', '--no-detect'];
  const t0 = process.hrtime.bigint();
  const useTime = existsSync('/usr/bin/time');
  const r = useTime
    ? spawnSync('/usr/bin/time', ['-f', 'BENCH_RSS_KB=%M', process.execPath, ...args], { env, encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(process.execPath, args, { env, encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const rss = /BENCH_RSS_KB=(\d+)/.exec(r.stderr ?? '');
  if (r.status !== 0) throw new Error(`import ${kind} exited ${r.status}: ${(r.stderr ?? '').slice(-2000)}`);
  return { seconds, rssMb: rss ? Number(rss[1]) / 1024 : null, summary: JSON.parse(r.stdout) };
}

async function main(): Promise<void> {
  const lines = TENDERS * BIDS * LINES;
  const dir = join(root, 'bench', 'out', 'boq', `${TENDERS}x${BIDS}x${LINES}`);
  console.log(`bench/ingest/boq: ${fmt(TENDERS)} tenders × ${BIDS} bids × ${fmt(LINES)} lines = ${fmt(lines)} BOQ lines`);
  const f = await files(dir);
  const name = `bidwatch_bench_boq_${process.pid}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = dbUrl(name);
  try {
    const b = cli(url, f.bids, 'bids');
    console.log(`bids: ${fmt(Number(b.summary.accepted))} in ${b.seconds.toFixed(1)} s`);
    for (const [label, file, expect] of [
      ['first import', f.boq, 'accepted'],
      ['same file again (unchanged)', f.boq, 'unchanged'],
      ['every unit changed (every bid replaced)', f.boq2, 'accepted'],
    ] as const) {
      const r = cli(url, file, 'boq');
      if (Number(r.summary[expect]) !== lines) throw new Error(`${label}: expected ${lines} ${expect}, got ${JSON.stringify(r.summary).slice(0, 300)}`);
      console.log(`boq ${label}: ${r.seconds.toFixed(1)} s, ${fmt(lines / r.seconds)} lines/s, peak RSS ${r.rssMb ? fmt(r.rssMb) + ' MB' : 'n/a'}`);
    }
    const ds = await openDataSource({ databaseUrl: url, dataDir: '/nonexistent' }, { migrate: false });
    try {
      global.gc?.();
      const heap0 = process.memoryUsage().heapUsed;
      const t0 = Date.now();
      const d = await new TendersRepository(ds).loadDataset();
      const ms = Date.now() - t0;
      global.gc?.();
      const heapMb = (process.memoryUsage().heapUsed - heap0) / 1048576;
      console.log(`loadDataset: ${fmt(d.boqLines?.length ?? 0)} BOQ lines (+ ${fmt(d.bids.length)} bids) in ${(ms / 1000).toFixed(1)} s, heap +${fmt(heapMb)} MB${global.gc ? '' : ' (run with --expose-gc for a settled figure)'}`);
    } finally {
      await ds.destroy();
    }
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

await main();
