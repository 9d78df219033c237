import { Controller, Get, Inject, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../auth/auth.decorators.js';
import { DIMENSIONS } from './dimensions.js';
import { DiscountTrendService } from './discount-trend.service.js';
import { CONTENT_TYPES, renderReport } from './render/index.js';
import { discountTrendQuery, type DiscountTrendQuery } from './report-query.js';
import { REPORT_FORMATS } from './report-types.js';
import { ApiAnswer } from '../app/openapi.js';
import { discountTrendReport } from './report.responses.js';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/reports')
export class ReportsController {
  constructor(@Inject(DiscountTrendService) private readonly service: DiscountTrendService) {}

  @Get('discount-trend')
  @ApiAnswer(discountTrendReport, { description: 'format=json 时的报告；其他格式为文件 (the report as JSON; other formats are files)' })
  @Roles('inspector', 'supervisor', 'auditor')
  @ApiOperation({
    summary: '下浮率年度趋势报告 (annual discount-rate trend report)',
    description:
      '按年（及维度）统计投标与中标下浮率的分位数、异常低价占比、同比、Theil–Sen 斜率与 Mann–Kendall 检验，并分解影响中标下浮率的因素。' +
      'format: json（默认）| csv（UTF-8 BOM）| xlsx | svg（图）| html（可打印的完整报告）。',
  })
  @ApiQuery({ name: 'from', required: true, example: 2019 })
  @ApiQuery({ name: 'to', required: true, example: 2025 })
  @ApiQuery({ name: 'by', required: false, enum: DIMENSIONS })
  @ApiQuery({ name: 'format', required: false, enum: REPORT_FORMATS })
  @ApiProduces(...Object.values(CONTENT_TYPES))
  async discountTrend(
    @Query({ schema: discountTrendQuery }) q: DiscountTrendQuery,
    @Res({ passthrough: true }) res: Response,
  ) {
    const report = await this.service.build({ from: q.from, to: q.to, by: q.by ?? null });
    const format = q.format ?? 'json';
    if (format === 'json') return report;
    const out = await renderReport(report, format);
    res.setHeader('Content-Type', out.contentType);
    const inline = format === 'svg' || format === 'html';
    res.setHeader('Content-Disposition', `${inline ? 'inline' : 'attachment'}; filename="${out.fileName}"`);
    return new StreamableFile(out.body, { type: out.contentType, length: out.body.length });
  }
}
