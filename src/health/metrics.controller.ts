import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { DataSource } from 'typeorm';

/** Prometheus text format: process metrics plus what an operator watches (import runs, open cases). */
@ApiTags('health')
@Controller('metrics')
export class MetricsController {
  private readonly registry = new Registry();

  constructor(@Inject(DataSource) private readonly ds: DataSource) {
    collectDefaultMetrics({ register: this.registry, prefix: 'bidwatch_' });
    const ds_ = this.ds;
    new Gauge({
      name: 'bidwatch_import_runs',
      help: 'Import runs by status',
      labelNames: ['status'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const r of await ds_.query(`SELECT status, count(*)::int AS n FROM import_runs GROUP BY status`)) {
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
        for (const r of await ds_.query(`SELECT kind, status, count(*)::int AS n FROM cases GROUP BY kind, status`)) {
          this.set({ kind: r.kind, status: r.status }, r.n);
        }
      },
    });
    new Gauge({
      name: 'bidwatch_bids',
      help: 'Bids stored',
      registers: [this.registry],
      async collect() {
        const [r] = await ds_.query(`SELECT count(*)::int AS n FROM bids`);
        this.set(r.n);
      },
    });
  }

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async metrics(): Promise<string> {
    return this.registry.metrics();
  }
}
