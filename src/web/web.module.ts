import { Module } from '@nestjs/common';
import { ConsoleApiController } from './console-api.controller.js';
import { ConsoleController } from './console.controller.js';

/**
 * The inspectors' web console (网页控制台): the page and its assets at /console/ (no key needed to load them; the
 * page signs in with an API key and sends it as Bearer), plus the read-only routes it needs: GET /api/me,
 * GET /api/tenders/:code/attendance, GET /api/rings/:id/graph, GET /api/districts, GET /api/data-state,
 * GET /api/assignees.
 */
@Module({
  controllers: [ConsoleController, ConsoleApiController],
})
export class WebModule {}
