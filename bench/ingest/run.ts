/**
 * bench/ingest — bidwatch's import against plain COPY on the same rows.
 *
 *   npm run build && node dist/bench/ingest/run.js [N=1000000] [--reps 3]
 *
 * 1. Writes N synthetic bids (the seed city in scale mode; cached under bench/out/).
 * 2. In a fresh PostgreSQL database, REPS times over, from empty tables:
 *    - `bidwatch import bids.csv --kind bids --no-detect` as a user runs it (a child process: parse in worker
 *      threads, row checks, PII hashing, staging COPY, cross-row rules, merge). Detection, which a CLI import runs
 *      afterwards unless told not to, is not part of the import and not timed;
 *    - **the fair limit** (issue 13): `psql \copy` of the rows that import stored — firms, tenders, bids (and its one
 *      import_runs row, which tenders reference) — into a schema-only clone of bidwatch's database (pg_dump
 *      --schema-only: the same columns, indexes, constraints and foreign keys), with no validation;
 *    - `psql \copy` of the CSV file itself into a bare all-text table with no index (what COPY costs at the least).
 * 3. The import once more on the first quarter of the file, to see whether peak memory grows with file size.
 * 4. Floors on the quarter file, in this process and with no database: csv-parse alone (the CSV library reading every
 *    record, nothing else), csv-parse + the zod row schema (the contract's declaration, row by row), and the import's
 *    own parser (reading, row checks, PII hashing, digests, COPY text), one thread each.
 * Prints medians, the rates and their ratios. PostgreSQL at $BENCH_DATABASE_ADMIN_URL (default 127.0.0.1:5432).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse';
import pg from 'pg';
import { admin, dbUrl } from '../lib/admin-db.js';
import { writeSeedCity } from '../../seeds/city.js';
import { bidRowSchema } from '../../src/imports/bid-row.schema.js';
import { COLUMNS } from '../../src/imports/import-kinds.js';
import { parseFile } from '../../src/imports/parse/parse-file.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..', ...(here.includes('/dist/') ? ['..'] : []));
const args = process.argv.slice(2);
const N = Number(args.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const REPS = Number(args[args.indexOf('--reps') + 1] ?? 3) || 3;

const cores = availableParallelism();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const HASH_KEY = 'bench-only-hash-key-0123456789';
/** What bidwatch stores for one import, in the order the foreign keys need. */
const STORED = ['import_runs', 'firms', 'tenders', 'bids'] as const;

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
  const env = { ...process.env, DATABASE_URL: url, BIDWATCH_HASH_KEY: HASH_KEY };
  delete (env as Record<string, string | undefined>).REDIS_URL;
  const argv = [process.execPath, cli, 'import', file, '--kind', 'bids', '--json', '--no-detect'];
  const useTime = existsSync('/usr/bin/time');
  const t0 = process.hrtime.bigint();
  const r = useTime
    ? spawnSync('/usr/bin/time', ['-f', 'BENCH_RSS_KB=%M', ...argv], { env, encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(argv[0]!, argv.slice(1), { env, encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`import failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const summary = JSON.parse(r.stdout);
  const m = /BENCH_RSS_KB=(\d+)/.exec(r.stderr);
  return { seconds, rssMb: m ? Number(m[1]) / 1024 : null, rows: summary.accepted + summary.unchanged };
}

function psql(url: string, ...commands: string[]): void {
  execFileSync('psql', [url, '-q', '-v', 'ON_ERROR_STOP=1', ...commands.flatMap((c) => ['-c', c])], { stdio: 'pipe' });
}

function copyOnce(url: string, file: string): number {
  const t0 = process.hrtime.bigint();
  psql(url, `\\copy bare FROM '${file}' CSV HEADER`);
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

/** The fair limit: COPY of the rows the import stored into the schema-only clone, every constraint and index in place. */
function fairCopyOnce(url: string, cloneUrl: string, dir: string): number {
  psql(url, ...STORED.map((t) => `\\copy ${t} TO '${join(dir, t)}.tsv'`));
  psql(cloneUrl, `TRUNCATE ${STORED.join(', ')} CASCADE`, 'CHECKPOINT');
  const t0 = process.hrtime.bigint();
  psql(cloneUrl, ...STORED.map((t) => `\\copy ${t} FROM '${join(dir, t)}.tsv'`));
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  for (const t of STORED) rmSync(join(dir, `${t}.tsv`));
  return s;
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
  const all = [...COLUMNS.bids.required, ...COLUMNS.bids.optional];
  // Records as arrays, then one object per row with every contract column (an absent one as ''), as the importer
  // hands them to the schema (csv-parse's `columns` costs more).
  for await (const rec of createReadStream(file).pipe(parse({ bom: true, relax_column_count: true })) as AsyncIterable<string[]>) {
    if (!header) {
      header = rec;
      continue;
    }
    const cells: Record<string, string | undefined> = {};
    for (let i = 0; i < header.length; i++) cells[header[i]!] = rec[i];
    for (const c of all) if (cells[c] === undefined) cells[c] = '';
    if (bidRowSchema.safeParse(cells).success) valid++;
  }
  const csvZod = Number(process.hrtime.bigint() - t0) / 1e9 / rows;
  if (valid !== rows) throw new Error(`zod floor: ${valid} of ${rows} rows valid`);
  t0 = process.hrtime.bigint();
  let parsed = 0;
  const key = Buffer.from(HASH_KEY).toString('base64');
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

  const stamp = Date.now();
  const name = `bidwatch_bench_ingest_${stamp}`;
  const cloneName = `bidwatch_bench_ingest_clone_${stamp}`;
  await admin(`CREATE DATABASE ${name}`);
  await admin(`CREATE DATABASE ${cloneName}`);
  const url = dbUrl(name);
  const cloneUrl = dbUrl(cloneName);
  try {
    const migrate = spawnSync(process.execPath, [join(root, 'bin', 'bidwatch.js'), 'migrate'], {
      env: { ...process.env, DATABASE_URL: url, BIDWATCH_HASH_KEY: HASH_KEY },
      encoding: 'utf8',
    });
    if (migrate.status !== 0) throw new Error(migrate.stderr);
    // The clone: bidwatch's schema as migrated (tables, indexes, constraints, foreign keys), no rows.
    const schema = execFileSync('pg_dump', ['--schema-only', '--no-owner', url], { encoding: 'utf8', maxBuffer: 1 << 28 });
    execFileSync('psql', [cloneUrl, '-q', '-v', 'ON_ERROR_STOP=1'], { input: schema, stdio: ['pipe', 'pipe', 'pipe'] });
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const header = readFileSync(file, 'utf8').slice(0, 4096).split('\n')[0]!.split(',');
    await c.query(`CREATE TABLE bare (${header.map((h) => `"${h}" text`).join(', ')})`);
    const reset = async () => {
      await c.query(`TRUNCATE bids, tenders, firms, import_rejects, import_runs CASCADE`);
      await c.query(`TRUNCATE bare`);
      await c.query(`CHECKPOINT`);
    };
    const imports: { seconds: number; rssMb: number | null }[] = [];
    const fair: number[] = [];
    const copies: number[] = [];
    for (let i = 0; i < REPS; i++) {
      await reset();
      const imp = importOnce(url, file);
      if (imp.rows !== bidRows) throw new Error(`imported ${imp.rows} rows, expected ${bidRows}`);
      imports.push(imp);
      fair.push(fairCopyOnce(url, cloneUrl, cache));
      copies.push(copyOnce(url, file));
      process.stderr.write(
        `  rep ${i + 1}: import ${imp.seconds.toFixed(1)} s, fair COPY ${fair.at(-1)!.toFixed(1)} s, bare COPY ${copies.at(-1)!.toFixed(1)} s\n`,
      );
    }
    await reset();
    const small = importOnce(url, quarter);
    await c.end();
    const floors = await parseFloors(quarter);

    const impS = median(imports.map((x) => x.seconds));
    const fairS = median(fair);
    const copyS = median(copies);
    const result = {
      date: new Date().toISOString(),
      rows: bidRows,
      reps: REPS,
      cores,
      import: {
        medianSeconds: impS,
        rowsPerSecond: bidRows / impS,
        seconds: imports.map((x) => x.seconds),
        peakRssMb: Math.max(...imports.map((x) => x.rssMb ?? 0)) || null,
      },
      fairLimit: { medianSeconds: fairS, rowsPerSecond: bidRows / fairS, seconds: fair },
      plainCopy: { medianSeconds: copyS, rowsPerSecond: bidRows / copyS, seconds: copies },
      ratioToFairLimit: fairS / impS,
      ratioToPlainCopy: copyS / impS,
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
      `bench/ingest: ${fmt(bidRows)} bids, median of ${REPS}, ${cores} cores (load ${result.load.split(' ').slice(0, 3).join(' ')})`,
      `  bidwatch import   ${impS.toFixed(2)} s   ${fmt(result.import.rowsPerSecond)} bids/s   peak RSS ${result.import.peakRssMb?.toFixed(0) ?? '?'} MB`,
      `  fair limit        ${fairS.toFixed(2)} s   ${fmt(result.fairLimit.rowsPerSecond)} bids/s (psql \\copy of the stored firms, tenders, bids into a schema-only clone: same columns, indexes, constraints)`,
      `  bare psql \\copy   ${copyS.toFixed(2)} s   ${fmt(result.plainCopy.rowsPerSecond)} rows/s (the CSV into a bare text table, no index, no validation)`,
      `  ratio bidwatch / fair limit = ${result.ratioToFairLimit.toFixed(2)}   (bidwatch / bare COPY = ${result.ratioToPlainCopy.toFixed(2)})`,
      `  memory: peak RSS ${small.rssMb?.toFixed(0) ?? '?'} MB for ${fmt(result.quarterFile.rows)} rows vs ${result.import.peakRssMb?.toFixed(0) ?? '?'} MB for ${fmt(bidRows)} rows`,
      `  floors, one thread, no database (${fmt(floors.rows)} rows):`,
      `    csv-parse alone          ${(floors.csvOnly * 1e6).toFixed(1)} µs/row = ${fmt(1 / floors.csvOnly)} rows/s per core`,
      `    csv-parse + zod schema   ${(floors.csvZod * 1e6).toFixed(1)} µs/row = ${fmt(1 / floors.csvZod)} rows/s per core`,
      `    bidwatch parser          ${(floors.parser * 1e6).toFixed(1)} µs/row = ${fmt(1 / floors.parser)} rows/s per core (reading + row checks + HMAC + digests + COPY text)`,
    ];
    process.stdout.write(lines.join('\n') + '\n');
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin(`DROP DATABASE IF EXISTS ${cloneName} WITH (FORCE)`);
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
