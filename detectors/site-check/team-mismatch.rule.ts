/**
 * SITE team_mismatch — 投标项目管理班子与现场不一致（两场联动）.
 *
 * Two checks against the winning bid's named persons (keyed hashes, compared as given):
 *   (a) role mismatch: a person registered on the site's attendance with role project_manager (technical_lead) whose
 *       hash differs from the bid's projectManagerHash (technicalLeadHash) — over the whole attendance, any row
 *       (registered on the roster counts, present or not). A role the bid left empty is not checked.
 *   (b) PM never came: the bid's PM has no check-in (present, any role) on this site in the first teamWindowDays
 *       (default 30) days from the site's first construction day. Judged only once that window has ended by asOf.
 * Flag when (a) or (b). Medium; score 0.7 when the PM is concerned, 0.5 for the 技术负责人 only.
 * Source: 成都 成住建规〔2023〕13号 — within 30 days the 项目管理班子 in the 实名制 system must match the 投标文件 and the
 * 施工合同, the PM 原则上不得更换; 建市〔2019〕18号 (实名制); the 两场联动 duty (建市规〔2019〕11号, wording to verify).
 * Excluded: no winning bid; the bid named neither a PM nor a 技术负责人.
 */
import { addDays, shortHash } from '../post-award/format.js';
import { clear, excluded, siteFlag, type RuleOutcome, type SiteFacts } from './rule.js';
import type { KeyRole } from './site-summary.js';

const ROLE_ZH: Record<KeyRole, string> = { project_manager: '项目经理', technical_lead: '技术负责人' };

interface Mismatch {
  role: KeyRole;
  personHash: string;
  first: string;
  last: string;
  days: number;
  presentDays: number;
}

export function teamMismatch(f: SiteFacts): RuleOutcome {
  const bid = f.winningBid;
  if (!bid) return excluded('no_winning_bid');
  const named: Record<KeyRole, string | null> = { project_manager: bid.projectManagerHash, technical_lead: bid.technicalLeadHash };
  if (!named.project_manager && !named.technical_lead) return excluded('bid_names_no_key_staff');

  const mismatches: Mismatch[] = [];
  for (const role of ['project_manager', 'technical_lead'] as const) {
    const expected = named[role];
    if (!expected) continue;
    for (const [personHash, p] of [...f.summary.keyRoles.get(role)!].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (personHash === expected) continue;
      mismatches.push({ role, personHash, first: p.first, last: p.last, days: p.days.size, presentDays: p.presentDays.size });
    }
  }

  let window: { from: string; to: string; judged: boolean; bidPmFirstPresent: string | null; absent: boolean } | null = null;
  if (named.project_manager && f.summary.firstDay) {
    const to = addDays(f.summary.firstDay, f.settings.teamWindowDays - 1);
    let firstPresent: string | null = null;
    for (const d of f.summary.bidPmPresent) if (firstPresent === null || d < firstPresent) firstPresent = d;
    const judged = to <= f.asOf;
    const absent = judged && !(firstPresent !== null && firstPresent <= to);
    window = { from: f.summary.firstDay, to, judged, bidPmFirstPresent: firstPresent, absent };
  }
  if (mismatches.length === 0 && !window?.absent) return clear;

  const parts: string[] = [];
  for (const role of ['project_manager', 'technical_lead'] as const) {
    const ms = mismatches.filter((m) => m.role === role);
    if (ms.length === 0) continue;
    const who = ms.map((m) => `${shortHash(m.personHash)}，${m.first} 起登记 ${m.days} 天`).join('；');
    parts.push(`考勤登记的${ROLE_ZH[role]} ${ms.length} 人（${who}）不是标书所列${ROLE_ZH[role]}`);
  }
  if (window?.absent) {
    parts.push(`项目经理（标书所列）在进场后 ${f.settings.teamWindowDays} 天内（${window.from} 至 ${window.to}）没有到岗打卡` +
      (window.bidPmFirstPresent ? `，首次打卡为 ${window.bidPmFirstPresent}` : '，考勤中从未出现'));
  }
  const pmSide = window?.absent === true || mismatches.some((m) => m.role === 'project_manager');
  return {
    status: 'flagged',
    flag: siteFlag(
      f,
      'team_mismatch',
      'medium',
      pmSide ? 0.7 : 0.5,
      `${parts.join('；')}（参照成都 成住建规〔2023〕13号：进场 30 天内实名制系统中的项目管理班子应与投标文件一致；建市〔2019〕18号 实名制）` +
        ` (site key staff differ from the persons named in the bid)`,
      {
        bidNamed: { projectManager: named.project_manager !== null, technicalLead: named.technical_lead !== null },
        mismatches,
        window: window ? { ...window, days: f.settings.teamWindowDays } : null,
        contractPmChanged: f.contract?.projectManagerChanged ?? null,
      },
    ),
  };
}
