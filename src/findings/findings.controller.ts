import { Controller, Get, Inject, NotFoundException, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser, Roles } from '../auth/auth.decorators.js';
import { readDistrict, type AuthUser } from '../auth/roles.js';
import { FindingsService } from './findings.service.js';
import { idParam, lineText, paging, tenderCodeParam } from '../app/http-params.js';
import { ApiAnswer } from '../app/openapi.js';
import { flagsPage, partyFindings, ringDetail, ringList, tenderBoq, tenderBoqCompare, tenderPage } from './findings.responses.js';

const flagsQuery = z.object({
  detector: z.string().regex(/^[A-Z0-9]{2,12}$/).optional(),
  severity: z.enum(['info', 'low', 'medium', 'high']).optional(),
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  tender: lineText(200).optional(),
  bidder: z.string().regex(/^[0-9A-Z]{18}$/, { error: 'bidder 应为 18 位统一社会信用代码 (bidder must be an 18-character USCC)' }).optional(),
  ...paging(500),
});

const ringsQuery = z.object({ ...paging(500) });

const USCC_RE = /^[0-9A-Z]{18}$/;
const boqQuery = z.object({
  bidders: z
    .string()
    .max(200)
    .transform((v) => v.split(',').map((x) => x.trim().toUpperCase()).filter(Boolean))
    .refine((xs) => xs.length <= 10 && xs.every((x) => USCC_RE.test(x)), {
      error: 'bidders 应为逗号分隔的统一社会信用代码，最多 10 个 (bidders: up to 10 comma-separated USCCs)',
    })
    .optional(),
  ...paging(2_000),
});

const uscc = (name: string) =>
  z.string().trim().toUpperCase().regex(USCC_RE, { error: `${name} 应为 18 位统一社会信用代码 (${name} must be an 18-character USCC)` });
const boqCompareQuery = z.object({
  a: uscc('a'),
  b: uscc('b'),
  marked: z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true').optional(),
  ...paging(2_000),
});

const byPartyQuery = z.object({
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  ...paging(500),
});

const READERS = ['inspector', 'supervisor', 'auditor'] as const;

@ApiTags('findings')
@ApiBearerAuth()
@Controller('api')
export class FindingsController {
  constructor(
    @Inject(FindingsService) private readonly findings: FindingsService,
  ) {}

  @Get('tenders/:code')
  @ApiAnswer(tenderPage, { description: '标段、投标与提示 (the tender, its bids and flags)', errors: [400, 401, 403, 404] })
  @Roles(...READERS)
  @ApiOperation({ summary: '标段详情：投标与下浮率、同类分布、标记及说明 (a tender, its bids, peer distribution, flags)' })
  async tender(@CurrentUser() user: AuthUser, @Param('code', { schema: tenderCodeParam }) code: string) {
    const page = await this.findings.tenderPage(code, readDistrict(user));
    if (!page) throw new NotFoundException(`标段 ${code} 不存在或不在您的辖区 (no such tender in your scope)`);
    return page;
  }

  @Get('tenders/:code/boq')
  @Roles(...READERS)
  @ApiAnswer(tenderBoq, { description: '已导入清单的投标与一页清单行 (the bids with a BOQ, and a page of lines)', errors: [400, 401, 403, 404] })
  @ApiOperation({
    summary: '标段的工程量清单报价：已导入清单的投标及行数，所选投标人（bidders=USCC,USCC）的清单行，按行号并排，分页 (a tender\'s BOQ lines, bidders side by side by line_no, paged)',
  })
  async tenderBoq(@CurrentUser() user: AuthUser, @Param('code', { schema: tenderCodeParam }) code: string, @Query({ schema: boqQuery }) q: z.infer<typeof boqQuery>) {
    const r = await this.findings.tenderBoq(code, { bidders: q.bidders, page: q.page ?? 1, pageSize: q.page_size ?? 1_000 }, readDistrict(user));
    if (!r) throw new NotFoundException(`标段 ${code} 不存在或不在您的辖区 (no such tender in your scope)`);
    return r;
  }

