import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  BadRequestException, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post,
  HttpException, Query, Req, Res, StreamableFile,
} from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { stringify } from 'csv-stringify/sync';
import type { Request, Response } from 'express';
import multer from 'multer';
import { z } from 'zod';
import { APP_CONFIG } from '../config/config.token.js';
import { CurrentUser, Roles } from '../auth/auth.decorators.js';
import type { AuthUser } from '../auth/roles.js';
import type { AppConfig } from '../config/config.js';
import { JOB_QUEUE, type JobQueue } from '../queue/job-queue.js';
import { IMPORT_FORMATS, IMPORT_KINDS, type ImportFormat } from './import-kinds.js';
import type { RowError } from './import-summary.js';
import { ImportService } from './import.service.js';
import { safeRow } from '../exports/spreadsheet-safe.js';
import { idParam, lineText, paging } from '../app/http-params.js';
import { ApiAnswer } from '../app/openapi.js';
import { importErrors, importList, importQueued, importSummary } from './import.responses.js';

const uploadLog = new Logger('Imports');

const createQuery = z.object({
  kind: z.enum(IMPORT_KINDS, {
    error: `kind 应为 ${IMPORT_KINDS.join('、')} 之一 (kind must be ${IMPORT_KINDS.join('|')})`,
  }),
  format: z.enum(IMPORT_FORMATS, { error: 'format 应为 csv 或 ocds' }).optional(),
  filename: lineText(200).optional(),
  district: lineText(100).optional(),
  category: lineText(50).optional(),
  work_type: lineText(50).optional(),
  tender_method: lineText(50).optional(),
  evaluation_method: lineText(50).optional(),
});

const listQuery = z.object({ ...paging(100) });
const errorsQuery = z.object({ ...paging(1_000), format: z.enum(['json', 'csv']).optional() });

const notFound = (id: number) => new NotFoundException(`导入编号 ${id} 不存在 (no such import)`);

/** Data clerks read the imports they made; supervisors, auditors and admins read all of them. */
function ownOnly(user: AuthUser): number | undefined {
  return user.role === 'importer' ? Number(user.id) : undefined;
}

/** The rejects as CSV text, a batch at a time: UTF-8 BOM for Excel, every text cell made formula-safe. */
async function* rejectsCsv(batches: AsyncIterable<RowError[]>): AsyncGenerator<string> {
  yield '\ufeff' + stringify([['line', 'column', 'message']]);
  for await (const rows of batches) yield stringify(rows.map((e) => safeRow([e.line, e.column ?? '', e.message])));
}

