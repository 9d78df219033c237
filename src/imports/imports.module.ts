import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { JobHandlers } from '../queue/job-queue.js';
import { ImportService } from './import.service.js';
import { ImportsController } from './imports.controller.js';

/** HTTP side of imports; the job side (ImportJobsModule) registers what an `import` job does. */
@Module({ controllers: [ImportsController] })
export class ImportsModule {}

@Module({})
export class ImportJobsModule implements OnModuleInit {
  constructor(
    @Inject(JobHandlers) private readonly handlers: JobHandlers,
    @Inject(ImportService) private readonly imports: ImportService,
  ) {}

  onModuleInit(): void {
    this.handlers.register('import', async ({ importId }) => {
      await this.imports.runQueued(importId);
    });
  }
}
