import { runDetectors, type RunDetectorsResult } from '../../detectors/index.js';
import type { Coverage } from '../../detectors/types.js';
import { Inject, Injectable } from '@nestjs/common';
import { FindingsRepository } from '../findings/findings.repository.js';
import { TendersRepository } from '../tenders/tenders.repository.js';


/** BIDWATCH_DEBUG_TIMING=1: the heap after each phase, on stderr (bench/detect/real-shaped). */
function debugHeap(what: string): void {
  if (process.env.BIDWATCH_DEBUG_TIMING !== '1') return;
  const m = process.memoryUsage();
  process.stderr.write(`[detect] ${what}: heap ${(m.heapUsed / 2 ** 20).toFixed(0)} MiB, rss ${(m.rss / 2 ** 20).toFixed(0)} MiB\n`);
}

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
  /** Run only these detector codes (the scorers always run); every detector by default. */
  only?: string[];
}

/**
 * detect: a detection_runs row (settings hash, detector versions) → the Dataset from the database → runDetectors →
 * flags, rings and metrics stored for that run, in one transaction. A run scoped to some years reads two more years
 * before them (rolling peer windows) but stores findings only for its years; later reads take, per year, the newest
 * run that covered it.
 */
@Injectable()
export class DetectionService {
  constructor(
    @Inject(TendersRepository) private readonly tenders: TendersRepository,
    @Inject(FindingsRepository) private readonly findings: FindingsRepository,
  ) {}

  /** One detection at a time across every process (CLI, workers): see FindingsRepository.withDetectionLock. */
  run(opts: DetectOptions = {}): Promise<DetectionSummary> {
    return this.findings.withDetectionLock(() => this.runUnlocked(opts));
  }

  private async runUnlocked(opts: DetectOptions): Promise<DetectionSummary> {
    const started = Date.now();
    // When this run began reading: the run covers every import that finished before it.
    const readFrom = await this.findings.now();
    const years = opts.years?.length ? [...new Set(opts.years)].sort() : null;
    const loadYears = years ? [...new Set(years.flatMap((y) => [y - 2, y - 1, y]))] : undefined;
    const dataset = await this.tenders.loadDataset(loadYears);
    const loaded = Date.now();
    debugHeap('after load');
    const asOf = opts.asOf ?? new Date().toISOString().slice(0, 10);
    const result: RunDetectorsResult = runDetectors(dataset, opts.settings ?? {}, { asOf, only: opts.only });
    const detected = Date.now();
    debugHeap('after detectors');
    const yearOf = new Map(dataset.tenders.map((t) => [t.code, t.year]));
    const keep = years ? new Set(years) : null;
    const run = { scope: { years, asOf }, settings: result.settings, settingsHash: result.settingsHash, versions: result.versions, coverage: result.coverage, years, readFrom };
    return this.findings.saveRun(run, result, yearOf, keep, (runId, stored) => {
      const byDetector: Record<string, number> = {};
      for (const f of result.flags) {
        const y = f.tenderCode ? yearOf.get(f.tenderCode) : undefined;
        if (keep && (y === undefined || !keep.has(y))) continue;
        byDetector[f.detector] = (byDetector[f.detector] ?? 0) + 1;
      }
      return {
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
    });
  }
}
