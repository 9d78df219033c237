import { api } from './api.js';
import { boqBlock, boqPairOf } from './boq-view.js';
import { bidsChart } from './chart-bids.js';
import { h, type Child, type DomElement } from './dom.js';
import { count, day, decimal, pct, shortFirm, wan, yuan } from './format.js';
import { SCORE_HELP } from './help.js';
import { en } from './i18n.js';
import { CATEGORY_LABELS, EVALUATION_METHOD_LABELS, first, FUNDING_LABELS, isPeerKey, peerGroupLabel, TENDER_METHOD_LABELS, WORK_TYPE_LABELS } from './labels.js';
import type { Bid, TenderDetail } from './types.js';
import { facts, table } from './ui.js';

export function fetchTender(code: string): Promise<TenderDetail> {
  return api<TenderDetail>(`/api/tenders/${encodeURIComponent(code)}`);
}

const lbl = (m: Record<string, string>, k: string | null) => (k ? first(m[k], k) : '—');


export function tenderFacts(t: TenderDetail): DomElement {
  const x = t.tender;
  return facts([
    ['项目名称', x.project_name],
    ['标段编号', h('span', { class: 'mono' }, x.code)],
    ['区镇', x.district],
    ['类别 / 类型', `${lbl(CATEGORY_LABELS, x.category)} · ${lbl(WORK_TYPE_LABELS, x.work_type)}`],
    ['招标方式', lbl(TENDER_METHOD_LABELS, x.tender_method)],
    ['评标办法', lbl(EVALUATION_METHOD_LABELS, x.evaluation_method)],
    ['资金来源', lbl(FUNDING_LABELS, x.funding)],
    ['最高投标限价', yuan(x.control_price)],
    ['开标日期', x.open_date],
    ['投标 / 有效', `${x.n_bids} / ${x.n_valid_bids}`],
    ['中标人', x.winner_name ? h('span', null, x.winner_name, h('br'), h('span', { class: 'mono muted' }, x.winner_uscc ?? '')) : '—'],
    ['中标价 · 下浮率', `${yuan(x.winner_price)} · ${pct(x.winner_discount)}`],
    ...(t.metrics
      ? ([
        ['异常低价分', scoreWithHelp(t.metrics.low_bid_score, 'low_bid_score')],
        ['围标串标风险分', scoreWithHelp(t.metrics.collusion_score, 'collusion_score')],
      ] as [string, Child][])
      : []),
  ]);
}

/** A tender score with what it is made of: tooltip on the number, one help line under it. */
function scoreWithHelp(x: number | null | undefined, metric: keyof typeof SCORE_HELP): DomElement {
  const help = SCORE_HELP[metric];
  return h('span', { class: 'metric', 'data-metric': metric },
    h('span', { class: 'has-help', title: help }, decimal(x, 2)),
    h('span', { class: 'help-line' }, help));
}

export function contractFacts(t: TenderDetail): DomElement | null {
  const c = t.contract;
  if (!c) return null;
  const win = Number(t.tender.winner_price);
  const settle = c.settlement_price === null ? null : Number(c.settlement_price);
  return facts([
    ['合同价', yuan(c.contract_price)],
    ['签订日期', c.contract_date],
    ['计划竣工', c.planned_completion ?? '—'],
    ['实际竣工', c.actual_completion ?? '未竣工'],
    ['变更签证', c.change_order_total === null ? '—' : `${yuan(c.change_order_total)}（${c.change_order_count ?? 0} 次）`],
    ['结算价', settle === null ? '未结算' : h('span', null, yuan(settle), win ? h('span', { class: settle / win - 1 > 0.1 ? 'text-bad' : 'muted' }, `（较中标价 ${settle >= win ? '+' : ''}${pct(settle / win - 1, 1)}）`) : null)],
    ['项目经理变更', c.project_manager_changed === null ? '—' : c.project_manager_changed ? h('span', { class: 'text-bad' }, '是') : '否'],
  ]);
}

/**
 * Bid-file fingerprints: a value shared by two bidders of one tender is a 第四十条 lead, so it is marked. The file
 * traces (machine code and MAC, upload IP and author) share a column two by two, so that the table, 保证金账户
 * included, fits a 1440 px screen beside the case's side column without scrolling.
 */
