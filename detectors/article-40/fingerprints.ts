import type { BidRow } from '../types.js';

/**
 * The 第四十条 evidence ladder: which bid-file fingerprint supports which item of 《招标投标法实施条例》第四十条,
 * and how strong it is (domain-indicators §1.1–1.2, (b) #5).
 *
 * Hard: one match links a pair — the platforms treat a shared machine code / MAC, 文件创建标识码 or 计价软件加密锁号
 * as 40(1) on its own (大庆高新 2021: any one of the three codes; a city 指导意见 lists MAC, CPU serial, disk serial
 * and the dongle serial), and the same agent, project-team member or bond account is the literal text of 40(2), 40(3), 40(6).
 * Soft: a shared upload IP (NAT, shared Wi-Fi) or document author is common among independent firms; practitioners
 * warn it never decides a case alone, so two soft matches are needed and one never links.
 */
export type MatchKind = 'hard' | 'soft';

/** The items of Art. 40 a link can rest on; `40(1)/(2)` = supporting evidence for either (upload IP). */
export type Article40Item = '40(1)' | '40(2)' | '40(3)' | '40(6)' | '40(1)/(2)';

export type FingerprintField =
  | 'fileMachineCode'
  | 'fileMac'
  | 'fileCreationId'
  | 'lockSerial'
  | 'cpuSerial'
  | 'diskSerial'
  | 'bondAccountHash'
  | 'projectManagerHash'
  | 'technicalLeadHash'
  | 'agentHash'
  | 'uploadIp'
  | 'fileCreator';

export interface FingerprintSpec {
  field: FingerprintField;
  kind: MatchKind;
  article: Article40Item;
  /** Chinese label for explanations. */
  zh: string;
  en: string;
  /**
   * A device or file serial recorded by the e-bidding client (issue 12 §3). One real serial names one machine, one
   * dongle or one file; a value held by very many firms across the market is a placeholder or a model-level id
   * (Windows' WMI ProcessorId is the CPUID signature, shared by every CPU of a model; NVMe and OEM disks report
   * `0000_0000_…` or `To be filled by O.E.M.`; a cracked pricing tool ships one dongle number), so A40 ignores
   * values held by more than `commonDeviceValueMaxFirms` firms and values made of one repeated character.
   */
  device?: boolean;
}

export const FINGERPRINTS: readonly FingerprintSpec[] = [
  { field: 'fileMachineCode', kind: 'hard', article: '40(1)', zh: '投标文件制作机器码', en: 'file machine code' },
  { field: 'fileMac', kind: 'hard', article: '40(1)', zh: '投标文件制作网卡MAC地址', en: 'file MAC address' },
  { field: 'fileCreationId', kind: 'hard', article: '40(1)', zh: '投标文件创建标识码', en: 'file creation id', device: true },
  { field: 'lockSerial', kind: 'hard', article: '40(1)', zh: '计价软件加密锁号', en: 'pricing-software dongle serial', device: true },
  { field: 'cpuSerial', kind: 'hard', article: '40(1)', zh: '投标文件制作机器CPU序列号', en: 'CPU serial', device: true },
  { field: 'diskSerial', kind: 'hard', article: '40(1)', zh: '投标文件制作机器硬盘序列号', en: 'disk serial', device: true },
  { field: 'agentHash', kind: 'hard', article: '40(2)', zh: '委托代理人', en: 'authorised agent' },
  { field: 'projectManagerHash', kind: 'hard', article: '40(3)', zh: '项目负责人', en: 'project manager' },
  { field: 'technicalLeadHash', kind: 'hard', article: '40(3)', zh: '技术负责人', en: 'technical lead' },
  { field: 'bondAccountHash', kind: 'hard', article: '40(6)', zh: '投标保证金转出账户', en: 'bid-bond payer account' },
  { field: 'uploadIp', kind: 'soft', article: '40(1)/(2)', zh: '上传IP地址', en: 'upload IP' },
  { field: 'fileCreator', kind: 'soft', article: '40(1)', zh: '投标文件创建者（作者）', en: 'file creator' },
];

/** Article text for explanations. */
export const ARTICLE_TEXT: Readonly<Record<Article40Item, string>> = {
  '40(1)': '第四十条第（一）项“不同投标人的投标文件由同一单位或者个人编制”',
  '40(2)': '第四十条第（二）项“不同投标人委托同一单位或者个人办理投标事宜”',
  '40(3)': '第四十条第（三）项“不同投标人的投标文件载明的项目管理成员为同一人”',
  '40(6)': '第四十条第（六）项“不同投标人的投标保证金从同一单位或者个人的账户转出”',
  '40(1)/(2)': '第四十条第（一）/（二）项的佐证（单独不构成认定依据）',
};

/**
 * Project-team members (40(3)): a person named as project manager by one bidder and as technical lead by another
 * is the same 项目管理成员, so the two roles are compared with each other as well.
 */
export const TEAM_FIELDS = ['projectManagerHash', 'technicalLeadHash'] as const;

export function fingerprintValue(bid: BidRow, field: FingerprintField): string | null {
  const v = bid[field];
  if (v === null || v === undefined) return null;
  const s = String(v).trim();
  return s === '' ? null : s;
}
