import { SettingsError } from '../../detectors/settings.js';
import { CaseSyncService } from '../cases/case-sync.service.js';
import { CasesRepository } from '../cases/cases.repository.js';
import { DetectionService, type DetectionSummary } from '../detection/detection.service.js';
import { readSettingsFile } from '../detection/settings-file.js';
import { EXIT, fmt, out, say, type CliContext } from './cli-context.js';

export interface DetectCommandOptions {
  year?: string[];
  settings?: string;
  json?: boolean;
}

export async function detectCommand(ctx: CliContext, o: DetectCommandOptions): Promise<number> {
  const years = (o.year ?? []).map(Number);
  if (years.some((y) => !Number.isInteger(y) || y < 1990 || y > 2100)) {
    say(`--year 应为四位年份，如 2024 (year must be YYYY)`);
    return EXIT.usage;
  }
  let settings: Record<string, unknown> = {};
  try {
    if (o.settings) settings = await readSettingsFile(o.settings);
    say('运行检测 (running detectors)…');
    const summary = await (await ctx.get(DetectionService)).run({ years, settings });
    const queue = await ctx.queue();
    const cases = await ctx.get(CaseSyncService);
    const planned = await cases.planRun(summary.runId);
    await queue.drain();
    const counts = await (await ctx.get(CasesRepository)).runCounts(summary.runId);
    summary.cases = { planned, queued: queue.mode === 'bullmq', open: counts.open, total: counts.total };
    summary.precision = await cases.precision();
    if (o.json) out(JSON.stringify(summary));
    else printSummary(summary);
    return EXIT.ok;
  } catch (err) {
    if (err instanceof SettingsError) {
      say(err.message);
      return EXIT.usage;
    }
    throw err;
  }
}

function printSummary(s: DetectionSummary): void {
  const lines = [
    `检测完成（运行编号 ${s.runId}，${s.scope.years ? s.scope.years.join('、') + ' 年' : '全部年份'}，设置 ${s.settingsHash}，用时 ${(s.durationMs / 1000).toFixed(1)} 秒）(detection finished)`,
    `  标段 ${fmt(s.tenders)}，投标 ${fmt(s.bids)}，标记 ${fmt(s.flags)}，疑似围标团伙 ${fmt(s.rings)} (tenders, bids, flags, rings)`,
    `  检测项      适用  标记  不适用  排除   (applied / flagged / n.a. / excluded)`,
  ];
  for (const c of s.coverage) {
    lines.push(`  ${c.detector.padEnd(10)} ${String(c.applied).padStart(6)} ${String(c.flagged).padStart(5)} ${String(c.notApplicable).padStart(7)} ${String(c.excluded).padStart(5)}`);
  }
  if (s.precision) {
    for (const [code, p] of Object.entries(s.precision)) {
      if (p.confirmed + p.dismissed > 0) {
        lines.push(`  ${code} 已结案核实 ${p.confirmed}、排除 ${p.dismissed}，精确率 ${p.precision === null ? '—' : (p.precision * 100).toFixed(0) + '%'} (precision from closed cases)`);
      }
    }
  }
  if (s.cases) {
    lines.push(
      s.cases.queued
        ? `  案件：${fmt(s.cases.planned)} 个案件作业已排队，由 worker 处理 (case jobs queued for the workers)`
        : `  案件：本次涉及 ${fmt(s.cases.planned)} 个，待办 ${fmt(s.cases.open)}，共 ${fmt(s.cases.total)} (cases: this run / open / total)`,
    );
  }
  for (const w of s.warnings) lines.push(`  ⚠ ${w}`);
  out(lines.join('\n'));
}
