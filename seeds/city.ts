/**
 * The synthetic city: writes bids.csv, contracts.csv, attendance.csv, answers.json and manifest.json for a
 * made-up 昆山 market with planted anomalies. Deterministic (seeded PRNG, no clock) and streaming: tenders
 * are generated one at a time in date order and written in batches, so 1M bids use the same memory as 20k.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Answers, emptyAnswers } from './answers.js';
import { ATTENDANCE_COLUMNS } from './attendance.js';
import { BID_COLUMNS, type SeedContext } from './bids.js';
import { dayOf } from './calendar.js';
import { CONTRACT_COLUMNS } from './contracts.js';
import { CsvSink } from './csv-sink.js';
import { buildFirms, type Registries } from './firms.js';
import { generateTender, type RunCounts, type Sinks } from './generate.js';
import { UniqueRegistry } from './ids.js';
import { TenderCalendar } from './market.js';
import { makePlan, MIN_TENDERS } from './planted/index.js';
import { Planner } from './planted/planner.js';
import { Rng } from './prng.js';
import { BOQ_COLUMNS, FIRM_RELATION_COLUMNS, ISSUE12_BID_COLUMNS, Issue12Layer } from './issue12.js';

export interface SeedOptions {
  seed: number;
  fromYear: number;
  toYear: number;
  /** number of tenders (标段); default ≈ 3,000, or bids / 8 in scale mode */
  tenders?: number;
  /** number of firms; default ≈ 400, or bids / 50 in scale mode */
  firms?: number;
  /** scale mode: target number of bid rows (e.g. 1_000_000); also samples attendance down */
  bids?: number;
  contracts: boolean;
  attendance: boolean;
  /**
   * The issue-12 layer (seeds/issue12.ts): buyer/agency, device serials and timestamps as ten more bid columns,
   * firm-relations.csv and boq.csv, with planted cases in answers.issue12. Off unless asked for; the other files'
   * bytes are the same either way except bids.csv's extra columns.
   */
  issue12?: boolean;
}

export interface SeedHooks {
  /** called about every 100,000 bid rows */
  onProgress?: (p: { tenders: number; totalTenders: number; bids: number }) => void;
}

export interface FileEntry {
  rows?: number;
  bytes: number;
  sha256: string;
}

export interface SeedManifest {
  generator: string;
  options: SeedOptions & { tenders: number; firms: number };
  counts: { tenders: number; firms: number; bids: number; contracts: number; attendance: number; sites: number; awarded: number };
  files: Record<string, FileEntry>;
}

export const GENERATOR = 'bidwatch-seed-city/1';
export const DEFAULT_OPTIONS: SeedOptions = { seed: 20260101, fromYear: 2019, toYear: 2025, contracts: true, attendance: true };
/** Mean bidders per tender the market model yields (measured; used to size scale runs). */
export const BIDS_PER_TENDER = 8;
const DEFAULT_TENDERS = 3000;
/** Attendance: the last four months of toYear. */
const WINDOW_MONTHS = 4;
/** Share of tenders that are works still running in the window (measured), to aim at a site count. */
const ACTIVE_SITE_SHARE = 0.11;

function resolve(options: Partial<SeedOptions>): SeedManifest['options'] {
  const o = { ...DEFAULT_OPTIONS, ...options };
  if (!Number.isInteger(o.seed)) throw new Error('seed must be an integer');
  if (o.toYear < o.fromYear + 4) throw new Error('seed: need at least five years (fromYear..toYear) for rings and settlements');
  const tenders = o.tenders ?? (o.bids !== undefined ? Math.round(o.bids / BIDS_PER_TENDER) : DEFAULT_TENDERS);
  if (tenders < MIN_TENDERS) throw new Error(`seed: at least ${MIN_TENDERS} tenders are needed to hold the planted cases`);
  const firms = o.firms ?? (o.bids !== undefined ? Math.max(400, Math.round(o.bids / 50)) : Math.max(400, Math.round((tenders * BIDS_PER_TENDER) / 60)));
  return { ...o, tenders, firms };
}

