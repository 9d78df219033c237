/**
 * `detect` at scale on real-shaped data: a real labelled market from ../shared/data repeated with distinct tender
 * codes (the same firms, so a firm bids hundreds of times, as real frequent bidders do; rounding, ties and spreads
 * as the market has them), stored in a scratch PostgreSQL database, then the detection path timed as `bidwatch
 * detect` runs it: load the Dataset, run every detector and scorer, store flags, metrics and rings, then plan cases.
 * Prints each phase, flags per detector and the peak RSS. Target (issue 10): < 60 s and < 4 GB for 1,000,000 bids.
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/detect/real-shaped.js [set=tsuchiura] [bids=1000000]
 *
 * The rows go in with COPY, not through `bidwatch import` (bench/ingest measures that): this measures detection.
 * BIDWATCH_BENCH_KEEP=1 keeps the scratch database (named after the set and size) and reuses it on the next run,
 * with the previous runs' findings removed, so that a change to detection can be timed again without reloading.
 */
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { LABELLED_SETS, loadLabelledSet } from '../../src/backtest/labelled-sets.js';
import { sharedPath } from '../../src/backtest/shared-data.js';
import { openDataSource } from '../../src/database/data-source.js';
import { DetectionService } from '../../src/detection/detection.service.js';
import { CaseSyncService } from '../../src/cases/case-sync.service.js';
import type { JobQueue } from '../../src/queue/job-queue.js';
import { admin, dbUrl } from '../lib/admin-db.js';
import { TendersRepository } from '../../src/tenders/tenders.repository.js';
import { FindingsRepository } from '../../src/findings/findings.repository.js';
import { CasesRepository } from '../../src/cases/cases.repository.js';

const setId = process.argv[2] ?? 'tsuchiura';
const target = Number(process.argv[3] ?? 1_000_000);
const copyText = (rows: Array<Array<string | number | boolean | null>>) =>
  rows.map((r) => r.map((v) => (v === null ? '\\N' : String(v).replace(/\\/g, '\\\\').replace(/\t/g, ' ').replace(/\n/g, ' '))).join('\t') + '\n').join('');

async function copy(client: pg.PoolClient, sql: string, rows: Array<Array<string | number | boolean | null>>): Promise<void> {
  for (let i = 0; i < rows.length; i += 100_000) {
    await pipeline(Readable.from([copyText(rows.slice(i, i + 100_000))]), client.query(copyFrom(sql)));
  }
}

