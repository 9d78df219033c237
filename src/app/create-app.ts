import { ConsoleLogger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import type { AppConfig } from '../config/config.js';
import { AppModule } from './app.module.js';

export function makeLogger(config: Pick<AppConfig, 'logFormat'>, quiet = false): ConsoleLogger {
  return new ConsoleLogger('bidwatch', {
    json: config.logFormat === 'json',
    logLevels: quiet ? ['error', 'warn'] : ['log', 'error', 'warn'],
  });
}

/** Builds the API exactly as `bidwatch serve` runs it; tests use the same function. */
export async function createApp(config: AppConfig, opts: { quiet?: boolean } = {}): Promise<INestApplication> {
  // No global body parser: uploads stream to disk; JSON bodies are parsed below, small and only where sent.
  const app = await NestFactory.create(AppModule.forRoot(config), {
    bodyParser: false,
    logger: makeLogger(config, opts.quiet),
  });
  app.use(helmet({ contentSecurityPolicy: { directives: { 'script-src': ["'self'"], 'img-src': ["'self'", 'data:'] } } }));
  app.use(
    '/api',
    rateLimit({
      windowMs: 60_000,
      limit: Number(process.env.BIDWATCH_RATE_LIMIT ?? 600),
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      // Per API key when one is sent, else per client address.
      keyGenerator: (req) => String(req.headers['authorization'] ?? ipKeyGenerator(req.ip ?? '0.0.0.0')),
      handler: (_req, res) =>
        res.status(429).json({ error: { code: 'too_many_requests', message: '请求过于频繁，请稍后再试 (rate limit exceeded)', details: null } }),
    }),
  );
  const json = express.json({ limit: '1mb' });
  app.use((req: express.Request, res: express.Response, next: express.NextFunction) =>
    req.path.startsWith('/api/imports') ? next() : json(req, res, next),
  );
  app.enableShutdownHooks();
  const doc = new DocumentBuilder()
    .setTitle('bidwatch API')
    .setDescription('招投标监管：导入、异常低价、围标串标、标后履约与现场联动核查、下浮率年度报告')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, doc), { jsonDocumentUrl: 'api/docs/json' });
  return app;
}
