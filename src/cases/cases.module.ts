import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CasesController } from './cases.controller.js';
import { CasesService } from './cases.service.js';

@Module({
  controllers: [CasesController],
  providers: [{ provide: CasesService, inject: [DataSource], useFactory: (ds: DataSource) => new CasesService(ds) }],
  exports: [CasesService],
})
export class CasesModule {}
