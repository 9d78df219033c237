/**
 * Chinese labels. Case states, kinds, roles and the tender code lists come from the server's own modules (served
 * to the browser as they are compiled), so the console never disagrees with the API about what a code means.
 */
export { STATUS_LABELS, KIND_LABELS, CASE_STATUSES, CASE_KINDS, allowedNext, assigneeAfter, checkTransition, isClosed } from '../../cases/case-state.js';
export type { CaseStatus, CaseKind } from '../../cases/case-state.js';
export { ROLE_LABELS } from '../../auth/roles.js';
export type { Role } from '../../auth/roles.js';
import { CATEGORY_LABELS, EVALUATION_METHOD_LABELS, WORK_TYPE_LABELS } from '../../imports/enum-labels.js';
export {
  CATEGORY_LABELS, WORK_TYPE_LABELS, TENDER_METHOD_LABELS, EVALUATION_METHOD_LABELS, FUNDING_LABELS,
  ROLE_LABELS as SITE_ROLE_LABELS,
} from '../../imports/enum-labels.js';
export { FINGERPRINTS, ARTICLE_TEXT } from '../../../detectors/article-40/fingerprints.js';

/** The first of "a/b" aliases in the import code lists. */
export const first = (label: string | undefined, fallback = '—'): string => (label ? label.split('/')[0]! : fallback);

/** '2019–2021 × municipal × construction × lowest_evaluated_price' with the codes in Chinese. */
export function peerGroupLabel(group: string): string {
  const all: Record<string, string> = { ...CATEGORY_LABELS, ...WORK_TYPE_LABELS, ...EVALUATION_METHOD_LABELS };
  return group.split(' × ').map((part) => first(all[part], part)).join(' · ');
}

export const DETECTOR_LABELS: Record<string, string> = {
  ALB: '异常低价',
  WGAP: '中标价差距',
  IDENT: '报价相同',
  REGDIFF: '报价规律性差异',
  DISQ: '否决异常',
  PERF: '标后履约',
  SITE: '现场联动',
  A40: '第四十条雷同',
  COBID: '共同投标网络',
  SCREENS: '报价分布筛查',
  AVGSHAPE: '基准价操纵',
};

export const SEVERITY_LABELS: Record<string, string> = { info: '提示', low: '低', medium: '中', high: '高' };

export const RULE_LABELS: Record<string, string> = {
  T1: '低于均价比例', T2: '低于次低价比例', T3: '低于限价比例', T4: '下浮率超同类上围栏',
  pm_presence: '项目经理到岗率', team_mismatch: '管理班子与标书不一致', pm_double_booked: '项目经理同日在两个工地',
  pm_two_contracts: '项目经理同时承担两个合同', subcontracting: '疑似转包/违法分包',
  low_bid_high_settlement: '低价中标高价结算', change_orders_share: '变更签证占比高', contract_price_mismatch: '合同价与中标价不一致',
  fast_completion: '工期异常短', pm_replaced: '项目经理更换',
  hard: '硬特征关联', soft2: '两项软特征关联', community: '紧密共同投标团体', rotation: '轮流中标',
  recurrent_winner: '固定陪标', professional_loser: '职业陪标', article40_ring: '第四十条团伙',
  screens: '分布筛查', shaping: '基准价操纵', arithmetic: '等差报价', round_percent: '整百分比报价',
};

export const EVENT_LABELS: Record<string, string> = {
  opened: '立案',
  routed: '分派',
  claimed: '认领',
  transition: '状态变更',
  note: '备注',
  reopened: '重新打开',
  evidence_updated: '证据更新',
  reminder: '到期提醒',
  escalated: '逾期升级',
};

export const SUBJECT_LABELS: Record<string, string> = {
  bid: '投标', tender: '标段', firm: '企业', ring: '团伙', person: '人员', contract: '合同',
};

export const IMPORT_KIND_LABELS: Record<string, string> = { bids: '投标记录', contracts: '合同与结算', attendance: '实名制考勤' };
export const IMPORT_STATUS_LABELS: Record<string, string> = { queued: '排队中', running: '导入中', succeeded: '已完成', failed: '失败' };

export const PRIORITY_LABELS: Record<number, string> = { 1: '特急', 2: '紧急', 3: '一般', 4: '较低', 5: '低' };

/** The report's grouping dimensions (cli-and-api.md: report discount-trend --by). */
export const BY_LABELS: Record<string, string> = {
  all: '全市', category: '工程类别', work_type: '工程类型', evaluation_method: '评标办法', district: '区镇', bidder_count: '有效投标人数', price_band: '控制价区间',
};
