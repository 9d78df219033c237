import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config.js';
import { openDataSource, type DatabaseUser } from '../database/data-source.js';
import { closePglite } from '../database/pglite-pool.js';
import { BullJobQueue, redisConnection } from '../queue/bullmq-queue.js';
import { InlineJobQueue } from '../queue/inline-queue.js';
import { JOB_QUEUE, JobHandlers, type JobQueue } from '../queue/job-queue.js';
import { Telemetry } from '../health/telemetry.js';
import { APP_CONFIG } from '../config/config.token.js';

/**
 * What every entry point shares: configuration, the one DataSource (migrated on open) and the job queue (BullMQ when
 * REDIS_URL is set, inline otherwise). The repositories and services over them are ServicesModule's.
 */
@Global()
@Module({})
export class CoreModule implements OnApplicationShutdown {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  static forRoot(config: AppConfig, user: DatabaseUser = 'jobs'): DynamicModule {
    const telemetry = new Telemetry();
    return {
      module: CoreModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: DataSource, useFactory: () => openDataSource(config, { migrate: true, limits: config.database, user }) },
        { provide: Telemetry, useValue: telemetry },
        { provide: JobHandlers, useValue: new JobHandlers(telemetry.observeJob) },
        {
          provide: JOB_QUEUE,
          inject: [JobHandlers],
          useFactory: (handlers: JobHandlers): JobQueue =>
            config.redisUrl ? new BullJobQueue(redisConnection(config.redisUrl), config.queuePrefix) : new InlineJobQueue(handlers),
        },
      ],
      exports: [APP_CONFIG, DataSource, JobHandlers, JOB_QUEUE, Telemetry],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
    if (this.ds.isInitialized) await this.ds.destroy();
    if (this.config.mode === 'embedded') await closePglite();
  }
}
