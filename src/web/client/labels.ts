/**
 * Chinese labels. Case states, kinds, roles and the tender code lists come from the server's own modules (served
 * to the browser as they are compiled), so the console never disagrees with the API about what a code means.
 */
export { STATUS_LABELS, KIND_LABELS, CASE_STATUSES, CASE_KINDS, allowedNext, assigneeAfter, checkTransition, isClosed } from '../../cases/case-state.js';
export type { CaseStatus, CaseKind } from '../../cases/case-state.js';
export { ROLE_LABELS } from '../../auth/roles.js';
export type { Role } from '../../auth/roles.js';
import { CATEGORY_LABELS, EVALUATION_METHOD_LABELS, RELATION_LABELS, TENDER_METHOD_LABELS, WORK_TYPE_LABELS } from '../../imports/enum-labels.js';
import { FINGERPRINTS } from '../../../detectors/article-40/fingerprints.js';
import { LINK_FIELD_ZH } from '../../../detectors/rings/link-fields.js';
export {
  CATEGORY_LABELS, WORK_TYPE_LABELS, TENDER_METHOD_LABELS, EVALUATION_METHOD_LABELS, FUNDING_LABELS,
  ROLE_LABELS as SITE_ROLE_LABELS,
} from '../../imports/enum-labels.js';
export { FINGERPRINTS, ARTICLE_TEXT } from '../../../detectors/article-40/fingerprints.js';

/** The first of "a/b" aliases in the import code lists. */
export const first = (label: string | undefined, fallback = '—'): string => (label ? label.split('/')[0]! : fallback);

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
  A34: '第三十四条关联投标',
  BOQSIM: '清单雷同',
  R044: '企业登记信息相似',
  TIMING: '上传时间与网络雷同',
  BCONC: '中标集中度',
  BSINGLE: '单一投标率',
  BR038: '否决投标率',
  BLOWBID: '异常低价中标率',
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
  screens: '分布筛查', shaping: '基准价操纵', arithmetic: '等差报价', geometric: '等比报价', round_percent: '整百分比报价',
  change_orders_count: '变更签证次数多',
  // cardinal-rs indicators (detectors/cardinal/R0xx.md)
  R018: '单一投标', R024: '次低价与中标价过于接近', R028: '不同投标人报价完全相同', R035: '除中标人外其余投标均被否决',
  R036: '最低价投标被否决', R038: '否决投标比例异常偏高', R058: '中标价大幅低于次低价',
  // issue 12: 第三十四条, soft relations, timing, 清单雷同, buyer- and agency-level indicators (OCP R040/R050)
  article34: '第三十四条关联（单位负责人同一人或控股、管理关系）', r044: '注册地址或联系电话相同（OCP R044）', timing: '上传/制作时间与网络雷同',
  boqsim: '清单雷同（第四十条第（四）项）', R040: '单一中标人份额过高（OCP R040）', R050: '中标集中度过高（OCP R050）',
  'R040,R050': '中标人份额与集中度均过高（OCP R040/R050）',
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
  bid: '投标', tender: '标段', firm: '企业', ring: '团伙', person: '人员', contract: '合同', buyer: '招标人', agency: '招标代理机构',
};

export const IMPORT_KIND_LABELS: Record<string, string> = {
  bids: '投标记录', contracts: '合同与结算', attendance: '实名制考勤', 'firm-relations': '企业关联关系', boq: '工程量清单报价',
};
export const IMPORT_STATUS_LABELS: Record<string, string> = { queued: '排队中', running: '导入中', succeeded: '已完成', failed: '失败' };

export const PRIORITY_LABELS: Record<number, string> = { 1: '特急', 2: '紧急', 3: '一般', 4: '较低', 5: '低' };

/** The report's grouping dimensions (cli-and-api.md: report discount-trend --by). */
export const BY_LABELS: Record<string, string> = {
  all: '全市', category: '工程类别', work_type: '工程类型', evaluation_method: '评标办法', district: '区镇', bidder_count: '有效投标人数', price_band: '控制价区间',
};