interface Fingerprint { key: keyof Bid; label: string; article: string }
const FINGERPRINT_GROUPS: { label: string; fields: Fingerprint[] }[] = [
  { label: '机器码 / MAC', fields: [{ key: 'file_machine_code', label: '机器码', article: '40(一)' }, { key: 'file_mac', label: 'MAC', article: '40(一)' }] },
  { label: '创建标识码 / 加密锁号', fields: [{ key: 'file_creation_id', label: '文件创建标识码', article: '40(一)' }, { key: 'lock_serial', label: '计价软件加密锁号', article: '40(一)' }] },
  { label: 'CPU / 硬盘序列号', fields: [{ key: 'cpu_serial', label: 'CPU 序列号', article: '40(一)' }, { key: 'disk_serial', label: '硬盘序列号', article: '40(一)' }] },
  { label: '上传 IP / 作者', fields: [{ key: 'upload_ip', label: '上传 IP', article: '40(一)/(二) 佐证' }, { key: 'file_creator', label: '文件作者', article: '40(一) 佐证' }] },
  { label: '项目经理', fields: [{ key: 'project_manager_ref', label: '项目经理', article: '40(三)' }] },
  { label: '委托代理人', fields: [{ key: 'agent_ref', label: '委托代理人', article: '40(二)' }] },
  { label: '保证金账户', fields: [{ key: 'bond_account_ref', label: '保证金账户', article: '40(六)' }] },
];

/** A40's fingerprint fields → the bid columns the table shows. */
const COLUMN_OF: Record<string, keyof Bid> = {
  fileMachineCode: 'file_machine_code', fileMac: 'file_mac', fileCreationId: 'file_creation_id', lockSerial: 'lock_serial',
  cpuSerial: 'cpu_serial', diskSerial: 'disk_serial', uploadIp: 'upload_ip', fileCreator: 'file_creator',
  projectManagerHash: 'project_manager_ref', 'projectManagerHash/technicalLeadHash': 'project_manager_ref', agentHash: 'agent_ref',
  bondAccountHash: 'bond_account_ref',
};

/**
 * The bid cells the tender's A40 flags cite: `column|uscc` for both firms of each flagged pair. Null before any
 * detection (no flags of any kind), when the table marks every value two bidders share.
 */
export function citedCells(flags: { detector: string; evidence: Record<string, unknown> }[]): Set<string> | null {
  if (!flags.length) return null;
  const out = new Set<string>();
  for (const f of flags) {
    if (f.detector !== 'A40') continue;
    const pair = Array.isArray(f.evidence.pair) ? (f.evidence.pair as string[]) : [];
    const matches = Array.isArray(f.evidence.matches) ? (f.evidence.matches as { field: string }[]) : [];
    for (const m of matches) {
      const col = COLUMN_OF[m.field];
      if (col) for (const u of pair) out.add(`${String(col)}|${u}`);
    }
  }
  return out;
}

/**
 * A shared value is marked red where A40 cites it for this bidder (or, before detection, wherever two bidders share
 * it); a shared value A40 left out (a model-level CPU id, a placeholder serial, an office's NAT address held by very
 * many firms market-wide) is marked grey and says so, so the table never claims more than the finding.
 */
function fingerprintCell(b: Bid, c: Fingerprint, seen: ReadonlyMap<string, number>, cited: ReadonlySet<string> | null): DomElement {
  const v = b[c.key] as string | null | undefined;
  if (!v) return h('span', { class: 'muted fp-v' }, '—');
  const n = seen.get(`${c.key}=${v}`) ?? 0;
  const text = c.key.endsWith('_ref') ? `${v}…` : v.length > 17 ? `${v.slice(0, 15)}…` : v;
  if (n <= 1) return h('span', { class: 'mono fp-v', title: `${c.label} ${v}` }, text);
  if (!cited || cited.has(`${String(c.key)}|${b.bidder_uscc}`)) {
    return h('span', { class: 'dup mono fp-v', title: `${c.label} ${v}：与本标段另外 ${n - 1} 家投标人相同（第四十条${c.article}线索）` }, text);
  }
  return h('span', { class: 'dup-uncited mono fp-v', title: `${c.label} ${v}：与本标段另外 ${n - 1} 家相同，但第四十条检测未计入（全市场很多企业共用的值，如型号级标识、占位值或公共网络地址）` }, text);
}

