import type { ChainReport } from '../audit/case-events.repository.js';
import { fmt, out, say, type CliContext } from './cli-context.js';

/** Exit statuses of `audit verify` (cli-and-api.md): 0 the chain verifies, 1 it is broken. */
export const AUDIT_EXIT = { intact: 0, broken: 1 } as const;

const REASON: Record<string, string> = {
  mismatch: '哈希不符：此条或其前一条记录被修改、删除或插入 (hash mismatch: this event or the one before it was changed, removed or inserted)',
  unchained: '缺少哈希：链开始之后不应有未入链的记录 (no hash after the chain began)',
};

/** `bidwatch audit verify [--json]`: recomputes the case-event chain and names the first event that does not verify. */
export async function auditVerify(ctx: CliContext, o: { json?: boolean }): Promise<number> {
  const report: ChainReport = await (await ctx.eventLog()).verify();
  if (o.json) out(JSON.stringify(report));
  if (report.ok) {
    say(
      `审计链完整：${fmt(report.events)} 条案件记录，${fmt(report.verified)} 条校验通过` +
        (report.unchained ? `，${fmt(report.unchained)} 条早于哈希链（无法校验）` : '') +
        ` (audit chain intact: ${report.verified} of ${report.events} events verify)`,
    );
    if (report.head) say(`链尾哈希 (head): ${report.head}  —— 另行保存，可发现末尾记录被删除 (keep it elsewhere to detect removals at the end)`);
    return AUDIT_EXIT.intact;
  }
  const b = report.firstBroken!;
  say(
    `审计链已断开：第一条校验失败的是事件 #${b.id}（案件 #${b.caseId}，${b.at}，${b.action}）。${REASON[b.reason]}` +
      ` (audit chain broken at event #${b.id})`,
  );
  say(`此前 ${fmt(report.verified)} 条记录校验通过 (${report.verified} events before it verify)`);
  return AUDIT_EXIT.broken;
}
