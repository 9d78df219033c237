import type { LoggerService, LogLevel } from '@nestjs/common';
import type express from 'express';
import { pino, type DestinationStream, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import pretty from 'pino-pretty';
import type { AppConfig } from '../config/config.js';
import type { IdentifiedRequest } from '../auth/identify.js';

/**
 * One logger for the API, the workers and the CLI's server modes (issue 15 §5): pino, JSON lines with ISO
 * timestamps when BIDWATCH_LOG_FORMAT=json (for a log shipper), the same records pretty-printed otherwise.
 * Written synchronously to stderr so nothing is lost when a process exits on a fatal error.
 */
export function createRootLogger(
  config: Pick<AppConfig, 'logFormat'>,
  opts: { quiet?: boolean; destination?: DestinationStream } = {},
): Logger {
  const options = {
    level: opts.quiet ? 'error' : 'info',
    base: { service: 'bidwatch' },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Requests are logged by what they did, never by what they carried: no headers, so no API key.
    serializers: { err: pino.stdSerializers.err },
  };
  const destination =
    opts.destination ??
    (config.logFormat === 'json'
      ? pino.destination({ fd: 2, sync: true })
      : pretty({ destination: 2, sync: true, colorize: false, singleLine: true, translateTime: 'SYS:yyyy-mm-dd HH:MM:ss.l o', ignore: 'pid,hostname,service' }));
  return pino(options, destination);
}

const NEST_TO_PINO: Record<LogLevel, 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal'> = {
  log: 'info',
  error: 'error',
  warn: 'warn',
  debug: 'debug',
  verbose: 'trace',
  fatal: 'fatal',
};

/**
 * Nest's LoggerService over pino, so Nest's own lines and every `new Logger(context)` in the services end up as
 * the same records. A message that is an object becomes fields: `log({ event: 'case.transition', … }, 'Cases')`.
 */
export class PinoNestLogger implements LoggerService {
  constructor(readonly pino: Logger) {}

  private write(level: LogLevel, message: unknown, rest: unknown[]): void {
    const method = NEST_TO_PINO[level];
    if (!this.pino.isLevelEnabled(method)) return;
    // Nest passes the context last; an error's stack, when given, comes before it.
    const context = rest.length > 0 && typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const stack = level === 'error' && typeof rest[0] === 'string' ? (rest.shift() as string) : undefined;
    const fields: Record<string, unknown> = { ...(context ? { context } : {}), ...(stack ? { stack } : {}) };
    if (message instanceof Error) this.pino[method]({ ...fields, err: message }, message.message);
    else if (message && typeof message === 'object') {
      const { msg, ...rest2 } = message as Record<string, unknown>;
      this.pino[method]({ ...fields, ...rest2 }, typeof msg === 'string' ? msg : undefined);
    } else this.pino[method](fields, String(message));
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('log', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('verbose', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }
}

/** The signed-in user as a request line shows them: id, name and role; never the key or any header. */
const userFields = (req: IdentifiedRequest) => (req.user ? { user: { id: req.user.id, name: req.user.name, role: req.user.role } } : {});

/**
 * One line per request when its response is finished: method, path, status, duration and who asked. The user is
 * read at the end, because the key is resolved by a later middleware. `/api/health` probes are not logged (a
 * monitor polls it every few seconds).
 */
export function requestLogging(logger: Logger): express.RequestHandler {
  return pinoHttp({
    logger,
    quietReqLogger: true,
    autoLogging: { ignore: (req) => (req as express.Request).originalUrl?.startsWith('/api/health') ?? false },
    serializers: {
      req: (req: { method: string; url: string; remoteAddress?: string }) => ({ method: req.method, url: req.url, address: req.remoteAddress }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
    },
    customProps: (req) => userFields(req as IdentifiedRequest),
    // A 4xx is the caller's business and an ordinary line; a 5xx is ours.
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
    customSuccessMessage: (req, res, ms) => `${req.method} ${(req as express.Request).originalUrl} ${res.statusCode} ${Math.round(ms)}ms`,
    customErrorMessage: (req, res) => `${req.method} ${(req as express.Request).originalUrl} ${res.statusCode}`,
  });
}
