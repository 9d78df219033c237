import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { CaseSyncService } from '../cases/case-sync.service.js';
import { DetectionService } from '../detection/detection.service.js';
import { ImportService } from '../imports/import.service.js';
import { registerJobHandlers } from './job-handlers.js';
import { JOB_QUEUE, JobHandlers, type JobQueue } from './job-queue.js';

/** The job side of every process that runs jobs (the worker; the API and the CLI too in inline mode). */
@Module({})
export class JobsModule implements OnModuleInit {
  constructor(
    @Inject(JobHandlers) private readonly handlers: JobHandlers,
    @Inject(ImportService) private readonly imports: ImportService,
    @Inject(DetectionService) private readonly detection: DetectionService,
    @Inject(CaseSyncService) private readonly cases: CaseSyncService,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
  ) {}

  onModuleInit(): void {
    registerJobHandlers(this.handlers, { imports: this.imports, detection: this.detection, cases: this.cases, queue: this.queue });
  }
}
