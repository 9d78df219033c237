import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { MetricsRepository } from './metrics.repository.js';

/** Prometheus text format: process metrics plus what an operator watches (import runs, open cases). */
@ApiTags('health')
@Controller('metrics')
export class MetricsController {
  private readonly registry = new Registry();

  constructor(@Inject(MetricsRepository) private readonly repo: MetricsRepository) {
    collectDefaultMetrics({ register: this.registry, prefix: 'bidwatch_' });
    const repo_ = this.repo;
    new Gauge({
      name: 'bidwatch_import_runs',
      help: 'Import runs by status',
      labelNames: ['status'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const r of await repo_.importRunsByStatus()) {
          this.set({ status: r.status }, r.n);
        }
      },
    });
    new Gauge({
      name: 'bidwatch_cases',
      help: 'Cases by kind and status',
      labelNames: ['kind', 'status'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const r of await repo_.casesByKindAndStatus()) {
          this.set({ kind: r.kind, status: r.status }, r.n);
        }
      },
    });
    new Gauge({
      name: 'bidwatch_bids',
      help: 'Bids stored',
      registers: [this.registry],
      async collect() {
        this.set(await repo_.bids());
      },
    });
  }

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async metrics(): Promise<string> {
    return this.registry.metrics();
  }
}
