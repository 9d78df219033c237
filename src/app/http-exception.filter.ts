import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';

const CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'too_many_requests',
};

/** Every error leaves as `{"error": {"code", "message", "details"}}` (cli-and-api.md). */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly log = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse() as string | { message?: string | string[]; code?: string; details?: unknown };
      const raw = typeof body === 'string' ? body : body.message;
      const messages = Array.isArray(raw) ? raw : [raw ?? exception.message];
      const validation = Array.isArray(raw);
      res.status(status).json({
        error: {
          code: (typeof body === 'object' && body.code) || (validation ? 'validation_failed' : CODES[status] ?? 'error'),
          message: validation ? `请求参数不正确：${messages.join('；')} (invalid request)` : messages[0],
          details: (typeof body === 'object' && body.details) ?? (validation ? messages : null),
        },
      });
      return;
    }
    const err = exception as Error & { status?: number; type?: string };
    if (err?.type === 'entity.too.large' || err?.status === 413) {
      res.status(413).json({ error: { code: 'payload_too_large', message: '请求体过大 (request body too large)', details: null } });
      return;
    }
    this.log.error(err?.stack ?? String(exception));
    res.status(HttpStatus.INTERNAL_SERVER_ERROR).json({
      error: { code: 'internal', message: '服务器内部错误 (internal server error)', details: null },
    });
  }
}
