import { NestFactory } from '@nestjs/core';
import { WorkerModule } from './app/app.module.js';
import { makeLogger } from './app/create-app.js';
import { loadConfig, type AppConfig } from './config/config.js';
import { assertRedisReachable, BullWorkers, StartupError } from './queue/bullmq-queue.js';
import { JobHandlers } from './queue/job-queue.js';

/** `bidwatch worker`: BullMQ workers over the same services as the API. Needs REDIS_URL. */
export async function runWorker(config: AppConfig = loadConfig(), opts: { quiet?: boolean } = {}): Promise<() => Promise<void>> {
  if (!config.redisUrl) {
    throw new Error('bidwatch worker 需要 REDIS_URL；未设置时作业在调用它的进程内执行 (worker needs REDIS_URL; without it jobs run inline)');
  }
  await assertRedisReachable(config.redisUrl);
  const ctx = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: makeLogger(config, opts.quiet) });
  ctx.enableShutdownHooks();
  const workers = new BullWorkers(config.redisUrl, config.queuePrefix, ctx.get(JobHandlers));
  workers.start();
  await workers.ready();
  if (!opts.quiet) process.stderr.write('bidwatch worker 已启动，等待作业 (worker started, waiting for jobs)\n');
  return async () => {
    await workers.close();
    await ctx.close();
  };
}

const isEntry = import.meta.url === `file://${process.argv[1]}`;
if (isEntry) {
  runWorker().catch((err) => {
    process.stderr.write(`启动失败 (failed to start): ${err instanceof StartupError ? err.message : (err as Error).stack}\n`);
    process.exit(1);
  });
}
