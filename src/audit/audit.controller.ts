import { Controller, Get, Inject, Module } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators.js';
import { CaseEventLog } from './case-events.repository.js';
import { ApiAnswer } from '../app/openapi.js';
import { auditCheck } from '../cases/case.responses.js';

/** The audit trail's own check, for those who answer for it (the console shows it; the CLI has `audit verify`). */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit')
export class AuditController {
  constructor(
    @Inject(CaseEventLog) private readonly log: CaseEventLog,
  ) {}

  @Get('verify')
  @ApiAnswer(auditCheck, { description: '全部案件记录的哈希链校验 (the whole chain’s check)' })
  @Roles('supervisor', 'auditor')
  @ApiOperation({
    summary: '校验全部案件审计记录的哈希链，给出第一条校验失败的记录 (verify the case-event hash chain; names the first event that does not verify)',
  })
  verify() {
    return this.log.verify();
  }
}

@Module({ controllers: [AuditController] })
export class AuditModule {}
