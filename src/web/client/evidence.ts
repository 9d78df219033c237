import { h, type Child, type DomElement } from './dom.js';
import { count, decimal, HASH, pct, ref, yuan } from './format.js';
import { DETECTOR_LABELS, RULE_LABELS, SUBJECT_LABELS, SITE_ROLE_LABELS, first } from './labels.js';
import type { CaseFlag } from './types.js';
import { detectorTag, scoreBar, severityBadge, tenderLink } from './ui.js';

/**
 * A flag's evidence JSON, shown as a person reads it: Chinese key names, money as ¥, fractions as percentages,
 * person hashes cut to 8 characters, lists of records as small tables.
 */

const KEY_LABELS: Record<string, string> = {
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
};

const MONEY = /(price|Price|Total|total|amount|Amount|meanValid|secondLowest)$/;
const FRACTION = /(discount|Discount|share|Share|presence|ratio|Ratio|Fence|fence|median|Median|^q1$|^q3$|^iqr$|^mad$|^p\d\d$|rate|Rate|excess|cohesion|exclusivity|threshold|^r\d$|^T4$)/;

const TENDER_KEYS = new Set(['tender', 'tenders', 'tenderCode', 'tender_code']);

export function keyLabel(k: string): string {
  return KEY_LABELS[k] ?? k;
}

export function formatValue(key: string, v: unknown, parent = ''): Child {
  if (v === null || v === undefined) return h('span', { class: 'muted' }, '—');
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'number') {
    if (key === 'score' || key.endsWith('Score')) return decimal(v, 4);
    if (parent === 'thresholds' && /^T[123]$/.test(key)) return yuan(v);
    if (MONEY.test(key)) return yuan(v);
    if (FRACTION.test(key) && Math.abs(v) <= 2) return pct(v);
    if (key === 'robustZ' || key === 'k') return decimal(v, 2);
    return Number.isInteger(v) ? count(v) : decimal(v, 4);
  }
  if (typeof v === 'string') {
    if (HASH.test(v)) return h('span', { class: 'mono', title: '人员编号（散列前 8 位）' }, ref(v));
    if (key === 'rule' && RULE_LABELS[v]) return `${RULE_LABELS[v]}（${v}）`;
    if (key === 'role' && (SITE_ROLE_LABELS as Record<string, string>)[v]) return first((SITE_ROLE_LABELS as Record<string, string>)[v]);
    if (TENDER_KEYS.has(key)) return tenderLink(v);
    return v;
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return h('span', { class: 'muted' }, '无');
    if (v.every((x) => x === null || typeof x !== 'object')) {
      const parts = v.map((x) => formatValue(key, x, parent));
      return h('span', null, parts.flatMap((p, i) => (i ? ['、', p] : [p])));
    }
    return recordsTable(key, v as Record<string, unknown>[]);
  }
  if (typeof v === 'object') return evidenceTable(v as Record<string, unknown>, key);
  return String(v);
}

function recordsTable(key: string, rows: Record<string, unknown>[]): DomElement {
  const cols = [...new Set(rows.flatMap((r) => (r && typeof r === 'object' ? Object.keys(r) : [])))];
  const shown = rows.slice(0, 60);
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'grid mini' },
      h('thead', null, h('tr', null, cols.map((c) => h('th', null, keyLabel(c))))),
      h('tbody', null, shown.map((r) => h('tr', { class: r.below === true ? 'row-warn' : null }, cols.map((c) => h('td', null, formatValue(c, r[c], key))))))),
    rows.length > shown.length ? h('div', { class: 'muted small' }, `另有 ${rows.length - shown.length} 行未显示`) : null);
}

export function evidenceTable(ev: Record<string, unknown>, parent = ''): DomElement {
  const entries = Object.entries(ev).filter(([, v]) => v !== undefined);
  return h('table', { class: 'kv' },
    h('tbody', null, entries.map(([k, v]) => h('tr', null, h('th', { title: k }, keyLabel(k)), h('td', null, formatValue(k, v, parent))))));
}

/**
 * A flag's whole evidence, dense: the plain values in one block, then each nested object (the peer group, the
 * thresholds…) as a block of its own, flowing in columns; lists of records (months, employers, matches) full width.
 */
export function evidenceView(ev: Record<string, unknown>): DomElement {
  const entries = Object.entries(ev).filter(([, v]) => v !== undefined);
  const isRecords = (v: unknown) => Array.isArray(v) && v.some((x) => x !== null && typeof x === 'object');
  const isObject = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);
  const plain = entries.filter(([, v]) => !isObject(v) && !isRecords(v));
  const nested = entries.filter(([, v]) => isObject(v) || isRecords(v));
  return h('div', { class: 'ev-grid' },
    plain.length ? h('div', { class: 'ev-block' }, evidenceTable(Object.fromEntries(plain))) : null,
    nested.map(([k, v]) => h('div', { class: `ev-block ${isRecords(v) ? 'ev-wide' : ''}` }, h('div', { class: 'ev-title' }, keyLabel(k)), formatValue(k, v))));
}