@ApiTags('imports')
@ApiBearerAuth()
@Controller('api/imports')
export class ImportsController {
  constructor(
    @Inject(ImportService) private readonly imports: ImportService,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @ApiConsumes('text/csv', 'application/json', 'multipart/form-data')
  @ApiBody({
    required: true,
    description:
      '文件本身作为请求体（text/csv 或 OCDS application/json），或 multipart/form-data 的 file 字段；各列见导入格式说明 ' +
      '(the file as the body, or the `file` field of a multipart form; columns per the import format)',
    schema: { type: 'object', properties: { file: { type: 'string', format: 'binary', description: 'CSV 或 OCDS JSON 文件' } }, required: ['file'] },
  })
  @ApiAnswer(importQueued, { status: 202, description: '已排队；进度见 statusUrl (queued; follow statusUrl)', errors: [400, 401, 403, 413] })
  @HttpCode(202)
  @Roles('importer')
  @ApiOperation({ summary: '上传文件并排队导入 (upload a file; the import runs as a job)' })
  async create(
    @Req() req: Request,
    @Query({ schema: createQuery }) q: z.infer<typeof createQuery>,
    @CurrentUser() user: AuthUser,
  ): Promise<{ importId: number; status: 'queued'; statusUrl: string }> {
    await mkdir(this.config.uploadDir, { recursive: true });
    const { path, fileName, bytes } = await this.receive(req, q.filename);
    if (bytes === 0) {
      await rm(path, { force: true });
      throw new BadRequestException('请求体为空：请上传文件 (empty body: send the file)');
    }
    const format: ImportFormat =
      q.format ?? (/json/.test(String(req.headers['content-type'])) || /\.(json|jsonl|ndjson)$/i.test(fileName) ? 'ocds' : 'csv');
    const importId = await this.imports.queue({
      path,
      kind: q.kind,
      format,
      fileName,
      fileBytes: bytes,
      createdBy: user.id,
      ocdsDefaults: {
        district: q.district, category: q.category, work_type: q.work_type,
        tender_method: q.tender_method, evaluation_method: q.evaluation_method,
      },
    });
    await this.queue.add('import', { importId }, { jobId: String(importId) });
    uploadLog.log({
      event: 'import.upload', importId, kind: q.kind, format, fileName, bytes,
      user: { id: user.id, name: user.name }, msg: `收到上传文件，导入 #${importId} 已排队 (upload queued)`,
    });
    return { importId, status: 'queued', statusUrl: `/api/imports/${importId}` };
  }

  @Get()
  @ApiAnswer(importList, { description: '一页导入记录 (a page of imports)' })
  @Roles('importer', 'supervisor', 'auditor')
  @ApiOperation({ summary: '历次导入，最新的在前（数据录入员只看到自己的）(past imports, newest first; an importer sees their own)' })
  list(@CurrentUser() user: AuthUser, @Query({ schema: listQuery }) q: z.infer<typeof listQuery>) {
    const page = q.page ?? 1;
    const pageSize = q.page_size ?? 50;
    return this.imports.runs.list({ page, pageSize, createdBy: ownOnly(user) }).then((r) => ({ ...r, page, pageSize }));
  }

  @Get(':id')
  @ApiAnswer(importSummary, { description: '导入摘要 (the import’s summary)', errors: [400, 401, 403, 404] })
  @Roles('importer', 'supervisor', 'auditor')
  @ApiOperation({ summary: '导入进度与结果：计数、前 100 条错误与错误总数 (progress and summary: counts, the first 100 errors, errorsTotal)' })
  async get(@CurrentUser() user: AuthUser, @Param('id', { schema: idParam }) id: number) {
    await this.visible(user, id);
    const live = ImportService.liveProgress(id);
    if (live && this.config.mode === 'embedded') {
      // PGlite's one session is held by the running import: answer from memory.
      return { importId: id, status: 'running', rowsRead: live.rowsRead, rowsPerSecond: live.rowsPerSecond };
    }
    const s = await this.imports.runs.summary(id);
    if (!s) throw notFound(id);
    return live ? { ...s, rowsRead: live.rowsRead, rowsPerSecond: live.rowsPerSecond } : s;
  }

  @Get(':id/errors')
  @ApiAnswer(importErrors, { description: '一页被拒的行 (a page of rejected rows; format=csv streams them all)', errors: [400, 401, 403, 404] })
  @Roles('importer', 'supervisor', 'auditor')
  @ApiOperation({
    summary: '导入的全部错误：分页 JSON，或 format=csv 时整份 CSV（流式）(every error of an import: paged JSON, or the whole list as a streamed CSV with format=csv)',
  })
  @ApiProduces('application/json', 'text/csv')
  async errors(
    @CurrentUser() user: AuthUser,
    @Param('id', { schema: idParam }) id: number,
    @Query({ schema: errorsQuery }) q: z.infer<typeof errorsQuery>,
    @Res({ passthrough: true }) res: Response,
  ) {
    await this.visible(user, id);
    if (q.format === 'csv') {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="import-${id}-rejected.csv"`);
      return new StreamableFile(Readable.from(rejectsCsv(this.imports.runs.allErrors(id))), { type: 'text/csv; charset=utf-8' });
    }
    const page = q.page ?? 1;
    const pageSize = q.page_size ?? 100;
    const r = await this.imports.runs.errorsPage(id, page, pageSize);
    return { importId: id, total: r.total, page, pageSize, items: r.items };
  }

  /** 404 unless the run exists and the user may read it (an importer: only their own). */
  private async visible(user: AuthUser, id: number): Promise<void> {
    const owner = await this.imports.runs.owner(id);
    const mine = ownOnly(user);
    if (owner === undefined || (mine !== undefined && owner !== mine)) throw notFound(id);
  }

  /** Streams the upload to disk (never into memory): a raw body, or the multipart field `file`. */
  private async receive(req: Request, name?: string): Promise<{ path: string; fileName: string; bytes: number }> {
    const id = `${Date.now()}-${randomBytes(6).toString('hex')}`;
    const max = this.config.maxUploadBytes;
    const tooLarge = () => new HttpException(`文件超过 ${Math.round(max / 1048576)} MB 上限 (file too large)`, 413);
    if (String(req.headers['content-type'] ?? '').startsWith('multipart/form-data')) {
      const upload = multer({
        storage: multer.diskStorage({ destination: this.config.uploadDir, filename: (_r, f, cb) => cb(null, id + extname(f.originalname)) }),
        limits: { fileSize: max, files: 1 },
        defParamCharset: 'utf8',
      }).single('file');
      await new Promise<void>((resolve, reject) =>
        upload(req, {} as never, (err: unknown) => {
          if (!err) return resolve();
          const e = err as { code?: string; message?: string };
          reject(e.code === 'LIMIT_FILE_SIZE' ? tooLarge() : new BadRequestException(`上传失败：${e.message} (upload failed; send the file in field "file")`));
        }),
      );
      const f = (req as Request & { file?: Express.Multer.File }).file;
      if (!f) throw new BadRequestException('缺少文件字段 file (multipart field "file" is missing)');
      return { path: f.path, fileName: name ?? f.originalname, bytes: f.size };
    }
    const path = join(this.config.uploadDir, id);
    let bytes = 0;
    const limiter = new Transform({
      transform(chunk: Buffer, _e, cb) {
        bytes += chunk.length;
        cb(bytes > max ? tooLarge() : null, chunk);
      },
    });
    try {
      await pipeline(req, limiter, createWriteStream(path));
    } catch (err) {
      await rm(path, { force: true });
      throw err;
    }
    const isJson = /json/.test(String(req.headers['content-type']));
    return { path, fileName: name ?? (isJson ? 'upload.json' : 'upload.csv'), bytes: (await stat(path)).size };
  }
}
