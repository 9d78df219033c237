import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { loadConfig } from '../config/config.js';
import { CaseSyncService } from '../cases/case-sync.service.js';
import { KIND_LABELS, type CaseKind } from '../cases/case-state.js';
import { DetectionService } from '../detection/detection.service.js';
import { FindingsRepository } from '../detection/findings.repository.js';
import { ImportService } from '../imports/import.service.js';
import { CliContext, EXIT, fmt, out, say } from './cli-context.js';
import { demoSteps } from './demo-steps.js';

/**
 * `bidwatch demo`: the main job end to end, embedded (PGlite, inline jobs) whatever the environment says, on a fresh
 * synthetic city: seed → import the three files → detect → cases → report, then a summary a person can read.
 */
export async function demoCommand(o: { dir?: string }): Promise<number> {
  const base = loadConfig({ ...process.env, DATABASE_URL: undefined, REDIS_URL: undefined });
  const dir = resolve(o.dir ?? join(base.dataDir, 'demo'));
  await rm(dir, { recursive: true, force: true });
  const config = loadConfig({ ...process.env, DATABASE_URL: undefined, REDIS_URL: undefined, BIDWATCH_DATA_DIR: dir, BIDWATCH_HASH_KEY: undefined });
  const ctx = new CliContext(config);
  const started = Date.now();
  try {
    say(`bidwatch 演示（内嵌数据库，无需服务器）：${dir} (embedded demo)`);
    const seedDir = join(dir, 'seed');
    const { runSeedCommand } = await import('../../seeds/cli.js');
    await runSeedCommand({ out: seedDir });

    const ds = await ctx.db();
    const imports = new ImportService(ds, config);
    const lines: string[] = ['', '=== bidwatch 演示结果 (demo summary) ==='];
    for (const kind of ['bids', 'contracts', 'attendance'] as const) {
      const s = await imports.importFile({ path: join(seedDir, `${kind}.csv`), kind, format: 'csv' });
      lines.push(`导入 ${kind}：读取 ${fmt(s.rowsRead)} 行，写入 ${fmt(s.accepted)}，拒绝 ${fmt(s.rejected)} (import)`);
    }
    say('运行检测 (running detectors)…');
    const detection = await new DetectionService(ds).run({});
    lines.push(
      `检测：${fmt(detection.tenders)} 个标段、${fmt(detection.bids)} 条投标 → ${fmt(detection.flags)} 个标记，` +
        `${fmt(detection.rings)} 个疑似围标团伙（${(detection.durationMs / 1000).toFixed(1)} 秒）(detection)`,
    );
    for (const c of detection.coverage) {
      lines.push(`  ${c.detector.padEnd(9)} 适用 ${fmt(c.applied).padStart(6)}  标记 ${fmt(c.flagged).padStart(5)}${c.warning ? '  ⚠ ' + c.warning : ''}`);
    }
    const queue = await ctx.queue();
    await new CaseSyncService(ds, queue, ctx.eventLog()).planRun(detection.runId);
    await queue.drain();
    const byKind = await ds.query(`SELECT kind, count(*)::int AS n, min(priority)::int AS top FROM cases GROUP BY kind ORDER BY kind`);
    lines.push(
      `案件：${byKind.map((r: { kind: CaseKind; n: number }) => `${KIND_LABELS[r.kind]} ${fmt(r.n)}`).join('，') || '无'} (cases opened for inspectors)`,
    );
    const findings = new FindingsRepository(ds);
    const top = await findings.flags({ limit: 5 });
    if (top.rows.length) {
      lines.push('最严重的标记（严重程度、得分）(most severe flags):');
      for (const f of top.rows) lines.push(`  [${f.detector}] ${f.tender_code ?? f.subject_id}：${f.explanation}`);
    }
    for (const step of demoSteps) lines.push(...(await step({ ctx, ds, dir, seedDir, detection })));
    lines.push(`总用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒；数据在 ${dir} (total time; data folder)`);
    out(lines.join('\n'));
    return EXIT.ok;
  } finally {
    await ctx.close();
  }
}
