import { Controller, Get, Inject, NotFoundException, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { CaseEventLog } from '../audit/case-events.repository.js';
import { CurrentUser, Roles } from '../auth/auth.decorators.js';
import { readDistrict, type AuthUser } from '../auth/roles.js';
import { CaseSyncService } from '../cases/case-sync.service.js';
import { FindingsRepository } from '../detection/findings.repository.js';
import { JOB_QUEUE, type JobQueue } from '../queue/job-queue.js';
import { ScopedFindingsRepository } from './scoped-findings.repository.js';
import { idParam, lineText, paging, tenderCodeParam } from '../common/http-params.js';

const flagsQuery = z.object({
  detector: z.string().regex(/^[A-Z0-9]{2,12}$/).optional(),
  severity: z.enum(['info', 'low', 'medium', 'high']).optional(),
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  tender: lineText(200).optional(),
  bidder: z.string().regex(/^[0-9A-Z]{18}$/, { error: 'bidder 应为 18 位统一社会信用代码 (bidder must be an 18-character USCC)' }).optional(),
  ...paging(500),
});

const ringsQuery = z.object({ ...paging(500) });

const READERS = ['inspector', 'supervisor', 'auditor'] as const;

@ApiTags('findings')
@ApiBearerAuth()
@Controller('api')
export class FindingsController {
  private readonly findings: FindingsRepository;
  private readonly scoped: ScopedFindingsRepository;

  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(CaseEventLog) private readonly events: CaseEventLog,
  ) {
    this.findings = new FindingsRepository(ds);
    this.scoped = new ScopedFindingsRepository(ds);
  }

  @Get('tenders/:code')
  @Roles(...READERS)
  @ApiOperation({ summary: '标段详情：投标与下浮率、同类分布、标记及说明 (a tender, its bids, peer distribution, flags)' })
  async tender(@CurrentUser() user: AuthUser, @Param('code', { schema: tenderCodeParam }) code: string) {
    if (!(await this.scoped.tenderVisible(code, readDistrict(user)))) throw new NotFoundException(`标段 ${code} 不存在或不在您的辖区 (no such tender in your scope)`);
    const [t] = await this.ds.query(
      `SELECT t.code, t.project_name, t.district, t.category, t.work_type, t.tender_method, t.evaluation_method, t.funding,
              t.control_price, t.open_date::text AS open_date, t.year, t.n_bids, t.n_valid_bids, f.uscc AS winner_uscc,
              f.name AS winner_name, t.winner_price, t.winner_discount
       FROM tenders t LEFT JOIN firms f ON f.id = t.winner_firm_id WHERE t.code = $1`,
      [code],
    );
    if (!t) throw new NotFoundException(`标段 ${code} 不存在 (no such tender)`);
    const bids = await this.ds.query(
      `SELECT f.uscc AS bidder_uscc, f.name AS bidder_name, b.bid_price, b.discount_rate, b.bid_valid, b.invalid_reason,
              b.is_winner, b.rank, b.file_machine_code, b.file_mac, b.upload_ip, b.file_creator,
              left(b.project_manager_hash, 8) AS project_manager_ref, left(b.agent_hash, 8) AS agent_ref,
              left(b.bond_account_hash, 8) AS bond_account_ref
       FROM bids b JOIN tenders t ON t.id = b.tender_id JOIN firms f ON f.id = b.firm_id
       WHERE t.code = $1 ORDER BY b.bid_price`,
      [code],
    );
    const [peer] = await this.ds.query(
      `SELECT count(*)::int AS n,
              percentile_cont(ARRAY[0.1, 0.25, 0.5, 0.75, 0.9]) WITHIN GROUP (ORDER BY b.discount_rate::float8) AS q
       FROM bids b JOIN tenders p ON p.id = b.tender_id
       WHERE p.year BETWEEN $1 - 2 AND $1 AND p.category = $2 AND p.work_type = $3 AND p.evaluation_method = $4 AND b.bid_valid`,
      [t.year, t.category, t.work_type, t.evaluation_method],
    );
    const q = (peer?.q ?? []) as number[];
    const iqr = q.length ? q[3]! - q[1]! : null;
    const flags = await this.findings.flags({ tenderCode: code });
    const metrics = (await this.findings.tenderMetrics()).get(code) ?? null;
    const [contract] = await this.ds.query(
      `SELECT c.contract_price, c.contract_date::text AS contract_date, c.planned_completion::text AS planned_completion,
              c.change_order_total, c.change_order_count, c.settlement_price, c.actual_completion::text AS actual_completion,
              c.project_manager_changed FROM contracts c JOIN tenders t ON t.id = c.tender_id WHERE t.code = $1`,
      [code],
    );
    return {
      tender: t,
      bids,
      peer: {
        group: `${t.year - 2}–${t.year} × ${t.category} × ${t.work_type} × ${t.evaluation_method}`,
        n: peer?.n ?? 0,
        p10: q[0] ?? null, p25: q[1] ?? null, median: q[2] ?? null, p75: q[3] ?? null, p90: q[4] ?? null,
        upperFence: iqr === null ? null : q[3]! + 1.5 * iqr,
      },
      metrics,
      contract: contract ?? null,
      flags: flags.rows,
    };
  }

  @Get('flags')
  @Roles(...READERS)
  @ApiOperation({ summary: '标记列表（先按严重程度，再按得分），附各检测项按结案结果计算的精确率 (flags, most severe first, then by score; with precision from closed cases)' })
  async flags(@CurrentUser() user: AuthUser, @Query({ schema: flagsQuery }) q: z.infer<typeof flagsQuery>) {
    const pageSize = q.page_size ?? 50;
    const page = q.page ?? 1;
    const r = await this.scoped.flags({
      detector: q.detector, severity: q.severity, year: q.year, tenderCode: q.tender, bidderUscc: q.bidder,
      limit: pageSize, offset: (page - 1) * pageSize,
    }, readDistrict(user));
    const precision = await new CaseSyncService(this.ds, this.queue, this.events).precision();
    return { total: r.total, page, pageSize, items: r.rows, precision };
  }

  @Get('rings')
  @Roles(...READERS)
  @ApiOperation({ summary: '疑似围标团伙，得分高的在前，分页；总数在 X-Total-Count (suspected rings of the current run, paged; total in X-Total-Count)' })
  async rings(@CurrentUser() user: AuthUser, @Query({ schema: ringsQuery }) q: z.infer<typeof ringsQuery>, @Res({ passthrough: true }) res: Response) {
    const r = await this.scoped.rings(q.page ?? 1, q.page_size ?? 100, readDistrict(user));
    res.setHeader('X-Total-Count', String(r.total));
    return r.rows;
  }

  @Get('rings/:id')
  @Roles(...READERS)
  async ring(@CurrentUser() user: AuthUser, @Param('id', { schema: idParam }) id: number) {
    const district = readDistrict(user);
    const r = (await this.scoped.ringVisible(id, district)) ? await this.findings.ring(id) : null;
    if (!r) throw new NotFoundException(`团伙 ${id} 不存在或不在您的辖区 (no such ring in your scope)`);
    const firms = await this.ds.query(`SELECT uscc, name FROM firms WHERE uscc = ANY($1::text[]) ORDER BY uscc`, [r.members]);
    const flags = await this.ds.query(
      `SELECT detector, severity, score, subject_type, subject_id, tender_code, bidder_uscc, explanation, evidence
       FROM flags WHERE run_id = $1 AND ((subject_type = 'ring' AND subject_id = $2)
         OR (detector IN ('A40','COBID') AND bidder_uscc = ANY($3::text[]) AND tender_code = ANY($4::text[])
             AND ($5::text IS NULL OR tender_code IN (SELECT code FROM tenders WHERE district = $5))))
       ORDER BY score DESC LIMIT 500`,
      [r.run_id, r.ring_key, r.members, ((r.evidence as { tenders?: string[] }).tenders ?? []), district],
    );
    return { ...r, firms, flags };
  }
}