/** One flag: detector, rule, severity and score, what it concerns, its explanation, and its numbers. */
export function flagCard(f: CaseFlag, open = false): DomElement {
  const rule = typeof f.evidence.rule === 'string' ? f.evidence.rule : null;
  const subject = f.subjectType === 'person' ? ref(f.subjectId) : f.subjectId;
  return h('article', { class: `flag sev-border-${f.severity}`, 'data-detector': f.detector },
    h('header', { class: 'flag-head' },
      detectorTag(f.detector),
      h('strong', null, DETECTOR_LABELS[f.detector] ?? f.detector),
      rule ? h('span', { class: 'muted' }, `· ${RULE_LABELS[rule] ?? rule}`) : null,
      h('span', { class: 'spacer' }),
      severityBadge(f.severity),
      scoreBar(Number(f.score))),
    h('div', { class: 'flag-meta muted' },
      `${SUBJECT_LABELS[f.subjectType] ?? f.subjectType}：`, h('span', { class: 'mono' }, subject),
      f.tenderCode ? [' · 标段 ', tenderLink(f.tenderCode)] : null,
      f.bidderUscc ? [' · 企业 ', h('span', { class: 'mono' }, f.bidderUscc)] : null),
    h('p', { class: 'flag-text' }, f.explanation),
    h('details', { class: 'flag-data', open },
      h('summary', null, '数据与阈值'),
      evidenceView(f.evidence)));
}

/** First sentence of an explanation, for one-line lists. */
function gist(text: string, n = 90): string {
  const cut = text.split(/[。；]/)[0] ?? text;
  return cut.length > n ? `${cut.slice(0, n - 1)}…` : cut;
}

/**
 * Many flags (a ring gathers dozens of 第四十条 and co-bidding findings): counts per detector, then one line per
 * flag that opens to the full explanation and its numbers. The strongest comes first and opens by itself.
 */
export function flagList(flags: CaseFlag[], shown = 20): DomElement {
  const sorted = [...flags].sort((a, b) => Number(b.score) - Number(a.score));
  if (sorted.length <= 4) return h('div', { class: 'flags' }, sorted.map((f, i) => flagCard(f, i === 0)));
  const byDetector = new Map<string, number>();
  for (const f of sorted) byDetector.set(f.detector, (byDetector.get(f.detector) ?? 0) + 1);
  const item = (f: CaseFlag, open: boolean) => {
    const rule = typeof f.evidence.rule === 'string' ? f.evidence.rule : null;
    return h('li', { class: `flag-line sev-border-${f.severity}` },
      h('details', { open },
        h('summary', null,
          detectorTag(f.detector), severityBadge(f.severity), h('span', { class: 'score-num' }, Number(f.score).toFixed(2)),
          h('span', { class: 'fl-rule' }, rule ? RULE_LABELS[rule] ?? rule : DETECTOR_LABELS[f.detector] ?? f.detector),
          f.tenderCode ? h('span', { class: 'mono fl-tender' }, f.tenderCode) : null,
          h('span', { class: 'fl-gist' }, gist(f.explanation))),
        h('div', { class: 'flag-body' },
          h('div', { class: 'flag-meta muted' },
            `${SUBJECT_LABELS[f.subjectType] ?? f.subjectType}：`, h('span', { class: 'mono' }, f.subjectType === 'person' ? ref(f.subjectId) : f.subjectId),
            f.tenderCode ? [' · 标段 ', tenderLink(f.tenderCode)] : null,
            f.bidderUscc ? [' · 企业 ', h('span', { class: 'mono' }, f.bidderUscc)] : null),
          h('p', { class: 'flag-text' }, f.explanation),
          h('details', { class: 'flag-data' }, h('summary', null, '数据与阈值'), evidenceView(f.evidence)))));
  };
  const list = h('ul', { class: 'flag-list' }, sorted.slice(0, shown).map((f, i) => item(f, i === 0)));
  const more = sorted.length > shown
    ? h('button', { class: 'btn btn-sm btn-ghost', type: 'button', onclick: () => { list.append(...sorted.slice(shown).map((f) => item(f, false))); more!.remove(); } }, `显示其余 ${sorted.length - shown} 条`)
    : null;
  return h('div', null,
    h('div', { class: 'flag-counts' }, [...byDetector].map(([d, n]) => h('span', { class: 'chip' }, detectorTag(d), ` ${DETECTOR_LABELS[d] ?? d} × ${n}`))),
    list, more);
}