  @Get('tenders/:code/boq/compare')
  @Roles(...READERS)
  @ApiAnswer(tenderBoqCompare, { description: '两家投标人的清单并排，标出清单雷同所计的行 (two bidders’ BOQs side by side, BOQSIM’s lines marked)', errors: [400, 401, 403, 404] })
  @ApiOperation({
    summary: '两家投标人（a、b）的工程量清单并排：每个清单编码一行，标出 BOQSIM 计入的单价相同、工程量同错、合价同错、共同漏项/多项、相同排序及给定单价项；marked=1 只列有标记的行；分页 (two bidders’ BOQ lines side by side with the marks BOQSIM counted, paged)',
  })
  async tenderBoqCompare(@CurrentUser() user: AuthUser, @Param('code', { schema: tenderCodeParam }) code: string, @Query({ schema: boqCompareQuery }) q: z.infer<typeof boqCompareQuery>) {
    const r = await this.findings.tenderBoqCompare(code, { a: q.a, b: q.b, marked: q.marked ?? false, page: q.page ?? 1, pageSize: q.page_size ?? 500 }, readDistrict(user));
    if (!r) throw new NotFoundException(`标段 ${code} 不存在或不在您的辖区 (no such tender in your scope)`);
    return r;
  }

  @Get('flags')
  @ApiAnswer(flagsPage, { description: '一页提示 (a page of flags)' })
  @Roles(...READERS)
  @ApiOperation({ summary: '标记列表（先按严重程度，再按得分），附各检测项按结案结果计算的精确率 (flags, most severe first, then by score; with precision from closed cases)' })
  async flags(@CurrentUser() user: AuthUser, @Query({ schema: flagsQuery }) q: z.infer<typeof flagsQuery>) {
    const pageSize = q.page_size ?? 50;
    const page = q.page ?? 1;
    const r = await this.findings.flags({
      detector: q.detector, severity: q.severity, year: q.year, tenderCode: q.tender, bidderUscc: q.bidder,
      limit: pageSize, offset: (page - 1) * pageSize,
    }, readDistrict(user));
    return { total: r.total, page, pageSize, items: r.rows, precision: r.precision };
  }

  @Get('findings/by-buyer')
  @ApiAnswer(partyFindings, { description: '一页招标人/代理机构及其当前标记 (a page of parties and their current findings)' })
  @Roles(...READERS)
  @ApiOperation({
    summary: '按招标人汇总当前标记：标段数、有标记的标段数、标记数（高）、各检测项标记数；标记多的在前，分页；总数在 X-Total-Count (current findings per buyer, most flags first, paged)',
  })
  async byBuyer(@CurrentUser() user: AuthUser, @Query({ schema: byPartyQuery }) q: z.infer<typeof byPartyQuery>, @Res({ passthrough: true }) res: Response) {
    return this.byParty('buyer', user, q, res);
  }

  @Get('findings/by-agency')
  @ApiAnswer(partyFindings, { description: '一页招标人/代理机构及其当前标记 (a page of parties and their current findings)' })
  @Roles(...READERS)
  @ApiOperation({
    summary: '按招标代理机构汇总当前标记（同 by-buyer）(current findings per procurement agency, most flags first, paged)',
  })
  async byAgency(@CurrentUser() user: AuthUser, @Query({ schema: byPartyQuery }) q: z.infer<typeof byPartyQuery>, @Res({ passthrough: true }) res: Response) {
    return this.byParty('agency', user, q, res);
  }

  private async byParty(party: 'buyer' | 'agency', user: AuthUser, q: z.infer<typeof byPartyQuery>, res: Response) {
    const page = q.page ?? 1;
    const pageSize = q.page_size ?? 50;
    const r = await this.findings.byParty(party, { year: q.year, page, pageSize }, readDistrict(user));
    res.setHeader('X-Total-Count', String(r.total));
    return { total: r.total, page, pageSize, items: r.rows };
  }

  @Get('rings')
  @ApiAnswer(ringList, { description: '一页疑似团伙 (a page of suspected rings)' })
  @Roles(...READERS)
  @ApiOperation({ summary: '疑似围标团伙，得分高的在前，分页；总数在 X-Total-Count (suspected rings of the current run, paged; total in X-Total-Count)' })
  async rings(@CurrentUser() user: AuthUser, @Query({ schema: ringsQuery }) q: z.infer<typeof ringsQuery>, @Res({ passthrough: true }) res: Response) {
    const r = await this.findings.rings(q.page ?? 1, q.page_size ?? 100, readDistrict(user));
    res.setHeader('X-Total-Count', String(r.total));
    return r.rows;
  }

  @Get('rings/:id')
  @ApiAnswer(ringDetail, { description: '团伙、成员与证据 (the ring, its firms and evidence)', errors: [400, 401, 403, 404] })
  @Roles(...READERS)
  async ring(@CurrentUser() user: AuthUser, @Param('id', { schema: idParam }) id: number) {
    const r = await this.findings.ring(id, readDistrict(user));
    if (!r) throw new NotFoundException(`团伙 ${id} 不存在或不在您的辖区 (no such ring in your scope)`);
    return r;
  }
}
