import { createServer, type Server } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from './app/app.module.js';
import { makeLogger } from './app/create-app.js';
import { loadConfig, type AppConfig } from './config/config.js';
import { assertRedisReachable, BullWorkers, StartupError } from './queue/bullmq-queue.js';
import { JobHandlers } from './queue/job-queue.js';
import { Telemetry } from './health/telemetry.js';

/** `bidwatch worker`: BullMQ workers over the same services as the API. Needs REDIS_URL. */
export async function runWorker(config: AppConfig = loadConfig(), opts: { quiet?: boolean } = {}): Promise<() => Promise<void>> {
  if (!config.redisUrl) {
    throw new Error('bidwatch worker 需要 REDIS_URL；未设置时作业在调用它的进程内执行 (worker needs REDIS_URL; without it jobs run inline)');
  }
  await assertRedisReachable(config.redisUrl);
  const ctx = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: makeLogger(config, opts.quiet) });
  ctx.enableShutdownHooks();
  const workers = new BullWorkers(config.redisUrl, config.queuePrefix, ctx.get(JobHandlers), config.jobs);
  workers.start();
  await workers.ready();
  const metrics = config.workerMetricsPort ? await serveWorkerMetrics(ctx.get(Telemetry), config.workerMetricsPort, config.host ?? '0.0.0.0') : null;
  if (!opts.quiet) {
    process.stderr.write(
      'bidwatch worker 已启动，等待作业 (worker started, waiting for jobs)' +
        (metrics ? `；指标 (metrics) http://localhost:${config.workerMetricsPort}/metrics` : '') + '\n',
    );
  }
  return async () => {
    await workers.close();
    if (metrics) await new Promise<void>((r) => metrics.close(() => r()));
    await ctx.close();
  };
}

/**
 * A worker's own /metrics: the jobs it ran (count and duration by job and outcome) and its process. It holds no
 * case or person data, so it asks for no key; bind it to an address only the monitoring can reach.
 */
async function serveWorkerMetrics(telemetry: Telemetry, port: number, host: string): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('只有 /metrics (only /metrics)\n');
      return;
    }
    telemetry.metrics().then(
      (body) => res.writeHead(200, { 'Content-Type': telemetry.contentType }).end(body),
      (err: Error) => res.writeHead(500).end(err.message),
    );
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
  return server;
}

const isEntry = import.meta.url === `file://${process.argv[1]}`;
if (isEntry) {
  runWorker().catch((err) => {
    process.stderr.write(`启动失败 (failed to start): ${err instanceof StartupError ? err.message : (err as Error).stack}\n`);
    process.exit(1);
  });
}
