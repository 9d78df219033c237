import { EXPORT_KINDS, ExportService, type ExportKind } from '../exports/export.service.js';
import { EXIT, fmt, say, type CliContext } from './cli-context.js';

export async function exportCommand(ctx: CliContext, kind: string, o: { out: string; bom?: boolean }): Promise<number> {
  if (!(EXPORT_KINDS as readonly string[]).includes(kind)) {
    say(`导出类型应为 ${EXPORT_KINDS.join(' | ')}，收到 “${kind}” (unknown export)`);
    return EXIT.usage;
  }
  const n = await (await ctx.get(ExportService)).writeCsv(kind as ExportKind, o.out, { bom: o.bom });
  say(`已导出 ${fmt(n)} 行到 ${o.out} (rows written)`);
  return EXIT.ok;
}
