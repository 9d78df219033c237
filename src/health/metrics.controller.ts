import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Gauge } from 'prom-client';
import { BullJobQueue } from '../queue/bullmq-queue.js';
import { JOB_QUEUE, type JobQueue } from '../queue/job-queue.js';
import { MetricsRepository } from './metrics.repository.js';
import { Telemetry } from './telemetry.js';

const JOB_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'failed', 'completed'] as const;

/**
 * Prometheus text format: the process's own series (HTTP, jobs run here, process) plus what is read at scrape time
 * from the database and Redis: import runs, cases, bids, detection runs and their flags per detector, and each
 * BullMQ queue's jobs by state (its depth and its retained failures).
 */
@ApiTags('health')
@ApiBearerAuth()
@Controller('metrics')
export class MetricsController {
  private latestRun: ReturnType<MetricsRepository['lastDetection']> | null = null;

  constructor(
    @Inject(MetricsRepository) private readonly repo: MetricsRepository,
    @Inject(Telemetry) private readonly telemetry: Telemetry,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
  ) {
    const registers = [telemetry.registry];
    const repo_ = this.repo;
    const gauge = (name: string, help: string, labelNames: string[], collect: (g: Gauge) => Promise<void>) =>
      new Gauge({ name, help, labelNames, registers, async collect() { this.reset(); await collect(this); } });
    gauge('bidwatch_import_runs', 'Import runs by status', ['status'], async (g) => {
      for (const r of await repo_.importRunsByStatus()) g.set({ status: r.status }, r.n);
    });
    gauge('bidwatch_cases', 'Cases by kind and status', ['kind', 'status'], async (g) => {
      for (const r of await repo_.casesByKindAndStatus()) g.set({ kind: r.kind, status: r.status }, r.n);
    });
    gauge('bidwatch_bids', 'Bids stored', [], async (g) => g.set(await repo_.bids()));
    gauge('bidwatch_detection_runs', 'Detection runs by status', ['status'], async (g) => {
      for (const r of await repo_.detectionRunsByStatus()) g.set({ status: r.status }, r.n);
    });
    // The latest run's figures are read once per scrape and shared by the three gauges below.
    const latest = () => (this.latestRun ??= repo_.lastDetection());
    gauge('bidwatch_detection_last_duration_seconds', 'Duration of the latest succeeded detection run', [], async (g) => {
      const r = await latest();
      if (r?.durationMs != null) g.set(r.durationMs / 1000);
    });
    gauge('bidwatch_detection_last_finished_timestamp_seconds', 'When the latest succeeded detection run finished (Unix time)', [], async (g) => {
      const r = await latest();
      if (r) g.set(r.finishedAt.getTime() / 1000);
    });
    gauge('bidwatch_detection_flags', 'Flags of the latest succeeded detection run, by detector', ['detector'], async (g) => {
      const r = await latest();
      for (const [detector, n] of Object.entries(r?.flagsByDetector ?? {})) g.set({ detector }, n);
    });
    const queue_ = this.queue;
    gauge('bidwatch_queue_jobs', 'BullMQ jobs by queue and state (waiting + active + delayed is the depth)', ['queue', 'state'], async (g) => {
      if (!(queue_ instanceof BullJobQueue)) return; // embedded mode: jobs run inline, there is no queue
      for (const q of queue_.all()) {
        const counts = await q.getJobCounts(...JOB_STATES);
        for (const state of JOB_STATES) g.set({ queue: q.name, state }, counts[state] ?? 0);
      }
    });
  }

  @Get()
  @ApiOperation({ summary: 'Prometheus 指标：需要任一角色的有效密钥 (Prometheus metrics; any valid key)' })
  @ApiProduces('text/plain')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async metrics(): Promise<string> {
    this.latestRun = null;
    return this.telemetry.metrics();
  }
}