/** What a key of a flag's evidence JSON means, in Chinese. */
export const KEY_LABELS: Record<string, string> = {
  rule: '规则', peer: '同类组', n: '样本数', k: '围栏系数 k', q1: 'Q1', q3: 'Q3', iqr: 'IQR', mad: 'MAD', median: '中位数',
  upperFence: '上围栏', lowerFence: '下围栏', robustZ: '稳健 z 值', label: '同类组', level: '分组层级', key: '分组键',
  price: '报价', discount: '下浮率', isWinner: '中标', triggers: '触发条件', meanValid: '有效报价均值', validBids: '有效报价数',
  thresholds: '阈值', controlPrice: '最高投标限价', secondLowest: '次低报价', aboveControlExcluded: '高于限价剔除数',
  t4Skipped: 'T4 未判定原因', ratios: '比例参数', sources: '依据', months: '逐月', month: '月份', siteDays: '施工天数',
  pmDays: '项目经理到岗天数', presence: '到岗率', below: '低于标准', threshold: '阈值', basis: '口径',
  belowMonths: '低于标准的月份', consecutive: '连续低于标准', minSiteDays: '判定所需最少施工天数', siteDay: '施工日口径',
  contractPmChanged: '合同记录项目经理变更', window: '进场窗口', from: '起', to: '止', days: '天数', absent: '缺勤',
  judged: '已判定', bidPmFirstPresent: '标书项目经理首次到岗', bidNamed: '标书载明', technicalLead: '技术负责人',
  projectManager: '项目经理', mismatches: '与标书不一致的人员', personHash: '人员编号', role: '岗位', first: '首次',
  last: '末次', presentDays: '到岗天数', employers: '用工单位', uscc: '统一社会信用代码', workerDays: '工人人日',
  share: '占比', bidInTender: '参与本标段投标', pair: '企业对', matches: '雷同特征', field: '特征', article: '条款', kind: '强度',
  value: '值', hardMatches: '硬特征数', softMatches: '软特征数', articles: '涉及条款', priceCorroboration: '报价佐证',
  excess: '超出比例', lowBid: '低价标记', path: '来源', flagged: '已标记', winningPrice: '中标价', contractPrice: '合同价',
  settlementPrice: '结算价', changeOrderTotal: '变更签证合计', changeOrderCount: '变更签证次数', tenders: '标段',
  overlaps: '重叠', contracts: '合同', members: '成员', cohesion: '内聚度', exclusivity: '排他性', tendersTogether: '共同投标次数',
  wins: '中标次数', coBids: '共同投标次数', ratio: '比例', winner: '中标方', loser: '陪标方', winnerWins: '中标次数',
  loserValidBids: '陪标方有效投标数', minRotation: '最低轮换比例', minEncounters: '最少相遇次数', community: '团体编号',
  article40Links: '第四十条关联数', dates: '日期', plannedCompletion: '计划竣工', actualCompletion: '实际竣工',
  contractDate: '合同签订', durationDays: '工期天数', peerMedian: '同类中位数', expectedDays: '预期工期', scoreParts: '得分构成',
  validRatio: '有效比例', minBids: '最少投标数', bidders: '投标人', statistic: '统计量', pValue: 'p 值', screens: '筛查指标',
  subgroup: '子集筛查（最集中的 3–4 家）', tightest: '报价最集中的投标人', subcv: 'SUBCV 子集变异系数', subspd: 'SUBSPD 子集极差率',
  percentile: '同类百分位', beyond: '超出阈值', name: '名称',
  // SCREENS: the distribution screens and their peer population
  cv: '变异系数 CV', ks: 'KS 统计量', rd: '相对距离 RD', rdalt: 'RD（替代式）', rdnor: 'RD（标准化）', spd: '极差率 SPD',
  kurt: '峰度', skew: '偏度', diffp: '最低两价差率 DIFFP', peerGroup: '同类组', size: '组内标段数', fromYear: '起始年份',
  toYear: '截止年份', quantiles: '分位数', minScreens: '最少异常指标数', beyondCount: '超出阈值的指标数', screenScore: '筛查得分',
  // WGAP, DISQ (cardinal-rs indicators)
  gap: '中标价与次低价差率', fence: '围栏', source: '依据', population: '比较总体', secondUscc: '次低价投标人', winnerUscc: '中标人',
  secondPrice: '次低报价', winnerPrice: '中标价', bidder: '投标人', tenderMethod: '招标方式', disqualified: '被否决的投标人',
  lowestUscc: '最低价投标人', lowestPrice: '最低报价', invalidReason: '否决原因', lowestValidPrice: '最低有效报价',
  submitted: '递交投标数', minimumSubmittedBids: '最少递交投标数', minimumContractingProcesses: '最少标段数',
  // IDENT, REGDIFF
  valid: '有效', chance: '偶然出现的概率', sigma: '报价离散度 σ', perPair: '各企业对', maxChance: '判定概率上限',
  widthYuan: '报价取整宽度（元）', expectedTies: '预期相同报价数', market: '市场', segment: '细分市场', informed: '有先验',
  medianCv: '变异系数中位数', priceUnit: '报价单位', discountUnit: '下浮率单位', otherTieRate: '其他报价相同率',
  lowestTieRate: '最低价相同率', bidderName: '投标人名称', bidderUscc: '投标人信用代码', groupSize: '相同报价家数',
  atControlPrice: '等于最高投标限价', includeInvalid: '含否决投标', gaps: '相邻报价差', cvGap: '报价差变异系数', round: '取整',
  step: '步长', multiples: '倍数', maxDeviation: '最大偏差', rules: '命中规则', prices: '报价', cvRatio: '变异系数比',
  cvLogRatio: '对数变异系数比', roundTolerance: '取整容差', meanGapUnits: '平均报价差（单位）', equalGapChance: '等差偶然概率',
  // COBID, AVGSHAPE
  links: '关联', tender: '标段', linksTotal: '关联总数', graph: '共同投标图', rotation: '轮流中标', article40: '第四十条关联',
  recurrent: '固定陪标', winsInside: '团伙内中标', communities: '团体', rotationPairs: '轮流中标企业对', recurrentPairs: '固定陪标企业对',
  p: 'p 值', flip: '改变中标人', seed: '随机种子', alpha: '显著性水平 α', draws: '抽样次数', exact: '精确检验', group: '企业组',
  shift: '基准价偏移', extreme: '极端情形', ringKey: '团伙编号', benchmark: '评标基准价', removedBids: '剔除的报价',
  benchmarkRule: '基准价规则', smallN: '少量投标时的规则', dropEach: '两端各去掉', aboveWeight: '高于基准扣分权重',
  belowWeight: '低于基准扣分权重', winnerWithout: '去掉该组后的中标人', recordedWinners: '记录的中标人',
  benchmarkWithout: '去掉该组后的基准价',
  // PERF, SITE
  diff: '差额', tolerance: '容差', projectManagerChanged: '项目经理变更', bidProjectManagerNamed: '标书载明项目经理',
  workType: '工程类型', minPrice: '最低中标价', plannedShare: '占计划工期比例', plannedDays: '计划工期天数', otherDays: '其他工地天数',
  judgedShare: '已判定比例', minWorkerDays: '最少工人人日', named: '人员来源', minDays: '最少天数', sameDays: '同日天数',
  asOf: '截至', toBasis: '截止日口径', tenderCode: '标段', minOverlapDays: '最少重叠天数',
  r1: 'r₁ 均价比例', r2: 'r₂ 次低价比例', r3: 'r₃ 限价比例',
  T1: 'T1 均价线', T2: 'T2 次低价线', T3: 'T3 限价线', T4: 'T4 同类围栏',
  // A34, R044
  person: '人员（散列前 8 位）', roles: '分别担任', kinds: '关联类型', openDate: '开标日', maxChainDepth: '最多持股层数',
  controlSharePct: '控股比例（%）', chain: '持股/管理链', edges: '各层关系', relation: '关系', sharePct: '持股比例（%）',
  signals: '雷同特征', address: '注册地址', phoneHash: '联系电话（散列）', commonParent: '共同上级企业', commonPerson: '共同人员',
  commonValueMaxFirms: '常见值上限（家）',
  // TIMING
  uploadGapSeconds: '上传间隔（秒）', creationGapSeconds: '文件制作间隔（秒）', sequence: '连续上传', firms: '企业',
  spanSeconds: '时间跨度（秒）', uploadIp: '上传 IP', a40Linked: '另有第四十条关联', quantile: '市场间隔分位数',
  uploadMarketGaps: '市场上传间隔样本数', creationMarketGaps: '市场制作间隔样本数', minSequenceFirms: '连续上传最少家数',
  // BOQSIM
  commonItems: '共同清单项', comparedItems: '比对项（剔除给定单价）', identicalPrices: '综合单价相同项', identicalShare: '单价相同占比',
  sharedErrors: '相同错误', quantity: '工程量同错', arithmetic: '合价计算错误相同', missing: '共同漏项', extra: '共同多项', order: '相同的非常规排序',
  errorTotal: '相同错误合计', lines: '雷同清单项（编码）', identicalPrice: '单价相同', priceChance: '单价相同的偶然概率',
  errorChance: '相同错误的偶然概率', priceRate: '市场单价相同率', errorRate: '市场错误相同率（每项）', errors: '错误阈值',
  marketPairs: '市场投标人对数', shareQ1: '单价相同占比 Q1', shareQ3: '单价相同占比 Q3', errorQ1: '相同错误 Q1', errorQ3: '相同错误 Q3',
  pool: '无关投标人对（比较基准）', pairs: '对数', identical: '单价相同项', compared: '比对项', errorPairs: '计入错误基准的对数',
  errorCompared: '错误基准比对项', alphaPerPair: '每对显著性水平', ruleShare: '规则占比（青岛）', fenceK: '围栏系数 k',
  familyAlpha: '全市场显著性水平', minIdenticalLines: '最少单价相同项', minSharedErrors: '最少相同错误',
  // BCONC, BSINGLE, BR038, BLOWBID
  awards: '中标标段数', topWinner: '中标最多的企业', topWins: '其中标数', topShare: '其中标份额', topValueShare: '其中标金额份额',
  hhi: '集中度 HHI', winners: '中标人数', years: '年份', year: '年份', topWinnerYears: '该企业中标的年份',
  yearsWithAwards: '有中标的年份', topShareFence: '份额围栏', hhiFence: 'HHI 围栏', topShareQ1: '份额 Q1', topShareQ3: '份额 Q3',
  hhiQ1: 'HHI Q1', hhiQ3: 'HHI Q3', peers: '同类招标人/代理机构', minAwards: '最少中标标段数', singleBidTenders: '单一投标标段数',
  singleBidTenderCodes: '单一投标的标段', pooledRate: '同类合并比率', probability: '偶然概率', minTenders: '最少标段数',
  lowAwards: '异常低价中标数', lowAwardTenderCodes: '异常低价中标的标段',
};

