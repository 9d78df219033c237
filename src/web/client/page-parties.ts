import { api, qs } from './api.js';
import { go, type PageContext } from './context.js';
import { h, type DomElement, type FormControl } from './dom.js';
import { flagCard } from './evidence.js';
import { count } from './format.js';
import type { CaseFlag, FlagRow, PartyPage, PartyRow } from './types.js';
import { detectorTag, errorBox, loading, pageHeader, section, severityBadge, table } from './ui.js';

/**
 * Findings by 招标人 and by 招标代理机构 (#/parties?party=buyer|agency&year=): per party its tenders, how many carry
 * a current flag and which detectors raised them, and the party's own indicators (中标集中度, 单一投标率, 否决投标率,
 * 异常低价中标率) opened below its row. A party with many flags is a place to look, not a finding against it.
 */

const PARTY_LABELS = { buyer: '招标人', agency: '招标代理机构' } as const;
type Party = keyof typeof PARTY_LABELS;
const PAGE = 50;

const asCaseFlag = (f: FlagRow): CaseFlag => ({
  detector: f.detector, severity: f.severity as CaseFlag['severity'], score: Number(f.score), subjectType: f.subject_type, subjectId: f.subject_id,
  tenderCode: f.tender_code, bidderUscc: f.bidder_uscc?.trim() ?? null, explanation: f.explanation, evidence: f.evidence,
});

export async function partiesPage(ctx: PageContext): Promise<void> {
  const party: Party = ctx.query.get('party') === 'agency' ? 'agency' : 'buyer';
  const year = ctx.query.get('year') ?? '';
  const page = Math.max(1, Number(ctx.query.get('page')) || 1);
  const nav = (q: { party?: Party; year?: string; page?: number }) => go('parties', { party: q.party ?? party, year: q.year ?? year, page: q.page ?? null });

  const tabs = h('div', { class: 'subtabs', role: 'tablist', 'aria-label': '汇总对象' },
    (Object.keys(PARTY_LABELS) as Party[]).map((p) =>
      h('button', { type: 'button', role: 'tab', class: `subtab ${p === party ? 'active' : ''}`, 'aria-selected': p === party ? 'true' : 'false', 'data-party': p, onclick: () => nav({ party: p, page: 1 }) }, PARTY_LABELS[p])));
  const thisYear = new Date().getFullYear();
  const yearPick = h('select', { id: 'party-year', 'aria-label': '年份', onchange: (e) => nav({ year: (e.currentTarget as FormControl).value, page: 1 }) },
    h('option', { value: '' }, '全部年份'),
    Array.from({ length: 12 }, (_, i) => String(thisYear - i)).map((y) => h('option', { value: y, selected: y === year ? 'selected' : null }, `${y} 年`))) as FormControl;
  const body = h('div', null, loading());
  ctx.main.replaceChildren(
    pageHeader('招标人与代理机构', '按招标人、招标代理机构汇总当前检测标记；标记多是核查的线索，不是对该单位的定性'),
    h('div', { class: 'toolbar' }, tabs, h('label', { for: 'party-year', class: 'muted' }, '年份'), yearPick),
    section(`${PARTY_LABELS[party]}（当前检测结果）`, body, { id: 'parties' }));

  let list: PartyPage;
  try {
    list = await api<PartyPage>(`/api/findings/by-${party}${qs({ year: year || null, page, page_size: PAGE })}`);
  } catch (e) {
    if (ctx.alive()) body.replaceChildren(errorBox(e));
    return;
  }
  if (!ctx.alive()) return;
  if (!list.items.length) {
    body.replaceChildren(h('div', { class: 'empty' }, list.total
      ? '本页没有记录。'
      : `没有载明${PARTY_LABELS[party]}的标段：投标文件的 ${party}_uscc / ${party}_name 列为空，或尚未导入。`));
    return;
  }
  const pages = Math.max(1, Math.ceil(list.total / PAGE));
  body.replaceChildren(...[
    table<PartyRow>([
      { label: PARTY_LABELS[party], cell: (r) => h('span', null, r.name ?? '—', h('div', { class: 'mono muted small' }, r.uscc)) },
      { label: '标段', class: 'num', cell: (r) => count(r.tenders) },
      { label: '有标记的标段', class: 'num', cell: (r) => h('span', { class: r.flaggedTenders ? 'text-bad' : 'muted' }, `${count(r.flaggedTenders)}（${r.tenders ? Math.round((100 * r.flaggedTenders) / r.tenders) : 0}%）`) },
      { label: '标记（高）', class: 'num', cell: (r) => `${count(r.flags)}（${count(r.highFlags)}）` },
      { label: '各检测项', cell: (r) => detectorChips(r.detectors) },
      { label: '本单位指标', cell: (r) => ownFlags(r) },
    ], list.items, { class: 'dense parties', rowAttrs: (r) => ({ 'data-uscc': r.uscc }) }),
    h('div', { class: 'pager' },
      h('span', { class: 'muted' }, `共 ${count(list.total)} 个${PARTY_LABELS[party]} · 第 ${list.page} / ${pages} 页`),
      h('button', { class: 'btn btn-sm', type: 'button', disabled: list.page <= 1, onclick: () => nav({ page: list.page - 1 }) }, '‹ 上一页'),
      h('button', { class: 'btn btn-sm', type: 'button', disabled: list.page >= pages, onclick: () => nav({ page: list.page + 1 }) }, '下一页 ›')),
    ...(ctx.me.district ? [h('p', { class: 'muted small' }, `您的账号限于${ctx.me.district}：只计该区镇的标段，以单位本身为对象的指标不显示。`)] : []),
  ]);
}

function detectorChips(d: Record<string, number>): DomElement {
  const entries = Object.entries(d).sort((a, b) => b[1] - a[1]);
  return entries.length
    ? h('span', { class: 'det-chips' }, entries.map(([code, n]) => h('span', { class: 'chip' }, detectorTag(code), ` × ${n}`)))
    : h('span', { class: 'muted' }, '无');
}

/** The party's own indicator flags: one line each, opening to the full card with its numbers and thresholds. */
function ownFlags(r: PartyRow): DomElement {
  if (!r.ownFlags.length) return h('span', { class: 'muted' }, '—');
  return h('div', { class: 'own-flags' }, r.ownFlags.map((f) =>
    h('details', { class: 'own-flag' },
      h('summary', null, detectorTag(f.detector), ' ', severityBadge(f.severity)),
      flagCard(asCaseFlag(f), true))));
}
