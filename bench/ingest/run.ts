/**
 * bench/ingest — bidwatch's import against plain COPY on the same rows.
 *
 *   npm run build && node dist/bench/ingest/run.js [N=1000000] [--reps 3]
 *
 * 1. Writes N synthetic bids (the seed city in scale mode; cached under bench/out/).
 * 2. In a fresh PostgreSQL database, N times over: `bidwatch import bids.csv --kind bids` as a user runs it (a child
 *    process: parse in a worker thread, zod per row, PII hashing, staging COPY, cross-row rules, merge), from empty
 *    tables; and `psql \copy` of the same file into a bare all-text table with no index.
 * 3. The import once more on the first quarter of the file, to see whether peak memory grows with file size.
 * 4. Floors on the quarter file, in this process and with no database: csv-parse alone (the CSV library reading every
 *    record, nothing else), csv-parse + the zod row schema (the least per-row work the import contract asks for), and
 *    the import's own parser (csv-parse + zod + PII hashing + digests + COPY text), one thread each.
 *    They say how much of the import's time is parsing that no database change can remove.
 * Prints medians, both rates and their ratio. PostgreSQL at $BENCH_DATABASE_ADMIN_URL (default 127.0.0.1:5432).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse';
import pg from 'pg';
import { admin, dbUrl } from '../lib/admin-db.js';
import { writeSeedCity } from '../../seeds/city.js';
import { bidRowSchema } from '../../src/imports/bid-row.schema.js';
import { parseFile } from '../../src/imports/parse/parse-file.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..', ...(here.includes('/dist/') ? ['..'] : []));
const args = process.argv.slice(2);
const N = Number(args.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const REPS = Number(args[args.indexOf('--reps') + 1] ?? 3) || 3;

const cores = availableParallelism();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function firstLines(src: string, dest: string, lines: number): Promise<void> {
  const out = createWriteStream(dest);
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(src), crlfDelay: Infinity })) {
    if (n++ > lines) break;
    out.write(line + '\n');
  }
  await new Promise((r) => out.end(r));
}

/** Runs the CLI import as a child; wall time and peak RSS (GNU time when present). */
function importOnce(url: string, file: string): { seconds: number; rssMb: number | null; rows: number } {
  const cli = join(root, 'bin', 'bidwatch.js');
  const env = { ...process.env, DATABASE_URL: url, BIDWATCH_HASH_KEY: 'bench-only-hash-key-0123456789', REDIS_URL: '' };
  delete (env as Record<string, string | undefined>).REDIS_URL;
  const useTime = existsSync('/usr/bin/time');
  const t0 = process.hrtime.bigint();
  const r = useTime
    ? spawnSync('/usr/bin/time', ['-f', 'BENCH_RSS_KB=%M', process.execPath, cli, 'import', file, '--kind', 'bids', '--json'], { env, encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(process.execPath, [cli, 'import', file, '--kind', 'bids', '--json'], { env, encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`import failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const summary = JSON.parse(r.stdout);
  const m = /BENCH_RSS_KB=(\d+)/.exec(r.stderr);
  return { seconds, rssMb: m ? Number(m[1]) / 1024 : null, rows: summary.accepted + summary.unchanged };
}

function copyOnce(url: string, file: string): number {
  const t0 = process.hrtime.bigint();
  execFileSync('psql', [url, '-q', '-c', `\\copy bare FROM '${file}' CSV HEADER`], { stdio: 'pipe' });
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

/** Single-thread floors with no database (see 4. above): seconds per row. */
async function parseFloors(file: string): Promise<{ csvOnly: number; csvZod: number; parser: number; rows: number }> {
  let t0 = process.hrtime.bigint();
  let rows = -1; // the header
  for await (const _ of createReadStream(file).pipe(parse({ bom: true, relax_column_count: true }))) rows++;
  const csvOnly = Number(process.hrtime.bigint() - t0) / 1e9 / rows;
  t0 = process.hrtime.bigint();
  let valid = 0;
  let header: string[] | null = null;
  // Records as arrays, then one object per row, as csv-records.ts builds them (csv-parse's `columns` costs more).
  for await (const rec of createReadStream(file).pipe(parse({ bom: true, relax_column_count: true })) as AsyncIterable<string[]>) {
    if (!header) {
      header = rec;
      continue;
    }
    const cells: Record<string, string | undefined> = {};
    for (let i = 0; i < header.length; i++) cells[header[i]!] = rec[i];
    if (bidRowSchema.safeParse(cells).success) valid++;
  }
  const csvZod = Number(process.hrtime.bigint() - t0) / 1e9 / rows;
  if (valid !== rows) throw new Error(`zod floor: ${valid} of ${rows} rows valid`);
  t0 = process.hrtime.bigint();
  let parsed = 0;
  const key = Buffer.from('bench-only-hash-key-0123456789').toString('base64');
  await parseFile({ path: file, fileName: 'bids.csv', kind: 'bids', format: 'csv', hashKey: key }, async (c) => {
    parsed += c.stageRows;
  });
  const parser = Number(process.hrtime.bigint() - t0) / 1e9 / parsed;
  return { csvOnly, csvZod, parser, rows };
}

async function main(): Promise<void> {
  const cache = join(root, 'bench', 'out', `ingest-${N}`);
  const file = join(cache, 'bids.csv');
  if (!existsSync(file)) {
    mkdirSync(cache, { recursive: true });
    process.stderr.write(`生成 ${fmt(N)} 条合成投标 (writing ${fmt(N)} synthetic bids) → ${file}\n`);
    await writeSeedCity(cache, { bids: N, contracts: false, attendance: false });
  }
  const quarter = join(cache, 'bids-quarter.csv');
  const rows = readFileSync(join(cache, 'manifest.json'), 'utf8');
  const bidRows = JSON.parse(rows).counts.bids as number;
  if (!existsSync(quarter)) await firstLines(file, quarter, Math.floor(bidRows / 4));

  const name = `bidwatch_bench_ingest_${Date.now()}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = dbUrl(name);
  try {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const header = readFileSync(file, 'utf8').slice(0, 4096).split('\n')[0]!.split(',');
    await c.query(`CREATE TABLE bare (${header.map((h) => `"${h}" text`).join(', ')})`);
    const migrate = spawnSync(process.execPath, [join(root, 'bin', 'bidwatch.js'), 'migrate'], {
      env: { ...process.env, DATABASE_URL: url, BIDWATCH_HASH_KEY: 'bench-only-hash-key-0123456789' },
      encoding: 'utf8',
    });
    if (migrate.status !== 0) throw new Error(migrate.stderr);
    const reset = async () => {
      await c.query(`TRUNCATE bids, tenders, firms, import_rejects, import_runs CASCADE`);
      await c.query(`TRUNCATE bare`);
      await c.query(`CHECKPOINT`);
    };
    const imports: { seconds: number; rssMb: number | null }[] = [];
    const copies: number[] = [];
    for (let i = 0; i < REPS; i++) {
      await reset();
      const imp = importOnce(url, file);
      if (imp.rows !== bidRows) throw new Error(`imported ${imp.rows} rows, expected ${bidRows}`);
      imports.push(imp);
      copies.push(copyOnce(url, file));
      process.stderr.write(`  rep ${i + 1}: import ${imp.seconds.toFixed(1)} s, COPY ${copies.at(-1)!.toFixed(1)} s\n`);
    }
    await reset();
    const small = importOnce(url, quarter);
    await c.end();
    const floors = await parseFloors(quarter);

    const impS = median(imports.map((x) => x.seconds));
    const copyS = median(copies);
    const result = {
      date: new Date().toISOString(),
      rows: bidRows,
      reps: REPS,
      import: { medianSeconds: impS, rowsPerSecond: bidRows / impS, peakRssMb: Math.max(...imports.map((x) => x.rssMb ?? 0)) || null },
      plainCopy: { medianSeconds: copyS, rowsPerSecond: bidRows / copyS },
      ratio: copyS / impS,
      quarterFile: { rows: Math.floor(bidRows / 4), seconds: small.seconds, peakRssMb: small.rssMb },
      floors: {
        rows: floors.rows,
        csvParseOnlyMicrosPerRow: floors.csvOnly * 1e6,
        csvParseZodMicrosPerRow: floors.csvZod * 1e6,
        parserMicrosPerRow: floors.parser * 1e6,
      },
      load: readFileSync('/proc/loadavg', 'utf8').trim(),
    };
    writeFileSync(join(root, 'bench', 'out', 'ingest.json'), JSON.stringify(result, null, 2));
    const lines = [
      `bench/ingest: ${fmt(bidRows)} bids, median of ${REPS} (load ${result.load.split(' ').slice(0, 3).join(' ')})`,
      `  bidwatch import   ${impS.toFixed(2)} s   ${fmt(result.import.rowsPerSecond)} bids/s   peak RSS ${result.import.peakRssMb?.toFixed(0) ?? '?'} MB`,
      `  plain psql \\copy  ${copyS.toFixed(2)} s   ${fmt(result.plainCopy.rowsPerSecond)} rows/s (bare text table, no index, no validation)`,
      `  ratio bidwatch / COPY = ${result.ratio.toFixed(2)}`,
      `  memory: peak RSS ${small.rssMb?.toFixed(0) ?? '?'} MB for ${fmt(result.quarterFile.rows)} rows vs ${result.import.peakRssMb?.toFixed(0) ?? '?'} MB for ${fmt(bidRows)} rows`,
      `  floors, one thread, no database (${fmt(floors.rows)} rows):`,
      `    csv-parse alone          ${(floors.csvOnly * 1e6).toFixed(1)} µs/row = ${fmt(1 / floors.csvOnly)} rows/s per core`,
      `    csv-parse + zod schema   ${(floors.csvZod * 1e6).toFixed(1)} µs/row = ${fmt(1 / floors.csvZod)} rows/s per core (the least the contract asks)`,
      `    bidwatch parser          ${(floors.parser * 1e6).toFixed(1)} µs/row = ${fmt(1 / floors.parser)} rows/s per core (csv-parse + zod + HMAC + COPY text)`,
      `    half of COPY needs ${fmt(result.plainCopy.rowsPerSecond / 2)} rows/s; ${cores} cores doing nothing but csv-parse + zod reach at most ${fmt(cores / floors.csvZod)},`,
      `    bidwatch's parser at most ${fmt(cores / floors.parser)}, before PostgreSQL uses any of the same cores`,
    ];
    process.stdout.write(lines.join('\n') + '\n');
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