/** Chinese names of the string codes that appear as values in the evidence JSON (levels, bases, reasons, kinds…). */
export const VALUE_LABELS: Record<string, string> = {
  // ALB's peer-group ladder (detectors/low-bid/peer-groups.ts)
  full: '完整分组（3 年窗口×类别×类型×评标办法×限价区间）', no_band: '不分限价区间', all_years: '不限年份', no_method: '不分评标办法',
  category: '仅按工程类别', all: '全部标段',
  // SCREENS' peer levels
  'category×workType×method×band': '类别×类型×评标办法×限价区间', 'category×method': '类别×评标办法', method: '仅按评标办法',
  // why T4 or a rule did not run
  peer_group_too_small: '同类组样本不足', no_spread: '同类组下浮率完全相同，无法计算围栏', no_control_price: '无最高投标限价',
  disabled: '已在设置中关闭', peer_too_small: '同类组样本不足', low_bid_peer_too_small: '异常低价同类组样本不足',
  no_winning_bid: '无中标投标', no_winner: '无中标人', several_winners: '多个中标人', no_other_valid_bid: '无其他有效投标',
  winner_not_lowest: '中标人不是最低价', winner_bid_not_valid: '中标投标无效', unknown_tender: '未知标段', no_discount: '无下浮率',
  too_few_worker_days: '工人人日不足', too_few_site_days: '施工天数不足', pm_change_unknown: '项目经理是否变更未知',
  not_settled: '尚未结算', not_completed: '尚未竣工', no_contract_price: '无合同价', no_change_order_total: '无变更签证金额',
  completion_before_contract: '竣工早于合同签订', bid_names_no_key_staff: '标书未载明关键人员', below_min_price: '低于最低价格',
  // SITE
  bid_pm: '标书所列项目经理', site_pm: '考勤登记的项目经理', period: '考勤期间', any_present: '有人到岗的日子',
  any_record: '有考勤记录的日子（不论是否到岗）', bid: '标书载明', actual: '实际竣工', planned: '计划竣工',
  project_manager: '项目经理', technical_lead: '技术负责人', safety_officer: '安全员', worker: '工人',
  // A40 and COBID
  hard: '硬特征', soft: '软特征', consolidated: '合并', pattern: '报价规律', community: '紧密共同投标团体', article40_ring: '第四十条团伙',
  fileMachineCode: '投标文件机器码', fileMac: '网卡 MAC 地址', uploadIp: '上传 IP', fileCreator: '文件创建者',
  ...Object.fromEntries(FINGERPRINTS.map((f) => [f.field, f.zh])),
  projectManagerHash: '项目经理', agentHash: '委托代理人', bondAccountHash: '保证金账户', technicalLeadHash: '技术负责人',
  // PERF's low-bid path, WGAP's roles
  ALB: '异常低价检测（ALB）', peer_fence: '同类中标下浮率围栏', peer_quantile: '同类中标下浮率分位数', winner: '中标人',
  // enumerations of the import format
  open: '公开招标', invited: '邀请招标', state: '国有资金', private: '非国有资金',
  // REGDIFF's rules
  arithmetic: '等差报价', geometric: '等比报价', round_percent: '整百分比报价', rotation: '轮流中标',
  // issue 12: relation kinds, signals, parties
  ...LINK_FIELD_ZH,
  ...Object.fromEntries(Object.entries(RELATION_LABELS).map(([k, v]) => [k, first(v)])),
  address: '注册地址相同', phone: '联系电话相同', upload: '上传时间相近', session: '文件制作时间相近', sequence: '连续上传',
  ip: '同一上传 IP', price: '综合单价雷同', errors: '相同错误', buyer: '招标人', agency: '招标代理机构',
  // statuses of coverage
  excluded: '未纳入', not_applicable: '不适用', applied: '已检测', flagged: '已标记', clear: '未发现异常',
};

