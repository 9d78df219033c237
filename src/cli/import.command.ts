import { existsSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { FileRefusedError } from '../imports/file-refused.error.js';
import { IMPORT_FORMATS, IMPORT_KINDS, KIND_LABEL, type ImportFormat, type ImportKind } from '../imports/import-kinds.js';
import type { ImportSummary } from '../imports/import-summary.js';
import { ImportService } from '../imports/import.service.js';
import type { OcdsDefaults } from '../imports/ocds-records.js';
import { EXIT, fmt, out, say, type CliContext } from './cli-context.js';
import { countLines, ProgressLine } from './progress-line.js';

export interface ImportCommandOptions {
  kind: string;
  format?: string;
  json?: boolean;
  district?: string;
  category?: string;
  workType?: string;
  tenderMethod?: string;
  evaluationMethod?: string;
  /** commander's negation of --no-detect: run (or queue) detection after an import that wrote rows. */
  detect?: boolean;
}

const SHOWN_ERRORS = 50;

export function formatFromName(file: string): ImportFormat {
  const ext = extname(file).toLowerCase();
  return ext === '.json' || ext === '.jsonl' || ext === '.ndjson' ? 'ocds' : 'csv';
}

export async function importCommand(ctx: CliContext, file: string, o: ImportCommandOptions): Promise<number> {
  if (!(IMPORT_KINDS as readonly string[]).includes(o.kind)) {
    say(`--kind 应为 ${IMPORT_KINDS.join(' | ')}，收到 “${o.kind}” (unknown kind)`);
    return EXIT.usage;
  }
  const format = (o.format ?? formatFromName(file)) as ImportFormat;
  if (!(IMPORT_FORMATS as readonly string[]).includes(format)) {
    say(`--format 应为 csv 或 ocds，收到 “${o.format}” (unknown format)`);
    return EXIT.usage;
  }
  const kind = o.kind as ImportKind;
  if (!existsSync(file) || !statSync(file).isFile()) {
    const message = `找不到文件 ${file}（请检查路径） (file not found)`;
    if (o.json) out(JSON.stringify({ importId: null, kind, status: 'failed', error: message, rowsRead: 0, accepted: 0, rejected: 0, unchanged: 0, errors: [] }));
    say(`文件未导入 (file refused)：${message}`);
    return EXIT.nothingImported;
  }
  const ocdsDefaults: OcdsDefaults = {
    district: o.district,
    category: o.category,
    work_type: o.workType,
    tender_method: o.tenderMethod,
    evaluation_method: o.evaluationMethod,
  };
  const service = await ctx.get(ImportService);
  say(`导入 ${KIND_LABEL[kind]}：${file}`);
  // CSV: one row a line but the header (a quoted cell with a line break makes this an estimate); OCDS: no total
  const total = format === 'csv' ? Math.max(0, (await countLines(file)) - 1) : null;
  const progress = new ProgressLine(total);
  let summary: ImportSummary;
  try {
    summary = await service.importFile({
      path: file,
      kind,
      format,
      ocdsDefaults,
      onProgress: (p) => {
        if (p.phase === 'merging') progress.merging(p.rowsRead);
        else if (!p.done) progress.reading(p.rowsRead, p.rowsPerSecond);
        else progress.end();
      },
    });
  } catch (err) {
    progress.end();
    if (err instanceof FileRefusedError) {
      const failed = err as FileRefusedError & { importId?: number };
      if (o.json) {
        out(JSON.stringify({ importId: failed.importId ?? null, kind, status: 'failed', error: err.message, rowsRead: 0, accepted: 0, rejected: 0, unchanged: 0, errors: [] }));
      }
      say(`文件未导入 (file refused)：${err.message}`);
      return EXIT.nothingImported;
    }
    // Anything else (the database refused, a lock timed out, the connection dropped) rolled the whole import back:
    // "nothing imported" is the contract's word for it (exit 2), said plainly rather than as a stack trace.
    const message = (err as Error).message ?? String(err);
    const importId = (err as { importId?: number }).importId ?? null;
    if (o.json) {
      out(JSON.stringify({ importId, kind, status: 'failed', error: `导入失败 (import failed): ${message}`, rowsRead: 0, accepted: 0, rejected: 0, unchanged: 0, errors: [] }));
    }
    say(`导入失败，未导入任何数据 (import failed, nothing imported)：${message}`);
    return EXIT.nothingImported;
  }
  // One rule for the CLI and the API: an import that wrote rows is followed by a detection (queued for the
  // workers in service mode, run here in embedded mode), unless --no-detect asks otherwise.
  let detection: string | null = null;
  if (o.detect !== false && summary.accepted > 0) {
    const queue = await ctx.queue();
    await queue.add('detect', { reason: `import ${summary.importId}` }, { dedupeId: 'after-import', debounceMs: queue.mode === 'bullmq' ? 2_000 : 0 });
    if (queue.mode === 'inline') {
      say('运行检测 (running detectors)…');
      await queue.drain();
      detection = '已运行检测并更新案件 (detection run, cases updated)';
    } else detection = '检测已排队，由 worker 运行 (detection queued for the workers)';
  } else if (summary.accepted > 0) {
    detection = '未运行检测（--no-detect）：运行 bidwatch detect 后才有标记和案件 (detection not run: run `bidwatch detect`)';
  }
  if (o.json) out(JSON.stringify(summary));
  else printSummary(summary);
  if (detection) say(detection);
  if (summary.accepted + summary.unchanged === 0) return EXIT.nothingImported;
  return summary.rejected > 0 ? EXIT.someRejected : EXIT.ok;
}

function printSummary(s: ImportSummary): void {
  const lines = [
    `导入完成（导入编号 ${s.importId}，${s.encoding?.toUpperCase() ?? ''}）(import finished)`,
    `  读取 ${fmt(s.rowsRead)} 行：写入 ${fmt(s.accepted)}，未变 ${fmt(s.unchanged)}，拒绝 ${fmt(s.rejected)} (read / written / unchanged / rejected)`,
  ];
  if (s.tenders) {
    lines.push(`  标段：新增 ${fmt(s.tenders.new)}，更正替换 ${fmt(s.tenders.replaced)}，未变 ${fmt(s.tenders.unchanged)} (tenders new / replaced / unchanged)`);
  }
  if (s.warningCount) {
    lines.push(`  提示 ${fmt(s.warningCount)} 条 (warnings):`);
    for (const w of s.warnings.slice(0, 10)) lines.push(`    第 ${w.line} 行${w.column ? ` [${w.column}]` : ''}：${w.message}`);
    if (s.warningCount > 10) lines.push(`    ……另有 ${fmt(s.warningCount - 10)} 条提示，见 --json 输出或 GET /api/imports/${s.importId} (${fmt(s.warningCount - 10)} more warnings)`);
  }
  if (s.errors.length) {
    lines.push(`  被拒绝的行 (rejected rows):`);
    for (const e of s.errors.slice(0, SHOWN_ERRORS)) lines.push(`    第 ${e.line} 行${e.column ? ` [${e.column}]` : ''}：${e.message}`);
    if (s.errors.length > SHOWN_ERRORS) {
      lines.push(`    ……其余 ${fmt(s.errors.length - SHOWN_ERRORS)} 条见 --json 输出或 GET /api/imports/${s.importId}`);
    }
  }
  out(lines.join('\n'));
}