function registries(): Registries {
  const r = (): UniqueRegistry => new UniqueRegistry();
  return { uscc: r(), names: r(), persons: r(), accounts: r(), machines: r(), macs: r(), ips: r(), creators: r() };
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export async function writeSeedCity(outDir: string, options: Partial<SeedOptions> = {}, hooks: SeedHooks = {}): Promise<SeedManifest> {
  const opts = resolve(options);
  await mkdir(outDir, { recursive: true });

  const reg = registries();
  const market = buildFirms(Rng.from(opts.seed, 'firms'), reg, opts.firms);
  const cal = new TenderCalendar(opts.fromYear, opts.toYear, opts.tenders);
  const asOf = dayOf(opts.toYear, 12, 31);
  const window = { from: dayOf(opts.toYear, 13 - WINDOW_MONTHS, 1), to: asOf };
  const answers: Answers = emptyAnswers(opts.seed);
  const planner = new Planner(Rng.from(opts.seed, 'plan'), cal, market, window, asOf);
  makePlan(planner, reg, answers);

  const ctx: SeedContext = { seed: opts.seed, rng: Rng.from(opts.seed, 'bids'), reg, market, cal, asOf, window, roleFirms: planner.roleFirms };
  const boqSink = opts.issue12 ? new CsvSink(join(outDir, 'boq.csv'), BOQ_COLUMNS) : null;
  if (boqSink) {
    ctx.issue12 = new Issue12Layer(opts.seed, boqSink, (code, uscc) => answers.lowBids.some((x) => x.tenderCode === code && x.bidderUscc === uscc), market.firms);
  }
  const sinks: Sinks = {
    bids: new CsvSink(join(outDir, 'bids.csv'), opts.issue12 ? [...BID_COLUMNS, ...ISSUE12_BID_COLUMNS] : BID_COLUMNS),
    contracts: opts.contracts ? new CsvSink(join(outDir, 'contracts.csv'), CONTRACT_COLUMNS) : null,
    attendance: opts.attendance ? new CsvSink(join(outDir, 'attendance.csv'), ATTENDANCE_COLUMNS) : null,
  };
  // scale mode keeps attendance to a sample of sites so the file stays a few hundred MB at most
  const targetSites = opts.bids !== undefined ? Math.min(400, Math.max(60, Math.round(opts.bids / 4000))) : 50;
  const siteProbability = Math.min(1, targetSites / (opts.tenders * ACTIVE_SITE_SHARE));
  const counts: RunCounts = { tenders: 0, awarded: 0, sites: 0 };

  let nextReport = 100_000;
  for (let i = 0; i < opts.tenders; i++) {
    generateTender(ctx, sinks, answers, planner.specs, i, siteProbability, counts);
    await sinks.bids.flushIfFull();
    await sinks.contracts?.flushIfFull();
    await sinks.attendance?.flushIfFull();
    await boqSink?.flushIfFull();
    if (hooks.onProgress && sinks.bids.rows >= nextReport) {
      hooks.onProgress({ tenders: i + 1, totalTenders: opts.tenders, bids: sinks.bids.rows });
      nextReport += 100_000;
    }
  }

  let relSink: CsvSink | null = null;
  if (ctx.issue12) {
    relSink = new CsvSink(join(outDir, 'firm-relations.csv'), FIRM_RELATION_COLUMNS);
    ctx.issue12.writeRelations(relSink, market.firms);
    answers.issue12 = ctx.issue12.answers;
  }
  const files: Record<string, FileEntry> = {};
  for (const [name, sink] of [
    ['bids.csv', sinks.bids],
    ['contracts.csv', sinks.contracts],
    ['attendance.csv', sinks.attendance],
    ['firm-relations.csv', relSink],
    ['boq.csv', boqSink],
  ] as const) {
    if (!sink) continue;
    const hash = await sink.close();
    files[name] = { rows: sink.rows, bytes: sink.bytes, sha256: hash };
  }
  const answersText = JSON.stringify(answers, null, 2) + '\n';
  await writeFile(join(outDir, 'answers.json'), answersText, 'utf8');
  files['answers.json'] = { bytes: Buffer.byteLength(answersText), sha256: sha256(answersText) };

  const manifest: SeedManifest = {
    generator: GENERATOR,
    options: opts,
    counts: {
      tenders: counts.tenders,
      firms: market.firms.length,
      bids: sinks.bids.rows,
      contracts: sinks.contracts?.rows ?? 0,
      attendance: sinks.attendance?.rows ?? 0,
      sites: counts.sites,
      awarded: counts.awarded,
    },
    files,
  };
  await writeFile(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n', 'utf8');
  return manifest;
}
