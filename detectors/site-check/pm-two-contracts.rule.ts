/**
 * SITE pm_two_contracts — 同一项目经理同时担任两个在履行合同的项目经理（违规挂证信号）.
 *
 * For each contract in scope whose winning bid names a PM (projectManagerHash), the active interval is
 *   [contractDate, end], end = actualCompletion, else plannedCompletion, else asOf.
 * Contracts signed after asOf are not active yet and are skipped. For two contracts of the same PM,
 *   overlapDays = min(endA, endB) − max(startA, startB)   (calendar days; touching intervals give 0);
 * flag the person when some pair has overlapDays ≥ twoContractsMinOverlapDays (default 1). Pairs of 标段 of the
 * same project are skipped when sameProjectExempt (相邻分段发包, 建市〔2008〕48号 第九条 exception). Completion
 * ends the interval, matching the exception "合同约定的工程验收合格的".
 * Source: 《注册建造师管理规定》(建设部令第153号) 第二十一条; 《注册建造师执业管理办法（试行）》(建市〔2008〕48号) 第九条.
 * High; score 0.8 + 0.2·min(1, longest overlap / 180 days). One flag per person.
 * Excluded (per contract): the bid named no PM; no winning bid; dates missing or end before start.
 */
import { dayNumber, shortHash } from '../post-award/format.js';
import type { ContractRow, Flag } from '../types.js';
import { personFlag } from './rule.js';

export interface ActiveContract {
  contract: ContractRow;
  pm: string;
  /** Project name of the tender, for the same-project exemption. */
  project: string | undefined;
}

export interface TwoContractsInput {
  contracts: readonly ActiveContract[];
  asOf: string;
  minOverlapDays: number;
  sameProjectExempt: boolean;
}

export interface TwoContractsResult {
  flags: Flag[];
  /** Contracts whose interval could be judged (tender codes). */
  examined: Set<string>;
  flaggedTenders: Set<string>;
}

interface Interval {
  code: string;
  winnerUscc: string;
  project: string | undefined;
  from: string;
  to: string;
  toBasis: 'actual' | 'planned' | 'asOf';
  start: number;
  end: number;
}

export function pmTwoContracts(input: TwoContractsInput): TwoContractsResult {
  const asOfDay = dayNumber(input.asOf);
  const byPm = new Map<string, Interval[]>();
  const examined = new Set<string>();
  for (const { contract: c, pm, project } of input.contracts) {
    const start = dayNumber(c.contractDate);
    if (start === null || asOfDay === null || start > asOfDay) continue;
    const [to, toBasis] = c.actualCompletion ? [c.actualCompletion, 'actual' as const] : c.plannedCompletion ? [c.plannedCompletion, 'planned' as const] : [input.asOf, 'asOf' as const];
    const end = dayNumber(to);
    if (end === null || end < start) continue;
    examined.add(c.tenderCode);
    const iv: Interval = { code: c.tenderCode, winnerUscc: c.winnerUscc, project, from: c.contractDate, to, toBasis, start, end };
    const list = byPm.get(pm);
    if (list) list.push(iv);
    else byPm.set(pm, [iv]);
  }

  const flags: Flag[] = [];
  const flaggedTenders = new Set<string>();
  for (const pm of [...byPm.keys()].sort()) {
    const ivs = byPm.get(pm)!;
    if (ivs.length < 2) continue;
    ivs.sort((a, b) => a.start - b.start || (a.code < b.code ? -1 : 1));
    const overlaps: { tenders: [string, string]; from: string; to: string; days: number }[] = [];
    for (let i = 0; i < ivs.length; i++) {
      for (let j = i + 1; j < ivs.length; j++) {
        const a = ivs[i]!;
        const b = ivs[j]!;
        if (b.start >= a.end) break; // sorted by start: no later b can overlap a either
        if (input.sameProjectExempt && a.project !== undefined && a.project === b.project) continue;
        const days = Math.min(a.end, b.end) - b.start;
        if (days < input.minOverlapDays) continue;
        overlaps.push({ tenders: [a.code, b.code], from: b.from, to: a.end <= b.end ? a.to : b.to, days });
      }
    }
    if (overlaps.length === 0) continue;
    const tenders = [...new Set(overlaps.flatMap((o) => o.tenders))].sort();
    for (const t of tenders) flaggedTenders.add(t);
    const longest = overlaps.reduce((x, y) => (y.days > x.days ? y : x));
    const contracts = ivs
      .filter((iv) => tenders.includes(iv.code))
      .map((iv) => ({ tenderCode: iv.code, winnerUscc: iv.winnerUscc, from: iv.from, to: iv.to, toBasis: iv.toBasis }));
    const list = contracts.map((c) => `${c.tenderCode}（${c.from} 至 ${c.to}${c.toBasis === 'actual' ? '' : c.toBasis === 'planned' ? '，计划' : '，未竣工'}）`).join('、');
    flags.push(
      personFlag(
        pm,
        'pm_two_contracts',
        tenders,
        0.8 + 0.2 * Math.min(1, longest.days / 180),
        `项目经理（标书所列）${shortHash(pm)} 同时是 ${tenders.length} 份在履行合同的项目经理：${list}，` +
          `最长重叠 ${longest.days} 天（${longest.tenders.join(' 与 ')}）` +
          `（《注册建造师管理规定》第二十一条：不得同时担任两个及以上建设工程施工项目负责人），违规挂证信号` +
          ` (bid PM named on ${tenders.length} contracts active at the same time)`,
        { contracts, overlaps, minOverlapDays: input.minOverlapDays, asOf: input.asOf },
      ),
    );
  }
  return { flags, examined, flaggedTenders };
}
