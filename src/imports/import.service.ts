import { rm } from 'node:fs/promises';
import { basename } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.token.js';
import type { AppConfig } from '../config/config.js';
import { FileRefusedError } from './file-refused.error.js';
import type { ImportFormat, ImportKind } from './import-kinds.js';
import { ImportRunsRepository } from './import-runs.repository.js';
import type { ImportSummary } from './import-summary.js';
import { runImport, type ImportProgress } from './import-runner.js';
import type { OcdsDefaults } from './ocds-records.js';

export interface ImportFileInput {
  path: string;
  kind: ImportKind;
  format: ImportFormat;
  fileName?: string;
  ocdsDefaults?: OcdsDefaults;
  createdBy?: number | null;
  onProgress?: (p: ImportProgress) => void | Promise<void>;
  /** How often progress is reported and recorded while reading (default every second). */
  progressEveryMs?: number;
}

/** Options stored on a queued import run so that a worker (another process) can run it later. */
interface QueuedOptions {
  path: string;
  ocdsDefaults?: OcdsDefaults;
}

/**
 * Imports through the CLI (now, in this process) and through the queue (the API stores the upload and a run row;
 * a worker calls runQueued). Both paths end in the same runImport.
 */
@Injectable()
export class ImportService {
  /** Progress of imports running in this process, for GET /api/imports/:id while the run holds its transaction. */
  private static live = new Map<number, ImportProgress>();

  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'hashKey' | 'mode'>,
    @Inject(ImportRunsRepository) readonly runs: ImportRunsRepository,
  ) {}

  static liveProgress(importId: number): ImportProgress | undefined {
    return ImportService.live.get(importId);
  }

  async importFile(input: ImportFileInput): Promise<ImportSummary> {
    const fileName = input.fileName ?? basename(input.path);
    const importId = await this.runs.create({
      kind: input.kind,
      format: input.format,
      fileName,
      createdBy: input.createdBy,
      options: { ocdsDefaults: input.ocdsDefaults ?? {} },
    });
    await this.execute(importId, input.path, fileName, input);
    return (await this.runs.summary(importId, { errorLimit: null }))!;
  }

  /** Creates the run row of an upload that a worker will import. */
  async queue(input: ImportFileInput & { fileBytes: number }): Promise<number> {
    const options: QueuedOptions = { path: input.path, ocdsDefaults: input.ocdsDefaults };
    return this.runs.create({
      kind: input.kind,
      format: input.format,
      fileName: input.fileName ?? basename(input.path),
      fileBytes: input.fileBytes,
      createdBy: input.createdBy,
      options: options as unknown as Record<string, unknown>,
    });
  }

  /**
   * Runs a queued import (the job processor) and returns the rows it wrote (0 when there was nothing to do). A
   * refused file is a finished job, not a failed one: no retry.
   */
  async runQueued(importId: number): Promise<number> {
    const run = await this.runs.queued(importId);
    if (!run || run.status === 'succeeded') return 0;
    const opts = run.options as QueuedOptions;
    try {
      await this.execute(importId, opts.path, run.file_name, {
        path: opts.path,
        kind: run.kind,
        format: run.format,
        ocdsDefaults: opts.ocdsDefaults,
      });
      await rm(opts.path, { force: true });
    } catch (err) {
      if (err instanceof FileRefusedError) {
        await rm(opts.path, { force: true });
        return 0;
      }
      throw err;
    }
    const done = await this.runs.summary(importId, { errorLimit: 0 });
    return done?.status === 'succeeded' ? done.accepted : 0;
  }

  /**
   * Runs one import. On a server its status, start time and progress are written outside the import's own
   * transaction — on a connection taken before the import's, so the import never waits on the pool while it holds
   * its transaction — and so GET /api/imports/:id in another process sees them while it runs (issue 14: it said
   * "queued", 0 rows, through a 4.5-minute import). An import thus takes two connections, the second while holding
   * the first, before its transaction begins: safe because a process runs one import at a time (the imports queue
   * has concurrency 1; the CLI and the inline queue run jobs in turn), and bounded by the pool's acquire timeout.
   * PGlite has one session, held by the import: there the API answers from this process's memory (liveProgress).
   */
  private async execute(importId: number, path: string, fileName: string, input: ImportFileInput): Promise<void> {
    const embedded = this.config.mode === 'embedded';
    const side = embedded ? null : this.ds.createQueryRunner();
    try {
      await side?.connect();
      await this.runs.markRunning(importId, side ?? undefined);
      await runImport(this.ds, this.config.hashKey, {
        importId,
        path,
        fileName,
        kind: input.kind,
        format: input.format,
        ocdsDefaults: input.ocdsDefaults,
        progressEveryMs: input.progressEveryMs,
        onProgress: async (p) => {
          ImportService.live.set(importId, p);
          if (side && !p.done) await this.runs.setProgress(importId, p.rowsRead, side);
          await input.onProgress?.(p);
        },
      });
    } catch (err) {
      // Every failure names its run, so the CLI can report it (its row says failed, with the reason).
      if (err instanceof Error) Object.assign(err, { importId });
      throw err;
    } finally {
      ImportService.live.delete(importId);
      await side?.release();
    }
  }
}
