import { Module } from '@nestjs/common';
import { ReportsController } from './reports.controller.js';

/** `GET /api/reports/discount-trend` (the annual 下浮率 report). Uses the global CoreModule's DataSource. */
@Module({ controllers: [ReportsController] })
export class ReportsModule {}