export function bidsTable(bids: Bid[], highlight: ReadonlySet<string> = new Set(), cited: ReadonlySet<string> | null = null): DomElement {
  const seen = new Map<string, number>();
  for (const b of bids) for (const g of FINGERPRINT_GROUPS) for (const c of g.fields) {
    const v = b[c.key];
    if (v) seen.set(`${c.key}=${v}`, (seen.get(`${c.key}=${v}`) ?? 0) + 1);
  }
  const groups = FINGERPRINT_GROUPS
    .map((g) => ({ ...g, fields: g.fields.filter((c) => bids.some((b) => b[c.key])) }))
    .filter((g) => g.fields.length > 0);
  const sorted = [...bids].sort((a, b) => (a.rank ?? 999) - (b.rank ?? 999) || Number(a.bid_price) - Number(b.bid_price));
  return table<Bid>([
    { label: '名次', class: 'num', cell: (b) => b.rank ?? '—' },
    { label: '投标人', class: 'bidder', cell: (b) => h('span', { title: `${b.bidder_name ?? ''}（${b.bidder_uscc}）` }, shortFirm(b.bidder_name, b.bidder_uscc), h('div', { class: 'mono muted small' }, b.bidder_uscc)) },
    { label: '投标报价', class: 'num', title: '万元', cell: (b) => h('span', { title: yuan(b.bid_price) }, wan(b.bid_price)) },
    { label: '下浮率', class: 'num', cell: (b) => h('strong', null, pct(b.discount_rate)) },
    { label: '结果', class: 'result', cell: (b) => (b.is_winner ? h('span', { class: 'pill pill-ok' }, '中标') : b.bid_valid ? '有效' : h('span', null, h('span', { class: 'pill pill-muted' }, '否决'), b.invalid_reason ? h('div', { class: 'muted small reason', title: b.invalid_reason }, b.invalid_reason) : null)) },
    ...groups.map((g) => ({
      label: g.fields.map((c) => c.label).join(' / '),
      title: g.fields.map((c) => `${c.label}：第四十条 ${c.article}`).join('；'),
      class: `fp fp-${String(g.fields[0]!.key).replace(/_/g, '-')}`,
      cell: (b: Bid) => h('div', { class: 'fp-stack' }, g.fields.map((c) => fingerprintCell(b, c, seen, cited))),
    })),
  ], sorted, {
    class: 'dense bids',
    rowAttrs: (b) => ({ class: [b.is_winner ? 'row-winner' : '', highlight.has(b.bidder_uscc) ? 'row-flagged' : ''].join(' ').trim() || null, 'data-uscc': b.bidder_uscc }),
  });
}

/** The tender as the case needs it: facts, the 下浮率 chart against its peers, the bids with fingerprints, the BOQs side by side. */
export function tenderBlock(t: TenderDetail, highlight: ReadonlySet<string> = new Set()): DomElement {
  return h('div', { class: 'tender-block', 'data-tender': t.tender.code },
    tenderFacts(t),
    h('h3', null, '下浮率与同类标段分布'),
    t.bids.length ? bidsChart(t.bids, t.peer, { highlight }) : h('div', { class: 'empty' }, '没有投标记录。'),
    h('h3', null, `投标（${count(t.bids.length)} 家）`, h('span', { class: 'muted small' }, ' 第四十条检测计入的相同特征以红底标出；灰底为相同但属全市场常见值、未计入')),
    bidsTable(t.bids, highlight, citedCells(t.flags)),
    boqBlock(t.tender.code, boqPairOf(t.flags)),
    t.contract ? [h('h3', null, '合同与结算（标后履约）'), contractFacts(t)] : null,
    h('p', { class: 'muted small' }, `开标 ${day(t.tender.open_date)} · 同类组 ${peerGroupLabel(t.peer.group)}`, t.peer.group && isPeerKey(t.peer.group) ? en(t.peer.group) : null));
}
