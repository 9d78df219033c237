import { Global, Module, type Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CaseEventLog } from '../audit/case-events.repository.js';
import { UsersRepository } from '../auth/users.repository.js';
import { UsersService } from '../auth/users.service.js';
import { BacktestService } from '../backtest/backtest.service.js';
import { CaseSyncService } from '../cases/case-sync.service.js';
import { CasesRepository } from '../cases/cases.repository.js';
import { CasesService } from '../cases/cases.service.js';
import type { AppConfig } from '../config/config.js';
import { DetectionService } from '../detection/detection.service.js';
import { ExportService } from '../exports/export.service.js';
import { FindingsRepository } from '../findings/findings.repository.js';
import { FindingsService } from '../findings/findings.service.js';
import { MetricsRepository } from '../health/metrics.repository.js';
import { ImportRunsRepository } from '../imports/import-runs.repository.js';
import { ImportService } from '../imports/import.service.js';
import { DiscountTrendRepository } from '../reports/discount-trend.repository.js';
import { DiscountTrendService } from '../reports/discount-trend.service.js';
import { TendersRepository } from '../tenders/tenders.repository.js';
import { ConsoleRepository } from '../web/console.repository.js';
import { APP_CONFIG } from '../config/config.token.js';

/** The repositories: the only code that writes SQL (besides migrations and the database layer itself). */
export const REPOSITORIES = [
  TendersRepository, FindingsRepository, CasesRepository, ImportRunsRepository, UsersRepository, MetricsRepository,
  DiscountTrendRepository, ConsoleRepository,
];

/** The services over them: what controllers, CLI commands and job handlers call. */
export const SERVICES = [DetectionService, CaseSyncService, CasesService, UsersService, ImportService, ExportService, DiscountTrendService, BacktestService, FindingsService];

const eventLog: Provider = {
  provide: CaseEventLog,
  inject: [APP_CONFIG, DataSource],
  useFactory: (config: AppConfig, ds: DataSource) => new CaseEventLog(config.auditKey, ds),
};

/**
 * One composition root for every entry point (API, worker, CLI): the same providers, resolved by Nest's DI, over
 * the CoreModule's configuration, DataSource and job queue.
 */
@Global()
@Module({ providers: [...REPOSITORIES, ...SERVICES, eventLog], exports: [...REPOSITORIES, ...SERVICES, CaseEventLog] })
export class ServicesModule {}
