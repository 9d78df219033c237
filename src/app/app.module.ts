import { Module, StandardSchemaValidationPipe, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ApiKeyGuard } from '../auth/api-key.guard.js';
import type { AppConfig } from '../config/config.js';
import { AuditModule } from '../audit/audit.controller.js';
import { UsersModule } from '../auth/users.controller.js';
import { HealthModule } from '../health/health.module.js';
import { ImportsModule } from '../imports/imports.module.js';
import { CasesModule } from '../cases/cases.module.js';
import { FindingsModule } from '../findings/findings.module.js';
import { WebModule } from '../web/web.module.js';
import { ReportsModule } from '../reports/reports.module.js';
import { JobsModule } from '../queue/jobs.module.js';
import { CoreModule } from './core.module.js';
import { ServicesModule } from './services.module.js';
import { HttpErrorFilter } from './http-exception.filter.js';

/** The jobs every process can run: the worker always, the API too when there is no Redis (inline mode). */
export const JOB_MODULES = [JobsModule];

/** The HTTP API and the console (`bidwatch serve`). */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      // With Redis the jobs run in workers and this process only answers requests: its statements are timed.
      imports: [CoreModule.forRoot(config, config.redisUrl ? 'api' : 'jobs'), ServicesModule, HealthModule, ImportsModule, CasesModule, FindingsModule, ReportsModule, WebModule, AuditModule, UsersModule, ...(config.redisUrl ? [] : JOB_MODULES)],
      providers: [
        { provide: APP_PIPE, useValue: new StandardSchemaValidationPipe() },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
      ],
    };
  }
}

/** The BullMQ workers (`bidwatch worker`): no HTTP, only job handlers. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: WorkerModule, imports: [CoreModule.forRoot(config, 'jobs'), ServicesModule, ...JOB_MODULES] };
  }
}

/** The CLI: the same providers, and the job handlers for inline jobs (without Redis the CLI runs them itself). */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: CliModule, imports: [CoreModule.forRoot(config, 'jobs'), ServicesModule, ...JOB_MODULES] };
  }
}
