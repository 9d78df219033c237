import { Controller, Get, Inject, NotFoundException, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators.js';
import { readDistrict, ROLE_LABELS, type AuthUser, type Role } from '../auth/roles.js';
import { FindingsRepository } from '../findings/findings.repository.js';
import { TendersRepository } from '../tenders/tenders.repository.js';
import { ConsoleRepository, type SitePresence } from './console.repository.js';
import { idParam, tenderCodeParam } from '../app/http-params.js';
import { ApiAnswer } from '../app/openapi.js';
import { assignees, attendance, dataState, districts, me, ringGraph } from './console.responses.js';

const READERS = ['inspector', 'supervisor', 'auditor'] as const;

/** What a role may do, as the console needs to know it (the API enforces the same through @Roles). */
export function permissionsOf(role: Role) {
  const admin = role === 'admin';
  return {
    readCases: admin || role === 'inspector' || role === 'supervisor' || role === 'auditor',
    workCases: admin || role === 'inspector' || role === 'supervisor',
    assignOthers: admin || role === 'supervisor',
    importFiles: admin || role === 'importer',
    readImports: admin || role === 'importer' || role === 'supervisor' || role === 'auditor',
    readReports: admin || role === 'inspector' || role === 'supervisor' || role === 'auditor',
  };
}

/** The few read-only routes the console needs beyond the case and findings API. Every one needs an API key. */
@ApiTags('console')
@ApiBearerAuth()
@Controller('api')
export class ConsoleApiController {
  constructor(
    @Inject(ConsoleRepository) private readonly repo: ConsoleRepository,
    @Inject(FindingsRepository) private readonly scoped: FindingsRepository,
    @Inject(TendersRepository) private readonly tenders: TendersRepository,
  ) {}

  @Get('me')
  @ApiAnswer(me, { description: '当前用户与其权限 (who you are and what you may do)', errors: [401] })
  @ApiOperation({ summary: '当前用户：姓名、角色、辖区与可用功能 (who the API key belongs to, and what the role may do)' })
  me(@CurrentUser() user: AuthUser) {
    return { id: Number(user.id), name: user.name, role: user.role, roleLabel: ROLE_LABELS[user.role], district: user.district, can: permissionsOf(user.role) };
  }

  @Get('tenders/:code/attendance')
  @ApiAnswer(attendance, { description: '考勤时间线 (the site’s attendance timeline)', errors: [400, 401, 403, 404] })
  @Roles(...READERS)
  @ApiOperation({
    summary: '工地实名制考勤时间线：每日各岗位到岗人数、项目经理每月到岗率、关键人员（仅 8 位编号）、各用工单位人日 (site attendance timeline; persons only as 8-character references)',
  })
  async attendance(@CurrentUser() user: AuthUser, @Param('code', { schema: tenderCodeParam }) code: string) {
    const site = ((await this.scoped.tenderFacts(code))?.SITE ?? null) as SitePresence | null;
    const a = (await this.tenders.visible(code, readDistrict(user))) ? await this.repo.attendance(code, site) : null;
    if (!a) throw new NotFoundException(`标段 ${code} 不存在或不在您的辖区 (no such tender in your scope)`);
    return a;
  }

  @Get('rings/:id/graph')
  @ApiAnswer(ringGraph, { description: '团伙的共同投标图 (the ring’s co-bidding graph)', errors: [400, 401, 403, 404] })
  @Roles(...READERS)
  @ApiOperation({ summary: '团伙共同投标关系图：成员、共同投标边、第四十条关联 (a ring as a co-bidder graph with its Article 40 links)' })
  async ringGraph(@CurrentUser() user: AuthUser, @Param('id', { schema: idParam }) id: number) {
    const g = (await this.scoped.ringVisible(id, readDistrict(user))) ? await this.repo.ringGraph(id) : null;
    if (!g) throw new NotFoundException(`团伙 ${id} 不存在或不在您的辖区 (no such ring in your scope)`);
    return g;
  }

  @Get('districts')
  @ApiAnswer(districts, { description: '区镇及其标段数 (districts and their tenders)' })
  @Roles(...READERS)
  @ApiOperation({ summary: '区镇列表（案件筛选用），附标段数 (districts with their tender counts, for the case filters)' })
  districts(@CurrentUser() user: AuthUser) {
    return this.scoped.districts(readDistrict(user));
  }

  @Get('data-state')
  @ApiAnswer(dataState, { description: '数据状态 (the data state)' })
  @Roles(...READERS)
  @ApiOperation({ summary: '数据状态：辖区内标段数、最近导入与检测时间，供空白控制台说明原因 (why the console may be empty: tenders in scope, last import, detection runs)' })
  dataState(@CurrentUser() user: AuthUser) {
    return this.repo.dataState(readDistrict(user));
  }

  @Get('assignees')
  @ApiAnswer(assignees, { description: '可承办案件的人 (who can be assigned)' })
  @Roles('supervisor')
  @ApiOperation({ summary: '可承办案件的人员（科室负责人指派用） (users a supervisor can assign cases to)' })
  assignees() {
    return this.repo.assignees();
  }
}
