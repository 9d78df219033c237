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
  503: 'unavailable',
};

/** Messages for the 4xx errors Express and its body parsers raise before a controller runs. */
const CLIENT_ERRORS: Record<number, string> = {
  400: '请求格式不正确 (malformed request)',
  413: '请求体过大 (request body too large)',
  415: '不支持的请求编码 (unsupported request encoding)',
};

/**
 * PostgreSQL and pool conditions that mean "the service is busy", not "the service is broken": the pool had no
 * connection within its acquire timeout, or the server cancelled a statement or a transaction on its timeouts.
 */
export function isBusyError(err: unknown): boolean {
  const e = err as { message?: string; code?: string; driverError?: { code?: string } };
  const code = e?.code ?? e?.driverError?.code;
  return (
    /timeout exceeded when trying to connect/.test(String(e?.message)) ||
    code === '57014' || // statement_timeout (canceling statement due to statement timeout)
    code === '55P03' || // lock_not_available (lock_timeout)
    code === '25P03' // idle_in_transaction_session_timeout
  );
}

/** The `details` an HttpException carries, if any: an object's `details` key, never a stray `false`. */
function detailsOf(body: unknown): unknown {
  return typeof body === 'object' && body !== null && 'details' in body ? (body as { details?: unknown }).details ?? null : undefined;
}

/** Every error leaves as `{"error": {"code", "message", "details"}}` (cli-and-api.md). */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly log = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) {
      // A streamed download failed part-way: the status is gone; end the body so the client sees a short file.
      this.log.error((exception as Error)?.stack ?? String(exception));
      res.end();
      return;
    }
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
          details: detailsOf(body) ?? (validation ? messages : null),
        },
      });
      return;
    }
    const err = exception as Error & { status?: number; statusCode?: number; type?: string };
    const status = err?.type === 'entity.too.large' ? 413 : err?.status ?? err?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      // Express and body-parser errors (a bad percent-escape in the path, JSON that does not parse, …).
      res.status(status).json({ error: { code: CODES[status] ?? 'bad_request', message: CLIENT_ERRORS[status] ?? CLIENT_ERRORS[400], details: null } });
      return;
    }
    if (isBusyError(exception)) {
      this.log.warn(`busy: ${err?.message}`);
      res.status(503).setHeader('Retry-After', '5');
      res.json({ error: { code: 'unavailable', message: '服务繁忙，请稍后重试 (service busy, try again)', details: null } });
      return;
    }
    this.log.error(err?.stack ?? String(exception));
    res.status(HttpStatus.INTERNAL_SERVER_ERROR).json({
      error: { code: 'internal', message: '服务器内部错误 (internal server error)', details: null },
    });
  }
}