const ALL_ENUMS: Record<string, string> = { ...CATEGORY_LABELS, ...WORK_TYPE_LABELS, ...EVALUATION_METHOD_LABELS, ...TENDER_METHOD_LABELS };

const YEAR_RANGE = /^(\d{4})(?:-|\.\.)(\d{4})$/;
const BAND = /^(\d+)-(\d+|inf)$/;

/** 4000000 → '400万'. */
function wanOf(yuan: string): string {
  return `${Number((Number(yuan) / 10_000).toFixed(2))}万`;
}

/** One part of a peer-group key in Chinese: a year window, an enumeration code, a price band; null for a dropped one. */
function peerPart(part: string): string | null {
  if (part === '' || part === '*' || part === 'global:*') return null;
  const years = YEAR_RANGE.exec(part);
  if (years) return `年份 ${years[1]}–${years[2]}`;
  if (/^\d{4}$/.test(part)) return `${part} 年`;
  const band = BAND.exec(part);
  if (band) {
    if (band[1] === '0') return `限价 ${wanOf(band[2]!)}以下`;
    return band[2] === 'inf' ? `限价 ${wanOf(band[1]!)}以上` : `限价 ${wanOf(band[1]!)}–${wanOf(band[2]!)}`;
  }
  if (/^\d$/.test(part)) return null; // SCREENS' size class 0 = any number of bids
  return ALL_ENUMS[part] ? first(ALL_ENUMS[part]) : part;
}

