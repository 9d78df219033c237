import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Public } from '../auth/auth.decorators.js';
import { MetricsRepository } from './metrics.repository.js';
import { BullJobQueue } from '../queue/bullmq-queue.js';
import { JOB_QUEUE, type JobQueue } from '../queue/job-queue.js';

/** Liveness for operators and load balancers: the database answers, and Redis does when the queue uses it. */
@ApiTags('health')
@Controller('api/health')
export class HealthController {
  constructor(
    @Inject(HealthCheckService) private readonly health: HealthCheckService,
    @Inject(HealthIndicatorService) private readonly indicator: HealthIndicatorService,
    @Inject(MetricsRepository) private readonly db: MetricsRepository,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
  ) {}

  @Get()
  @Public()
  @HealthCheck()
  check() {
    return this.health.check([
      async () => {
        const i = this.indicator.check('database');
        try {
          return i.up({ mode: await this.db.ping() });
        } catch (e) {
          return i.down({ message: (e as Error).message });
        }
      },
      async () => {
        const i = this.indicator.check('redis');
        if (!(this.queue instanceof BullJobQueue)) return i.up({ mode: 'inline (no REDIS_URL)' });
        try {
          return (await this.queue.ping()) ? i.up({ mode: 'bullmq' }) : i.down({ message: 'no PONG' });
        } catch (e) {
          return i.down({ message: (e as Error).message });
        }
      },
    ]);
  }
}
