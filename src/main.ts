import { loadConfig, type AppConfig } from './config/config.js';
import { createApp } from './app/create-app.js';

/** `bidwatch serve`: the HTTP API and the inspectors' console. */
export async function serve(config: AppConfig = loadConfig(), port = config.port): Promise<void> {
  const app = await createApp(config);
  await app.listen(port, process.env.BIDWATCH_HOST ?? '0.0.0.0');
  process.stderr.write(
    `bidwatch API 已启动：http://localhost:${port}/api/docs（${config.mode === 'embedded' ? '内嵌数据库' : 'PostgreSQL'}，` +
      `${config.redisUrl ? 'BullMQ 队列' : '作业在本进程内执行'}）(API listening)\n`,
  );
}

const isEntry = import.meta.url === `file://${process.argv[1]}`;
if (isEntry) {
  serve().catch((err) => {
    process.stderr.write(`启动失败 (failed to start): ${(err as Error).stack}\n`);
    process.exit(1);
  });
}