/**
 * A peer-group key in Chinese: '2017-2019|municipal|construction|lowest_evaluated_price|10000000-50000000' →
 * '年份 2017–2019 · 市政基础设施 · 施工 · 经评审的最低投标价法 · 限价 1000万–5000万'. Dropped dimensions ('*', empty) are
 * left out; a key of nothing but dropped dimensions is the whole market.
 */
export function peerKeyLabel(key: string): string {
  const parts = key.split('|').map(peerPart).filter((x): x is string => x !== null);
  return parts.length ? parts.join(' · ') : '全部标段';
}

/** True for a string shaped like a peer-group or segment key. */
export function isPeerKey(v: string): boolean {
  return v.includes('|') || v === '*' || v === 'global:*';
}

/**
 * The Chinese name of a code found in evidence or in a record, or null when the string is not a known code
 * (names, dates, free text pass through unchanged).
 */
export function codeLabel(v: string): string | null {
  return RULE_LABELS[v] ?? VALUE_LABELS[v] ?? (ALL_ENUMS[v] ? first(ALL_ENUMS[v]) : null) ?? (DETECTOR_LABELS[v] ?? null);
}

/** The peer group the tender page draws (ALB's Chinese label, or its key when only that was stored). */
export function peerGroupLabel(group: string | null | undefined): string {
  if (!group) return '—';
  return isPeerKey(group) ? peerKeyLabel(group) : group;
}
