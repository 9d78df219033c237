import { Body, Controller, Get, HttpCode, HttpException, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser, Roles } from '../auth/auth.decorators.js';
import type { AuthUser } from '../auth/roles.js';
import { freeText, idParam, lineText, paging } from '../app/http-params.js';
import { CASE_KINDS, CASE_STATUSES } from './case-state.js';
import { CaseError, CasesService } from './cases.service.js';
import { ApiAnswer } from '../app/openapi.js';
import { auditCheck, caseAudience, caseDetail, caseEvent, caseEvents, caseList } from './case.responses.js';

const listQuery = z.object({
  kind: z.enum(CASE_KINDS).optional(),
  status: z.enum([...CASE_STATUSES, 'open']).optional(),
  assignee: z.union([z.literal('me'), z.literal('none'), z.coerce.number().int().positive()]).optional(),
  district: lineText(100).optional(),
  priority: z.coerce.number().int().min(1).max(5).optional(),
  due_before: z.iso.date().optional(),
  q: lineText(100).optional(),
  sort: z.enum(['priority', 'due', 'updated', 'created']).optional(),
  ...paging(200),
});

const eventsQuery = z.object({
  after_id: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  limit: z.coerce.number().int().min(1).max(1_000).optional(),
});

const transitionBody = z.strictObject({
  to: z.enum(CASE_STATUSES),
  note: freeText(5000).optional(),
  outcome: lineText(500).optional(),
  assignee: z.number().int().positive().optional(),
});
const noteBody = z.strictObject({ text: freeText(5000).pipe(z.string().trim().min(1, '备注不能为空 (empty note)')) });

const READERS = ['inspector', 'supervisor', 'auditor'] as const;
const WORKERS = ['inspector', 'supervisor'] as const;

async function mapped<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof CaseError) throw new HttpException({ message: e.message, code: e.code }, e.status);
    throw e;
  }
}

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/cases')
export class CasesController {
  constructor(@Inject(CasesService) private readonly cases: CasesService) {}

  @Get()
  @ApiAnswer(caseList, { description: '一页案件与各状态数 (a page of cases and counts by status)' })
  @Roles(...READERS)
  @ApiOperation({ summary: '案件列表 (cases, filtered and paged)' })
  list(@CurrentUser() user: AuthUser, @Query({ schema: listQuery }) q: z.infer<typeof listQuery>) {
    return this.cases.list(user, { ...q, dueBefore: q.due_before, pageSize: q.page_size });
  }

  @Get(':id')
  @ApiAnswer(caseDetail, { description: '案件及其证据 (the case and its evidence)', errors: [400, 401, 403, 404] })
  @Roles(...READERS)
  get(@CurrentUser() user: AuthUser, @Param('id', { schema: idParam }) id: number) {
    return mapped(this.cases.get(user, id));
  }

  @Get(':id/events')
  @ApiAnswer(caseEvents, { description: '案件记录，按时间先后 (the case’s events, oldest first)', errors: [400, 401, 403, 404] })
  @Roles(...READERS)
  @ApiOperation({ summary: '审计记录，按时间顺序，每次至多 limit 条（默认 1000），after_id 之后继续 (audit trail in order, at most limit events after after_id)' })
  events(@CurrentUser() user: AuthUser, @Param('id', { schema: idParam }) id: number, @Query({ schema: eventsQuery }) q: z.infer<typeof eventsQuery>) {
    return mapped(this.cases.events(user, id, { afterId: q.after_id, limit: q.limit }));
  }

  @Get(':id/audience')
  @ApiAnswer(caseAudience, { description: '能看到本案的人 (who sees the case)', errors: [400, 401, 403, 404] })
  @Roles(...READERS)
  @ApiOperation({ summary: '现在能看到本案的人数：本辖区检查员、全市检查员（无辖区）、科室负责人 (who sees this case now: district and city-wide inspectors, supervisors)' })
  audience(@CurrentUser() user: AuthUser, @Param('id', { schema: idParam }) id: number) {
    return mapped(this.cases.audience(user, id));
  }

  @Get(':id/audit')
  @ApiAnswer(auditCheck, { description: '本案审计链校验 (the case’s chain check)', errors: [400, 401, 403, 404] })
  @Roles(...READERS)
  @ApiOperation({ summary: '本案审计记录是否完好（哈希链校验）(whether this case\'s audit trail verifies against the hash chain)' })
  audit(@CurrentUser() user: AuthUser, @Param('id', { schema: idParam }) id: number) {
    return mapped(this.cases.verifyTrail(user, id));
  }

  @Post(':id/claim')
  @ApiAnswer(caseDetail, { description: '认领后的案件 (the case, claimed)', errors: [400, 401, 403, 404, 409] })
  @HttpCode(200)
  @Roles(...WORKERS)
  @ApiOperation({ summary: '认领案件 (claim; exactly one of simultaneous claims wins, the others get 409)' })
  claim(@CurrentUser() user: AuthUser, @Param('id', { schema: idParam }) id: number) {
    return mapped(this.cases.claim(user, id));
  }

  @Post(':id/transition')
  @ApiAnswer(caseDetail, { description: '变更后的案件 (the case after the change)', errors: [400, 401, 403, 404, 409] })
  @HttpCode(200)
  @Roles(...WORKERS)
  @ApiOperation({ summary: '变更状态 (transition through the workflow)' })
  transition(@CurrentUser() user: AuthUser, @Param('id', { schema: idParam }) id: number, @Body({ schema: transitionBody }) body: z.infer<typeof transitionBody>) {
    return mapped(this.cases.transition(user, id, body));
  }

  @Post(':id/notes')
  @ApiAnswer(caseEvent, { status: 201, description: '新增的备注记录 (the note as recorded)', errors: [400, 401, 403, 404] })
  @Roles(...WORKERS)
  note(@CurrentUser() user: AuthUser, @Param('id', { schema: idParam }) id: number, @Body({ schema: noteBody }) body: z.infer<typeof noteBody>) {
    return mapped(this.cases.note(user, id, body.text));
  }
}