async function main(): Promise<void> {
  const info = LABELLED_SETS.find((s) => s.id === setId);
  if (!info) throw new Error(`unknown set ${setId}: ${LABELLED_SETS.map((s) => s.id).join(', ')}`);
  const set = loadLabelledSet(info, sharedPath('data'));
  if (!set) {
    console.log(`real-shaped: ${info.file} not found under ../shared/data; nothing measured`);
    return;
  }
  const dataset = set.dataset;
  const copies = Math.ceil(target / dataset.bids.length);
  const keep = process.env.BIDWATCH_BENCH_KEEP === '1';
  const name = keep ? `bidwatch_bench_real_${setId}_${target}` : `bidwatch_bench_real_${process.pid}`;
  const exists = keep && (await admin(`SELECT 1 FROM pg_database WHERE datname = '${name}'`)).length > 0;
  if (!exists) await admin(`CREATE DATABASE ${name}`);
  const ds = await openDataSource({ databaseUrl: dbUrl(name), dataDir: '/nonexistent' }, { migrate: true });
  try {
    if (exists) {
      for (const t of ['flags', 'tender_metrics', 'firm_metrics', 'rings', 'detection_runs']) await ds.query(`DELETE FROM ${t}`);
      await ds.query('VACUUM ANALYZE');
      console.log(`real-shaped ${setId}: reusing ${name}`);
    } else await load();
  } catch (err) {
    await ds.destroy();
    throw err;
  }
  async function load(): Promise<void> {
    const t0 = performance.now();
    const pool = new pg.Pool({ connectionString: dbUrl(name), max: 1 });
    const client = await pool.connect();
    const firms = [...new Set(dataset.bids.map((b) => b.bidderUscc))];
    await copy(client, 'COPY firms (uscc, name) FROM STDIN', firms.map((u) => [u, u]));
    const firmId = new Map<string, number>();
    for (const r of (await client.query('SELECT id, uscc FROM firms')).rows) firmId.set(r.uscc, Number(r.id));
    const tenderRows: Array<Array<string | number | boolean | null>> = [];
    for (let c = 0; c < copies; c++) {
      const year = 2019 + (c % 7); // spread over the years the report and peer windows use
      for (const t of dataset.tenders) {
        tenderRows.push([`${t.code}#${c}`, t.projectName, t.district, t.category, t.workType, t.tenderMethod, t.evaluationMethod, t.controlPrice === null ? null : t.controlPrice.toFixed(2), `${year}-06-01`, year, 'bench']);
      }
    }
    await copy(client, 'COPY tenders (code, project_name, district, category, work_type, tender_method, evaluation_method, control_price, open_date, year, content_hash) FROM STDIN', tenderRows);
    const tenderId = new Map<string, number>();
    for (const r of (await client.query('SELECT id, code FROM tenders')).rows) tenderId.set(r.code, Number(r.id));
    const bidRows: Array<Array<string | number | boolean | null>> = [];
    let n = 0;
    for (let c = 0; c < copies && n < target; c++) {
      for (const b of dataset.bids) {
        bidRows.push([tenderId.get(`${b.tenderCode}#${c}`) as number, firmId.get(b.bidderUscc) as number, b.price.toFixed(2), b.discount === null ? null : b.discount.toFixed(8), b.valid, b.isWinner]);
        n++;
      }
    }
    await copy(client, 'COPY bids (tender_id, firm_id, bid_price, discount_rate, bid_valid, is_winner) FROM STDIN', bidRows);
    client.release();
    await pool.end();
    await ds.query('ANALYZE');
    console.log(`real-shaped ${setId}: ${copies} copies → ${tenderRows.length.toLocaleString('en-US')} tenders, ${n.toLocaleString('en-US')} bids, ${firms.length} firms; loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    tenderRows.length = 0;
    bidRows.length = 0;
  }
  try {

    const t1 = performance.now();
    const summary = await new DetectionService(new TendersRepository(ds), new FindingsRepository(ds)).run({ asOf: '2026-12-01' });
    const detectS = (performance.now() - t1) / 1000;
    const t2 = performance.now();
    // count the case jobs without running them: this measures planning (bench/load measures the case workers)
    let jobs = 0;
    const queue: JobQueue = { mode: 'inline', add: async () => void jobs++, drain: async () => undefined, close: async () => undefined };
    const planned = await new CaseSyncService(new CasesRepository(ds), new TendersRepository(ds), queue).planRun(summary.runId);
    const planS = (performance.now() - t2) / 1000;
    console.log(`detect (load + detectors + store): ${detectS.toFixed(1)} s; flags ${summary.flags.toLocaleString('en-US')}, rings ${summary.rings}`);
    console.log(`  flags by detector: ${Object.entries(summary.flagsByDetector).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    const ph = summary.phases;
    if (ph) {
      console.log(`  phases: load ${(ph.loadMs / 1000).toFixed(1)} s, detectors + scorers ${(ph.detectMs / 1000).toFixed(1)} s, store ${(ph.storeMs / 1000).toFixed(1)} s`);
      console.log(`  detectors: ${summary.coverage.map((c) => `${c.detector} ${((c.ms ?? 0) / 1000).toFixed(1)}`).join(', ')}; scorers: ${Object.entries(ph.scorerMs).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}`).join(', ')} (s)`);
    }
    console.log(`case planning: ${planS.toFixed(1)} s (${planned.toLocaleString('en-US')} case drafts, ${jobs} jobs queued, not run here)`);
    console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024 / 1024).toFixed(2)} GiB (target < 4 GB); detect target < 60 s: ${detectS < 60 ? 'met' : 'NOT met'}`);
    await queue.close();
  } finally {
    await ds.destroy();
    if (!keep) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
