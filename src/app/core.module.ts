import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config.js';
import { openDataSource, type DatabaseUser } from '../database/data-source.js';
import { closePglite } from '../database/pglite-pool.js';
import { ImportService } from '../imports/import.service.js';
import { CaseEventLog } from '../audit/case-events.repository.js';
import { UsersService } from '../auth/users.service.js';
import { BullJobQueue, redisConnection } from '../queue/bullmq-queue.js';
import { InlineJobQueue } from '../queue/inline-queue.js';
import { JOB_QUEUE, JobHandlers, type JobQueue } from '../queue/job-queue.js';
import { APP_CONFIG } from './tokens.js';

/**
 * What every entry point shares: configuration, the one DataSource (migrated on open), the job queue (BullMQ when
 * REDIS_URL is set, inline otherwise) and the plain services over them.
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
    return {
      module: CoreModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: DataSource, useFactory: () => openDataSource(config, { migrate: true, limits: config.database, user }) },
        { provide: JobHandlers, useValue: new JobHandlers() },
        {
          provide: JOB_QUEUE,
          inject: [JobHandlers],
          useFactory: (handlers: JobHandlers): JobQueue =>
            config.redisUrl ? new BullJobQueue(redisConnection(config.redisUrl), config.queuePrefix) : new InlineJobQueue(handlers),
        },
        { provide: UsersService, inject: [DataSource], useFactory: (ds: DataSource) => new UsersService(ds) },
        { provide: CaseEventLog, useValue: new CaseEventLog(config.auditKey) },
        { provide: ImportService, inject: [DataSource], useFactory: (ds: DataSource) => new ImportService(ds, config) },
      ],
      exports: [APP_CONFIG, DataSource, JobHandlers, JOB_QUEUE, UsersService, ImportService, CaseEventLog],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
    if (this.ds.isInitialized) await this.ds.destroy();
    if (this.config.mode === 'embedded') await closePglite();
  }
}
