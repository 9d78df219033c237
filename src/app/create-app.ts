import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { identify, logAuthFailure, type IdentifiedRequest } from '../auth/identify.js';
import { UsersService } from '../auth/users.service.js';
import helmet from 'helmet';
import type { AppConfig } from '../config/config.js';
import { AppModule } from './app.module.js';
import { Telemetry } from '../health/telemetry.js';
import type { DestinationStream } from 'pino';
import { createRootLogger, PinoNestLogger, requestLogging } from './logging.js';


/** Nest's logger for the API and the workers: pino records, JSON or text by BIDWATCH_LOG_FORMAT. */
export function makeLogger(config: Pick<AppConfig, 'logFormat'>, quiet = false, destination?: DestinationStream): PinoNestLogger {
  return new PinoNestLogger(createRootLogger(config, { quiet, destination }));
}

const tooMany = (_req: express.Request, res: express.Response) =>
  res.status(429).json({ error: { code: 'too_many_requests', message: '请求过于频繁，请稍后再试 (rate limit exceeded)', details: null } });

/** The client's address as express-rate-limit wants it (IPv6 collapsed to its /56). */
const address = (req: express.Request) => ipKeyGenerator(req.ip ?? '0.0.0.0');

/**
 * What every API request passes before a controller (issue 14):
 * - `/api/health` has a budget of its own per address, so monitoring never eats the callers' budget and a flood of
 *   health checks cannot use up anyone else's;
 * - the API key is resolved once (`identify`), and the request budget is per signed-in user, whatever the spelling
 *   of the header; requests without a valid key share their address's budget;
 * - failed sign-ins (401) have a small budget per address: guessing keys ends in 429;
 * - the API description (`/api/docs`) needs a key unless BIDWATCH_PUBLIC_DOCS says otherwise.
 */
function guardEdges(app: INestApplication, config: AppConfig): void {
  const limits = config.rateLimits;
  const common = { windowMs: 60_000, standardHeaders: 'draft-7' as const, legacyHeaders: false, handler: tooMany };
  const isHealth = (req: express.Request) => req.baseUrl + req.path === '/api/health';
  const health = rateLimit({ ...common, limit: limits.healthPerAddress, keyGenerator: (req) => `health:${address(req)}` });
  app.use('/api/health', health);
  const edges = ['/api', '/metrics'];
  const identifyCaller = identify(app.get(UsersService));
  app.use(edges, (req: express.Request, res: express.Response, next: express.NextFunction) =>
    isHealth(req) ? next() : void identifyCaller(req, res, next),
  );
  app.use(
    edges,
    rateLimit({
      ...common,
      limit: limits.authFailuresPerAddress,
      keyGenerator: (req) => `auth-failures:${address(req)}`,
      // Only failed sign-ins count; a caller with a valid key is limited by its own budget instead.
      skip: (req) => isHealth(req) || !!(req as IdentifiedRequest).user,
      skipSuccessfulRequests: true,
      requestWasSuccessful: (_req, res) => res.statusCode !== 401,
    }),
  );
  app.use(
    edges,
    rateLimit({
      ...common,
      limit: limits.perUser,
      skip: isHealth,
      keyGenerator: (req) => {
        const user = (req as IdentifiedRequest).user;
        return user ? `user:${user.id}` : `address:${address(req)}`;
      },
    }),
  );
  if (!config.publicDocs) {
    app.use('/api/docs', (req: express.Request, res: express.Response, next: express.NextFunction) => {
      if ((req as IdentifiedRequest).user) return next();
      (req as IdentifiedRequest).authFailed = true;
      logAuthFailure(req, 'docs');
      res.status(401).json({
        error: {
          code: 'unauthorized',
          message: 'API 说明需要有效的 API 密钥 (the API description needs a valid API key: Authorization: Bearer <key>)',
          details: null,
        },
      });
    });
  }
}

/** Builds the API exactly as `bidwatch serve` runs it; tests use the same function. */
export async function createApp(
  config: AppConfig,
  opts: { quiet?: boolean; logDestination?: DestinationStream } = {},
): Promise<INestApplication> {
  const logger = makeLogger(config, opts.quiet, opts.logDestination);
  // No global body parser: uploads stream to disk; JSON bodies are parsed below, small and only where sent.
  const app = await NestFactory.create(AppModule.forRoot(config), { bodyParser: false, logger });
  app.use(requestLogging(logger.pino));
  const telemetry = app.get(Telemetry);
  app.use((req: express.Request, res: express.Response, next: express.NextFunction) => {
    const started = performance.now();
    res.on('finish', () =>
      telemetry.observeRequest(req.method, req.route ? req.baseUrl + String(req.route.path) : null, res.statusCode, (performance.now() - started) / 1000),
    );
    next();
  });
  app.use(helmet({ contentSecurityPolicy: { directives: { 'script-src': ["'self'"], 'img-src': ["'self'", 'data:'] } } }));
  guardEdges(app, config);
  const json = express.json({ limit: '1mb' });
  app.use((req: express.Request, res: express.Response, next: express.NextFunction) =>
    req.path.startsWith('/api/imports') ? next() : json(req, res, next),
  );
  app.enableShutdownHooks();
  const doc = new DocumentBuilder()
    .setTitle('bidwatch API')
    .setDescription('招投标监管：导入、异常低价、围标串标、标后履约与现场联动核查、下浮率年度报告')
    .setVersion('0.1.0')
    // API keys are opaque random strings (bw_…), looked up by their hash: not JWTs.
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'API key (bw_…)', description: '`bidwatch users add` 打印的 API 密钥 (the key `users add` prints)' })
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, doc), { jsonDocumentUrl: 'api/docs/json' });
  return app;
}
