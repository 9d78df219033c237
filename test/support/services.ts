/**
 * Services over a test database, built from their repositories by hand: what Nest's DI does in the application
 * (src/app/services.module.ts), spelled out so a test sees exactly what it runs on.
 */
import type { DataSource } from 'typeorm';
import { CaseEventLog } from '../../src/audit/case-events.repository.js';
import { UsersRepository } from '../../src/auth/users.repository.js';
import { UsersService } from '../../src/auth/users.service.js';
import { CaseSyncService } from '../../src/cases/case-sync.service.js';
import { CasesRepository } from '../../src/cases/cases.repository.js';
import { DetectionService } from '../../src/detection/detection.service.js';
import { FindingsRepository } from '../../src/findings/findings.repository.js';
import { ImportRunsRepository } from '../../src/imports/import-runs.repository.js';
import { ImportService } from '../../src/imports/import.service.js';
import type { JobQueue } from '../../src/queue/job-queue.js';
import { DiscountTrendRepository } from '../../src/reports/discount-trend.repository.js';
import { DiscountTrendService } from '../../src/reports/discount-trend.service.js';
import { TendersRepository } from '../../src/tenders/tenders.repository.js';
import { TEST_AUDIT_KEY, TEST_HASH_KEY } from './test-db.js';

export const detectionService = (ds: DataSource) => new DetectionService(new TendersRepository(ds), new FindingsRepository(ds));

export const importService = (ds: DataSource, mode: 'service' | 'embedded' = 'service') =>
  new ImportService(ds, { hashKey: Buffer.from(TEST_HASH_KEY), mode }, new ImportRunsRepository(ds));

export const caseSyncService = (ds: DataSource, queue: JobQueue, withEvents = true) =>
  new CaseSyncService(new CasesRepository(ds), new TendersRepository(ds), queue, withEvents ? new CaseEventLog(TEST_AUDIT_KEY, ds) : undefined);

export const usersService = (ds: DataSource) => new UsersService(new UsersRepository(ds));

export const discountTrendService = (ds: DataSource) => new DiscountTrendService(new DiscountTrendRepository(ds, new FindingsRepository(ds)));
