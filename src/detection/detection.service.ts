import type { DataSource } from 'typeorm';
import { runDetectors, type RunDetectorsResult } from '../../detectors/index.js';
import type { Coverage } from '../../detectors/types.js';
import { isEmbedded } from '../database/data-source.js';
import { loadDataset } from './dataset.repository.js';

// Distinct from the import merge lock (imports/import-runner.ts): a detection must not wait for an import's merge.
const DETECTION_LOCK = 7_711_101;
import { storeResults } from './detection-store.js';

export interface DetectionSummary {
  runId: number;
  scope: { years: number[] | null };
  settingsHash: string;
  versions: Record<string, string>;
  tenders: number;
  bids: number;
  flags: number;
  flagsByDetector: Record<string, number>;
  rings: number;
  coverage: Coverage[];
  warnings: string[];
  durationMs: number;
  /** Where the time went: reading the data, the detectors and scorers, writing the findings (ms). */
  phases?: { loadMs: number; detectMs: number; storeMs: number; scorerMs: Record<string, number> };
  /** Precision per detector from closed cases (confirmed / (confirmed + dismissed)); filled by the case module. */
  precision?: Record<string, { confirmed: number; dismissed: number; precision: number | null }>;
  /** Cases this run planned, and how many are open; filled after the case jobs ran (or were queued). */
  cases?: { planned: number; queued: boolean; open: number; total: number };
}

export interface DetectOptions {
  years?: number[];
  settings?: Record<string, unknown>;
  /** "As of" date for time-relative rules; today by default. */
  asOf?: string;
}

/**
 * detect: a detection_runs row (settings hash, detector versions) → the Dataset from the database → runDetectors →
 * flags, rings and metrics stored for that run, in one transaction. A run scoped to some years reads two more years
 * before them (rolling peer windows) but stores findings only for its years; later reads take, per year, the newest
 * run that covered it.
 */
export class DetectionService {
  constructor(private readonly ds: DataSource) {}

  async run(opts: DetectOptions = {}): Promise<DetectionSummary> {
    // One detection at a time across every process (CLI, workers): a run that read the data earlier must never
    // finish later and become the current run over one that read newer data.
    if (!isEmbedded(this.ds)) {
      const lock = this.ds.createQueryRunner();
      await lock.connect();
      try {
        await lock.query('SELECT pg_advisory_lock($1)', [DETECTION_LOCK]);
        return await this.runUnlocked(opts);
      } finally {
        await lock.query('SELECT pg_advisory_unlock($1)', [DETECTION_LOCK]).catch(() => undefined);
        await lock.release();
      }
    }
    return this.runUnlocked(opts);
  }

  private async runUnlocked(opts: DetectOptions): Promise<DetectionSummary> {
    const started = Date.now();
    // When this run began reading: the run covers every import that finished before it.
    const [{ at: readFrom }] = await this.ds.query(`SELECT clock_timestamp() AS at`);
    const years = opts.years?.length ? [...new Set(opts.years)].sort() : null;
    const loadYears = years ? [...new Set(years.flatMap((y) => [y - 2, y - 1, y]))] : undefined;
    const dataset = await loadDataset(this.ds, loadYears);
    const loaded = Date.now();
    const asOf = opts.asOf ?? new Date().toISOString().slice(0, 10);
    const result: RunDetectorsResult = runDetectors(dataset, opts.settings ?? {}, { asOf });
    const detected = Date.now();
    const yearOf = new Map(dataset.tenders.map((t) => [t.code, t.year]));
    const keep = years ? new Set(years) : null;

    const qr = this.ds.createQueryRunner();
    await qr.connect();
    let runId: number;
    let stored: number;
    try {
      await qr.startTransaction();
      const [run] = await qr.query(
        `INSERT INTO detection_runs (status, scope, settings, settings_hash, detector_versions, coverage, full_scope, years, started_at)
         VALUES ('running', $1::jsonb, $2::jsonb, $3, $4::jsonb, $5::jsonb, $6, $7::smallint[], $8) RETURNING id`,
        [
          JSON.stringify({ years, asOf }), JSON.stringify(result.settings), result.settingsHash,
          JSON.stringify(result.versions), JSON.stringify(result.coverage), years === null, years, readFrom,
        ],
      );
      runId = Number(run.id);
      stored = await storeResults(qr, runId, result, yearOf, keep);
      const byDetector: Record<string, number> = {};
      for (const f of result.flags) {
        const y = f.tenderCode ? yearOf.get(f.tenderCode) : undefined;
        if (keep && (y === undefined || !keep.has(y))) continue;
        byDetector[f.detector] = (byDetector[f.detector] ?? 0) + 1;
      }
      const summary: DetectionSummary = {
        runId,
        scope: { years },
        settingsHash: result.settingsHash,
        versions: result.versions,
        tenders: keep ? dataset.tenders.filter((t) => keep.has(t.year)).length : dataset.tenders.length,
        bids: keep ? dataset.bids.filter((b) => keep.has(yearOf.get(b.tenderCode) ?? -1)).length : dataset.bids.length,
        flags: stored,
        flagsByDetector: byDetector,
        rings: keep ? 0 : result.rings.length,
        coverage: result.coverage,
        warnings: result.coverage.flatMap((c) => (c.warning ? [c.warning] : [])),
        durationMs: Date.now() - started,
        phases: { loadMs: loaded - started, detectMs: detected - loaded, storeMs: Date.now() - detected, scorerMs: result.scorerMs },
      };
      await qr.query(`UPDATE detection_runs SET status = 'succeeded', summary = $2::jsonb, finished_at = clock_timestamp() WHERE id = $1`, [
        runId,
        JSON.stringify(summary),
      ]);
      await qr.commitTransaction();
      return summary;
    } catch (err) {
      if (qr.isTransactionActive) await qr.rollbackTransaction();
      throw err;
    } finally {
      await qr.release();
    }
  }
}
