import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CaseEventLog } from '../audit/case-events.repository.js';
import { CasesController } from './cases.controller.js';
import { CasesService } from './cases.service.js';

@Module({
  controllers: [CasesController],
  providers: [
    { provide: CasesService, inject: [DataSource, CaseEventLog], useFactory: (ds: DataSource, log: CaseEventLog) => new CasesService(ds, log) },
  ],
  exports: [CasesService],
})
export class CasesModule {}
