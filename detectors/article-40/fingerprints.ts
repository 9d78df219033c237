import type { BidRow } from '../types.js';

/**
 * The 第四十条 evidence ladder: which bid-file fingerprint supports which item of 《招标投标法实施条例》第四十条,
 * and how strong it is (domain-indicators §1.1–1.2, (b) #5).
 *
 * Hard: one match links a pair — the platforms treat a shared machine code / MAC as 40(1) on its own (大庆高新
 * 2021), and the same agent, project-team member or bond account is the literal text of 40(2), 40(3), 40(6).
 * Soft: a shared upload IP (NAT, shared Wi-Fi) or document author is common among independent firms; practitioners
 * warn it never decides a case alone, so two soft matches are needed and one never links.
 */
export type MatchKind = 'hard' | 'soft';

/** The items of Art. 40 a link can rest on; `40(1)/(2)` = supporting evidence for either (upload IP). */
export type Article40Item = '40(1)' | '40(2)' | '40(3)' | '40(6)' | '40(1)/(2)';

export type FingerprintField =
  | 'fileMachineCode'
  | 'fileMac'
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
}

export const FINGERPRINTS: readonly FingerprintSpec[] = [
  { field: 'fileMachineCode', kind: 'hard', article: '40(1)', zh: '投标文件制作机器码', en: 'file machine code' },
  { field: 'fileMac', kind: 'hard', article: '40(1)', zh: '投标文件制作网卡MAC地址', en: 'file MAC address' },
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
