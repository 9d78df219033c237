import { loadConfig, type AppConfig } from './config/config.js';
import { createApp } from './app/create-app.js';
import { assertRedisReachable, StartupError } from './queue/bullmq-queue.js';

/** `bidwatch serve`: the HTTP API and the inspectors' console. */
export async function serve(config: AppConfig = loadConfig(), port = config.port): Promise<void> {
  if (config.redisUrl) await assertRedisReachable(config.redisUrl);
  const app = await createApp(config);
  try {
    await app.listen(port, config.host ?? '0.0.0.0');
  } catch (err) {
    // Close what createApp opened (pool, Redis), or the process lives on without a server (issue 14).
    await app.close().catch(() => undefined);
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new StartupError(`端口 ${port} 已被占用：请停止占用它的程序，或用 --port / PORT 换一个端口 (port ${port} is already in use)`);
    }
    if (code === 'EACCES') throw new StartupError(`没有权限监听端口 ${port} (no permission to listen on port ${port})`);
    throw err;
  }
  process.stderr.write(
    `bidwatch 已启动 (listening)：控制台 (console) http://localhost:${port}/console/ · ` +
      `API 说明 (API docs) http://localhost:${port}/api/docs（${config.mode === 'embedded' ? '内嵌数据库' : 'PostgreSQL'}，` +
      `${config.redisUrl ? 'BullMQ 队列' : '作业在本进程内执行'}）\n`,
  );
}

const isEntry = import.meta.url === `file://${process.argv[1]}`;
if (isEntry) {
  serve().catch((err) => {
    process.stderr.write(`启动失败 (failed to start): ${err instanceof StartupError ? err.message : (err as Error).stack}\n`);
    process.exit(1);
  });
}
