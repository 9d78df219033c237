import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CaseEventLog } from '../audit/case-events.repository.js';
import { ImportService } from '../imports/import.service.js';
import { registerJobHandlers } from './job-handlers.js';
import { JOB_QUEUE, JobHandlers, type JobQueue } from './job-queue.js';

/** The job side of every process that runs jobs (the worker; the API too in inline mode). */
@Module({})
export class JobsModule implements OnModuleInit {
  constructor(
    @Inject(JobHandlers) private readonly handlers: JobHandlers,
    @Inject(ImportService) private readonly imports: ImportService,
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(CaseEventLog) private readonly events: CaseEventLog,
  ) {}

  onModuleInit(): void {
    registerJobHandlers(this.handlers, { ds: this.ds, queue: this.queue, imports: this.imports, events: this.events });
  }
}
