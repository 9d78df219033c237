import { CASE_KINDS, CASE_STATUSES, KIND_LABELS, STATUS_LABELS, type CaseKind, type CaseStatus } from '../cases/case-state.js';
import { CasesService } from '../cases/cases.service.js';
import { BacktestService } from '../backtest/backtest.service.js';
import { EXIT, out, say, type CliContext } from './cli-context.js';

/** `cases list [--kind K] [--status S] [--json]`: the CLI reads as a supervisor would (all districts). */
export async function casesList(ctx: CliContext, o: { kind?: string; status?: string; json?: boolean; limit?: string }): Promise<number> {
  if (o.kind && !(CASE_KINDS as readonly string[]).includes(o.kind)) {
    say(`--kind 应为 ${CASE_KINDS.join(' | ')} (unknown kind)`);
    return EXIT.usage;
  }
  if (o.status && o.status !== 'open' && !(CASE_STATUSES as readonly string[]).includes(o.status)) {
    say(`--status 应为 open | ${CASE_STATUSES.join(' | ')} (unknown status)`);
    return EXIT.usage;
  }
  const service = await ctx.get(CasesService);
  const system = { id: 0, name: 'cli', role: 'supervisor' as const, district: null };
  const all: Record<string, unknown>[] = [];
  let page = 1;
  const limit = o.limit ? Number(o.limit) : Infinity;
  for (;;) {
    const r = await service.list(system, { kind: o.kind, status: o.status, page, pageSize: 200 });
    all.push(...r.items);
    if (all.length >= r.total || r.items.length === 0 || all.length >= limit) break;
    page++;
  }
  const items = Number.isFinite(limit) ? all.slice(0, limit) : all;
  if (o.json) {
    out(JSON.stringify(items));
    return EXIT.ok;
  }
  if (!items.length) {
    const detected = await (await ctx.get(BacktestService)).hasDetection();
    out(
      !detected
        ? '没有案件：数据尚未检测，请先运行 bidwatch detect（或导入时不加 --no-detect）(no cases: detection has never run)'
        : '没有符合条件的案件 (no cases)',
    );
    return EXIT.ok;
  }
  for (const c of items) {
    const due = c.due_at ? new Date(c.due_at as string).toISOString().slice(0, 10) : '—';
    out(
      `#${c.id}\tP${c.priority}\t${STATUS_LABELS[c.status as CaseStatus]}\t${KIND_LABELS[c.kind as CaseKind]}\t${c.district ?? '—'}\t截止 ${due}\t${c.title}`,
    );
  }
  say(`共 ${items.length} 个案件 (cases)`);
  return EXIT.ok;
}
