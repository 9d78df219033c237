import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { ConfigError } from './config/config.js';
import { StartupError } from './queue/bullmq-queue.js';
import { DataDirBusyError } from './database/data-dir-lock.js';
import { appliedMigrations } from './database/data-source.js';
import { CliContext, EXIT, say } from './cli/cli-context.js';
import { importCommand } from './cli/import.command.js';
import { usersAdd, usersList, usersRevoke, usersRotateKey } from './cli/users.command.js';
import { detectCommand } from './cli/detect.command.js';
import { exportCommand } from './cli/export.command.js';
import { indicatorsCommand } from './cli/indicators.command.js';
import { casesList } from './cli/cases.command.js';
import { reportCommand } from './cli/report.command.js';
import { auditVerify } from './cli/audit.command.js';
import { evaluateCommand } from './cli/evaluate.command.js';
import { translateCommanderMessage } from './cli/commander-zh.js';

/** bidwatch's version, from its package.json (beside src/ or, when built, two levels above dist/src/). */
function packageVersion(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const up of ['..', join('..', '..')]) {
    try {
      const pkg = JSON.parse(readFileSync(join(here, up, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'bidwatch' && pkg.version) return pkg.version;
    } catch {
      /* not here */
    }
  }
  return 'unknown';
}

/** Long-running commands return only when the process is asked to stop. */
function waitForever(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

/**
 * `bidwatch <command>`: the CLI contract of ../shared/spec/cli-and-api.md. Each command lives in src/cli/.
 * Returns the exit status instead of calling process.exit, so tests can run it in-process.
 */
export async function main(argv: string[]): Promise<number> {
  let status: number = EXIT.ok;
  let ctx: CliContext | null = null;
  const context = (): CliContext => (ctx ??= new CliContext());
  const program = new Command('bidwatch')
    .description('bidwatch — 招投标监管：异常低价、围标串标、标后履约与现场联动核查 (bid-integrity supervision)')
    .version(packageVersion(), '-V, --version', '显示版本 (print the version)')
    .helpOption('-h, --help', '显示帮助 (show help)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), outputError: (s, write) => write(translateCommanderMessage(s)) });

  program
    .command('import')
    .description('导入投标记录、合同结算、实名制考勤、企业关联关系或工程量清单报价 (import a CSV or OCDS file)')
    .argument('<file>', 'CSV 或 OCDS JSON 文件')
    .requiredOption('--kind <kind>', 'bids | contracts | attendance | firm-relations | boq')
    .option('--format <format>', 'csv | ocds（默认按扩展名）')
    .option('--json', '在 stdout 输出一个 JSON 摘要 (one JSON document on stdout)')
    .option('--district <name>', 'OCDS 缺省：区镇')
    .option('--category <code>', 'OCDS 缺省：building | municipal')
    .option('--work-type <code>', 'OCDS 缺省：construction | supervision | design | survey | epc')
    .option('--tender-method <code>', 'OCDS 缺省：open | invited')
    .option('--evaluation-method <code>', 'OCDS 缺省：评标办法')
    .option('--no-detect', '导入后不运行检测（默认与 API 上传一致：导入后运行检测）(do not run detection after the import)')
    .action(async (file: string, o) => {
      status = await importCommand(context(), file, o);
    });

  program
    .command('migrate')
    .description('执行数据库迁移 (apply pending migrations)')
    .action(async () => {
      const n = await appliedMigrations(await context().db());
      say(`数据库已是最新（${n} 个迁移）(database is up to date)`);
    });

  program
    .command('detect')
    .description('运行全部检测项，保存标记，开立或更新案件 (run every detector, store flags, open or update cases)')
    .option('--year <year...>', '只检测这些年份的标段 (only tenders opened in these years)')
    .option('--settings <file>', '检测设置 JSON 文件 (detector settings file)')
    .option('--json', '在 stdout 输出一个 JSON 摘要')
    .action(async (o) => {
      status = await detectCommand(context(), o);
    });

  program
    .command('export')
    .argument('<what>', 'tenders | firms | flags | rings')
    .requiredOption('--out <file>', '输出 CSV 文件')
    .option('--bom', '写入 UTF-8 BOM（便于 Excel 打开）(write a UTF-8 BOM for Excel)')
    .description('导出 CSV (export CSV)')
    .action(async (what: string, o) => {
      status = await exportCommand(context(), what, o);
    });

  program
    .command('report')
    .argument('<kind>', 'discount-trend')
    .requiredOption('--from <year>', '起始年份 YYYY (first year)')
    .requiredOption('--to <year>', '截止年份 YYYY (last year)')
    .option('--by <dimension>', 'category | work_type | evaluation_method | district | bidder_count | price_band')
    .option('--format <format>', 'json | csv | xlsx | svg | html（默认按 --out 的扩展名）')
    .requiredOption('--out <file>', '输出文件（- 为标准输出）(output file; - for stdout)')
    .description('下浮率年度趋势报告 (annual discount-rate trend report)')
    .action(async (kind: string, o) => {
      status = await reportCommand(context(), kind, o);
    });

  program
    .command('cases')
    .description('案件 (cases)')
    .command('list')
    .option('--kind <kind>', 'post_award | site_check | rigging | low_bid')
    .option('--status <status>', 'open | new | triaged | assigned | investigating | closed_confirmed | closed_dismissed')
    .option('--limit <n>', '最多显示条数')
    .option('--json', '在 stdout 输出 JSON')
    .description('列出案件 (list cases)')
    .action(async (o) => {
      status = await casesList(context(), o);
    });

  program
    .command('evaluate')
    .description('用已知的串通标段/企业评估各检测项与评分 (how well detectors and scores rank known collusion: ROC-AUC, PR-AUC, baselines)')
    .option('--labels <file>', '标签 CSV：tender_code 和/或 bidder_uscc，label（1/0）(labels against the current detection)')
    .option('--cases', '以已结案案件为标签：核实 = 1，排除 = 0 (the bureau’s closed cases as labels)')
    .option('--shared [dir]', '在 ../shared/data 的真实标注市场上运行（内存中）(run over the real labelled markets)')
    .option('--set <id...>', '只运行这些数据集：ticino gr milk turin tsuchiura')
    .option('--settings <file>', '检测设置 JSON 文件（--shared 时）(detector settings file)')
    .option('--verbose', '列出各评分的组成部分 (show every score part)')
    .option('--json', '在 stdout 输出一个 JSON 文档')
    .action(async (o) => {
      status = await evaluateCommand(context, o);
    });

  program
    .command('indicators')
    .argument('<file>', 'OCDS compiled releases, one per line (JSON Lines), or - for stdin')
    .option('--settings <file>', 'cardinal-rs INI settings file')
    .description('与 open-contracting/cardinal-rs 兼容的红旗指标，无需数据库 (cardinal-compatible indicators, no database)')
    .action(async (file: string, o) => {
      status = await indicatorsCommand(file, o);
    });

  program
    .command('seed')
    .description('生成确定性的合成城市数据（含预埋案例与答案）(write the synthetic city with planted cases)')
    .requiredOption('--out <dir>', '输出目录')
    .option('--scale <bids>', '大规模：目标投标条数，如 1000000 (target number of bids)')
    .option('--seed <n>', '随机种子 (seed)')
    .option('--tenders <n>', '标段数 (number of tenders)')
    .option('--issue12', '另写清标数据：招标人/代理机构、设备特征码、企业关联关系 firm-relations.csv、工程量清单 boq.csv (the issue-12 layer)')
    .action(async (o: { out: string; scale?: string; seed?: string; tenders?: string; issue12?: boolean }) => {
      const { runSeedCommand } = await import('../seeds/cli.js');
      await runSeedCommand({
        out: o.out,
        ...(o.scale ? { bids: Number(o.scale) } : {}),
        ...(o.seed ? { seed: Number(o.seed) } : {}),
        ...(o.tenders ? { tenders: Number(o.tenders) } : {}),
        ...(o.issue12 ? { issue12: true } : {}),
      });
    });

  program
    .command('demo')
    .description('内嵌模式端到端演示：生成数据、导入、检测、案件、报告 (embedded end-to-end demo on the seed data)')
    .option('--dir <dir>', '演示数据目录（默认 $BIDWATCH_DATA_DIR/demo，每次重建）')
    .option('--reset', '演示目录已有人工处理的案件或用户时，确认删除并重建 (delete people’s work in the demo folder and rebuild it)')
    .option('--issue12', '另生成并导入清标数据（企业关联关系、工程量清单、设备特征码）；该层预埋密度高，部分检测会提示标记比例偏高 (add the issue-12 layer; it is planted densely)')
    .action(async (o: { dir?: string; issue12?: boolean }) => {
      const { demoCommand } = await import('./cli/demo.command.js');
      status = await demoCommand(o);
    });

  program
    .command('audit')
    .description('审计记录 (audit trail)')
    .command('verify')
    .option('--json', '在 stdout 输出 JSON')
    .description('校验案件审计记录的哈希链：0 完好，1 已断开并指出第一条 (verify the case-event chain: 0 intact, 1 broken)')
    .action(async (o: { json?: boolean }) => {
      status = await auditVerify(context(), o);
    });

  const users = program.command('users').description('用户与 API 密钥 (users and API keys)');
  users
    .command('add')
    .argument('<name>', '用户名')
    .requiredOption('--role <role>', 'importer | inspector | supervisor | auditor | admin')
    .option('--district <district>', '检查员负责的区镇（不填则可见全部区镇）')
    .description('创建用户并打印其 API 密钥 (create a user; prints the API key once)')
    .action(async (name: string, o) => {
      status = await usersAdd(context(), name, o);
    });
  users
    .command('list')
    .option('--json')
    .description('列出用户 (list users)')
    .action(async (o) => {
      status = await usersList(context(), o);
    });
  users
    .command('revoke')
    .argument('<name>', '用户名')
    .description('吊销用户的 API 密钥，立即生效 (revoke a user\'s key, at once)')
    .action(async (name: string) => {
      status = await usersRevoke(context(), name);
    });
  users
    .command('rotate-key')
    .argument('<name>', '用户名')
    .description('为用户更换 API 密钥并打印新密钥，旧密钥立即失效 (new key, printed once; the old one stops working)')
    .action(async (name: string) => {
      status = await usersRotateKey(context(), name);
    });

  program
    .command('serve')
    .description('启动 HTTP API 与网页控制台 (run the API and console)')
    .option('--port <port>', '端口 (default $PORT or 3000)')
    .action(async (o: { port?: string }) => {
      const { serve } = await import('./main.js');
      const c = context().config;
      await serve(c, o.port ? Number(o.port) : c.port);
      await waitForever();
    });

  program
    .command('worker')
    .description('启动 BullMQ 作业进程（需要 REDIS_URL）(run the BullMQ workers)')
    .action(async () => {
      const { runWorker } = await import('./worker.js');
      const stop = await runWorker(context().config);
      await waitForever();
      await stop();
    });

  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      status = err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    } else if (err instanceof ConfigError) {
      say(err.message);
      status = EXIT.usage;
    } else if (err instanceof DataDirBusyError) {
      say(err.message);
      status = EXIT.usage;
    } else if (err instanceof StartupError) {
      say(`启动失败 (failed to start): ${err.message}`);
      status = 1;
    } else {
      say(`出错了 (error): ${(err as Error).stack ?? String(err)}`);
      status = 1;
    }
  } finally {
    await (ctx as CliContext | null)?.close();
  }
  return status;
}
