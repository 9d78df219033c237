import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { loadConfig, type AppConfig } from '../config/config.js';
import { CaseSyncService } from '../cases/case-sync.service.js';
import { KIND_LABELS, type CaseKind } from '../cases/case-state.js';
import { CasesRepository } from '../cases/cases.repository.js';
import { DetectionService } from '../detection/detection.service.js';
import { FindingsRepository } from '../findings/findings.repository.js';
import { ImportService } from '../imports/import.service.js';
import { CliContext, EXIT, fmt, out, say } from './cli-context.js';
import { demoSteps } from './demo-steps.js';

const embedded = (over: Record<string, string | undefined>): AppConfig =>
  loadConfig({ ...process.env, DATABASE_URL: undefined, REDIS_URL: undefined, ...over });

/**
 * Whether an earlier demo folder holds work a person did (claims, notes, transitions, users): the demo rebuilds its
 * folder on every run, and must never take such work with it unless asked (--reset).
 */
async function earlierWork(dir: string): Promise<{ events: number; users: number } | null> {
  if (!existsSync(join(dir, 'pgdata'))) return null;
  const ctx = new CliContext(embedded({ BIDWATCH_DATA_DIR: dir }));
  try {
    const w = await (await ctx.get(CasesRepository)).peoplesWork();
    return w.events + w.users > 0 ? w : null;
  } finally {
    await ctx.close();
  }
}

/**
 * `bidwatch demo`: the main job end to end, embedded (PGlite, inline jobs) whatever the environment says, on a fresh
 * synthetic city: seed → import the three files → detect → cases → report, then a summary a person can read and the
 * command that opens the result in the console.
 */
export async function demoCommand(o: { dir?: string; reset?: boolean; issue12?: boolean }): Promise<number> {
  const base = embedded({});
  const dir = resolve(o.dir ?? join(base.dataDir, 'demo'));
  const work = await earlierWork(dir);
  if (work && !o.reset) {
    say(
      `演示目录 ${dir} 里已有人工处理的记录（${work.events} 条案件操作、${work.users} 个用户）；演示每次会重建该目录。` +
        `确认删除请加 --reset，或用 --dir 指定另一个目录 (the demo folder holds people's work; add --reset to delete it, or choose --dir)`,
    );
    return EXIT.usage;
  }
  await rm(dir, { recursive: true, force: true });
  const config = embedded({ BIDWATCH_DATA_DIR: dir, BIDWATCH_HASH_KEY: undefined });
  const ctx = new CliContext(config);
  const started = Date.now();
  try {
    say(`bidwatch 演示（内嵌数据库，无需服务器）：${dir} (embedded demo)`);
    const seedDir = join(dir, 'seed');
    const { runSeedCommand } = await import('../../seeds/cli.js');
    await runSeedCommand({ out: seedDir, ...(o.issue12 ? { issue12: true } : {}) });

    const imports = await ctx.get(ImportService);
    const lines: string[] = ['', '=== bidwatch 演示结果 (demo summary) ==='];
    // with --issue12 every import kind, the 清标 registers and BOQ included, so the console shows each kind of evidence
    const kinds = o.issue12 ? (['bids', 'contracts', 'attendance', 'firm-relations', 'boq'] as const) : (['bids', 'contracts', 'attendance'] as const);
    for (const kind of kinds) {
      const s = await imports.importFile({ path: join(seedDir, `${kind}.csv`), kind, format: 'csv' });
      lines.push(`导入 ${kind}：读取 ${fmt(s.rowsRead)} 行，写入 ${fmt(s.accepted)}，拒绝 ${fmt(s.rejected)} (import)`);
    }
    say('运行检测 (running detectors)…');
    const detection = await (await ctx.get(DetectionService)).run({});
    lines.push(
      `检测：${fmt(detection.tenders)} 个标段、${fmt(detection.bids)} 条投标 → ${fmt(detection.flags)} 个标记，` +
        `${fmt(detection.rings)} 个疑似围标团伙（${(detection.durationMs / 1000).toFixed(1)} 秒）(detection)`,
    );
    for (const c of detection.coverage) {
      lines.push(`  ${c.detector.padEnd(9)} 适用 ${fmt(c.applied).padStart(6)}  标记 ${fmt(c.flagged).padStart(5)}${c.warning ? '  ⚠ ' + c.warning : ''}`);
    }
    const queue = await ctx.queue();
    await (await ctx.get(CaseSyncService)).planRun(detection.runId);
    await queue.drain();
    const byKind = await (await ctx.get(CasesRepository)).countsByKind();
    lines.push(`案件：${byKind.map((r) => `${KIND_LABELS[r.kind as CaseKind]} ${fmt(r.n)}`).join('，') || '无'} (cases opened for inspectors)`);
    const top = await (await ctx.get(FindingsRepository)).flags({ limit: 5 });
    if (top.rows.length) {
      lines.push('最严重的标记（严重程度、得分）(most severe flags):');
      for (const f of top.rows) lines.push(`  [${f.detector}] ${f.tender_code ?? f.subject_id}：${f.explanation}`);
    }
    for (const step of demoSteps) lines.push(...(await step({ ctx, dir, seedDir, detection })));
    lines.push(
      `总用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒；数据在 ${dir} (total time; data folder)`,
      '',
      '在网页控制台中查看这些结果 (open the results in the console):',
      `  BIDWATCH_DATA_DIR=${dir} npx bidwatch users add 演示检查员 --role supervisor   # 打印 API 密钥 (prints an API key)`,
      `  BIDWATCH_DATA_DIR=${dir} npx bidwatch serve`,
      '  然后打开 http://localhost:3000/console/ 用该密钥登录 (then open the URL and sign in with the key)',
      '下次运行 demo 会重建此目录；若其中已有人工处理的案件或用户，demo 会先停下询问 (--reset 确认删除)。',
    );
    out(lines.join('\n'));
    return EXIT.ok;
  } finally {
    await ctx.close();
  }
}
