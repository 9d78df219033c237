import { api } from './api.js';
import { attendanceView } from './attendance.js';
import { actionsPanel, history, loadAssignees, noteForm, trailCheck, type ActionDeps, type CaseAudience } from './case-actions.js';
import { LAST_LIST, type PageContext } from './context.js';
import { h, win, type Child, type DomElement, type FormControl } from './dom.js';
import { flagList } from './evidence.js';
import { count, dateTime, pct, ref, shortFirm } from './format.js';
import { RING_SCORE_HELP } from './help.js';
import { glossed } from './i18n.js';
import { KIND_LABELS, type CaseKind } from './labels.js';
import { ringEdgesTable, ringGraph } from './ring-graph.js';
import { fetchTender, tenderBlock } from './tender-view.js';
import type { CaseDetail, CaseEvent, CaseFlag, RingGraph } from './types.js';
import { detectorTag, errorBox, kindChip, loading, pageHeader, priorityBadge, section, statusBadge, table, tenderLink } from './ui.js';

/** The tenders a case is about, in the order an inspector would look at them. */
export function tendersOf(c: CaseDetail): string[] {
  const out: string[] = [];
  const add = (x: unknown) => {
    if (typeof x === 'string' && x && !out.includes(x)) out.push(x);
  };
  if (c.subject_type === 'bid') add(c.subject_id.split('/')[0]);
  if (c.subject_type === 'contract' || c.subject_type === 'tender') add(c.subject_id);
  for (const f of c.evidence.flags ?? []) {
    add(f.tenderCode);
    const ts = f.evidence.tenders;
    if (Array.isArray(ts)) ts.forEach(add);
  }
  for (const t of c.evidence.ring?.tenders ?? []) add(t);
  return out;
}

/** One tab per tender when a case concerns several (a PM on two sites, a ring's tenders). */
function tenderTabs(codes: string[], render: (code: string, box: DomElement) => Promise<void>, label = '标段', marks?: (code: string) => string): DomElement {
  const box = h('div', { class: 'tab-panel' });
  const bar = h('div', { class: 'subtabs', role: 'tablist', 'aria-label': label });
  const pick = (code: string) => {
    for (const b of Array.from(bar.querySelectorAll('button'))) {
      const on = b.getAttribute('data-code') === code;
      b.classList.toggle('active', on);
      b.setAttribute('aria-selected', on ? 'true' : 'false');
    }
    box.replaceChildren(loading());
    render(code, box).catch((e) => box.replaceChildren(errorBox(e)));
  };
  if (codes.length > 6) {
    const select = h('select', { id: `pick-${label}`, 'aria-label': `选择${label}`, onchange: (e) => pick((e.currentTarget as FormControl).value) },
      codes.map((code, i) => h('option', { value: code }, `${i + 1}. ${code}${marks?.(code) ?? ''}`))) as FormControl;
    const step = (d: number) => {
      const i = Math.max(0, Math.min(codes.length - 1, codes.indexOf(select.value) + d));
      select.value = codes[i]!;
      pick(codes[i]!);
    };
    if (codes[0]) pick(codes[0]);
    return h('div', null,
      h('div', { class: 'picker' }, h('label', { for: `pick-${label}` }, `${label}（共 ${codes.length} 个）`), select,
        h('button', { class: 'btn btn-sm', type: 'button', onclick: () => step(-1), 'aria-label': `上一个${label}` }, '‹'),
        h('button', { class: 'btn btn-sm', type: 'button', onclick: () => step(1), 'aria-label': `下一个${label}` }, '›')),
      box);
  }
  for (const code of codes) bar.append(h('button', { type: 'button', role: 'tab', class: 'subtab mono', 'data-code': code, onclick: () => pick(code) }, code, marks?.(code) ?? ''));
  if (codes[0]) pick(codes[0]);
  return h('div', null, codes.length > 1 ? bar : null, box);
}

async function subjectSections(ctx: PageContext, c: CaseDetail): Promise<{ before: DomElement[]; after: DomElement[] }> {
  const kind = c.kind as CaseKind;
  const codes = tendersOf(c);
  const flagged = new Set((c.evidence.flags ?? []).map((f) => f.bidderUscc).filter((x): x is string => !!x));
  const before: DomElement[] = [];
  const out: DomElement[] = [];
  if (kind === 'rigging' && c.evidence.ring) before.push(ringSection(c));
  if (kind === 'site_check') {
    before.push(section('现场考勤（实名制）', tenderTabs(codes, async (code, box) => {
      const v = await attendanceView(ctx, code);
      if (ctx.alive()) box.replaceChildren(v);
    }), { id: 'attendance' }));
  }
  const tenderTitle = kind === 'post_award' ? '标段、合同与投标' : kind === 'rigging' ? '团伙标段的投标' : '标段与投标';
  const linked = new Set((c.evidence.flags ?? []).filter((f) => f.detector === 'A40').map((f) => f.tenderCode));
  const shown = kind === 'rigging' ? ringTendersFirst(codes, linked) : codes;
  out.push(section(tenderTitle, shown.length
    ? tenderTabs(shown, async (code, box) => {
      const t = await fetchTender(code);
      if (ctx.alive()) box.replaceChildren(tenderBlock(t, flagged));
    }, '标段', (code) => (linked.has(code) ? ' · 第四十条关联' : ''))
    : h('div', { class: 'empty' }, '本案没有关联标段。'), { id: 'tender' }));
  return { before, after: out };
}

/** A ring's tenders with 第四十条 links first: those are where the bid files should be compared. */
function ringTendersFirst(codes: string[], linked: ReadonlySet<string | null>): string[] {
  return [...codes].sort((a, b) => Number(linked.has(b)) - Number(linked.has(a)));
}

function ringSection(c: CaseDetail): DomElement {
  const ring = c.evidence.ring!;
  const body = h('div', { class: 'ring' }, loading('正在绘制共同投标关系图…'));
  void api<RingGraph>(`/api/rings/${ring.id}/graph`).then(
    (g) => {
      body.replaceChildren(
        ringGraph(g),
        h('h3', null, '成员'),
        table([
          { label: '企业', cell: (n) => h('span', { title: n.name ?? '' }, shortFirm(n.name, n.uscc)) },
          { label: '信用代码', cell: (n) => h('span', { class: 'mono' }, n.uscc) },
          { label: '投标', class: 'num', cell: (n) => count(n.bids) },
          { label: '中标', class: 'num', cell: (n) => count(n.wins) },
          { label: '团伙标段内中标', class: 'num', cell: (n) => (n.ringWins === null ? '—' : count(n.ringWins)) },
        ], g.nodes, { class: 'dense' }),
        h('h3', null, '成员之间'),
        ringEdgesTable(g));
    },
    (e) => body.replaceChildren(errorBox(e, '关系图不可用'), h('p', { class: 'lead' }, glossed(ring.explanation)),
      h('p', null, '成员：', ring.members.map((m) => h('span', { class: 'mono chip' }, m)))),
  );
  return section(h('span', null, '团伙共同投标关系图', h('span', { class: 'muted small' }, ' · ', h('span', { class: 'has-help', title: RING_SCORE_HELP, 'data-testid': 'ring-score' }, `关联分 ${pct(ring.score, 0)}`), ` · ${ring.members.length} 家 · ${ring.tenders.length} 个标段`)), body, { id: 'ring' });
}

function flagsSection(flags: CaseFlag[]): DomElement {
  return section(`标记（${flags.length}）`, flags.length ? flagList(flags) : h('div', { class: 'empty' }, '没有标记。'), { id: 'flags' });
}

function subjectLabel(c: CaseDetail): Child {
  switch (c.subject_type) {
    case 'bid': {
      const [code, uscc] = c.subject_id.split('/');
      return h('span', null, '投标：', tenderLink(code), ' · ', h('span', { class: 'mono' }, uscc ?? ''));
    }
    case 'contract':
      return h('span', null, '合同：', tenderLink(c.subject_id));
    case 'tender':
      return h('span', null, '标段：', tenderLink(c.subject_id));
    case 'person':
      return h('span', null, '人员：', h('span', { class: 'mono' }, ref(c.subject_id)));
    case 'ring':
      return h('span', null, '团伙：', h('span', { class: 'mono' }, ref(c.subject_id)));
    default:
      return `${c.subject_type}：${c.subject_id}`;
  }
}

export async function casePage(ctx: PageContext): Promise<void> {
  const { main, me } = ctx;
  const id = Number(ctx.path[1]);
  const back = win.sessionStorage.getItem(LAST_LIST) ?? '#/cases';
  main.replaceChildren(loading());
  const audienceOf = () => api<CaseAudience>(`/api/cases/${id}/audience`).catch(() => null);
  const [c0, ev0, assignees, au0] = await Promise.all([
    api<CaseDetail>(`/api/cases/${id}`),
    api<CaseEvent[]>(`/api/cases/${id}/events`),
    loadAssignees(me),
    audienceOf(),
  ]);
  if (!ctx.alive()) return;
  let c = c0;
  const head = h('div');
  const side = h('aside', { class: 'case-side', 'aria-label': '处理与审计记录' });
  const mainCol = h('div', { class: 'case-main' });
  main.replaceChildren(
    h('nav', { class: 'crumbs', 'aria-label': '位置' }, h('a', { href: back }, '案件'), ' › ', `#${id}`),
    head,
    h('div', { class: 'case-layout' }, mainCol, side));

  const deps: ActionDeps = { me, assignees, refresh };
  function drawHead(): void {
    head.replaceChildren(pageHeader(c.title,
      h('div', { class: 'meta' },
        priorityBadge(c.priority), kindChip(c.kind), statusBadge(c.status),
        h('span', null, subjectLabel(c)),
        c.district ? h('span', null, `区镇：${c.district}`) : null,
        h('span', null, (c.detectors ?? []).map(detectorTag)),
        h('span', { class: 'muted' }, `立案 ${dateTime(c.created_at)} · 更新 ${dateTime(c.updated_at)}`))));
  }
  function drawSide(events: CaseEvent[], audience: CaseAudience | null): void {
    const nf = noteForm(c, me, refresh);
    side.replaceChildren(
      section('处理', actionsPanel(c, deps), { id: 'actions' }),
      nf ? section('备注', nf, { id: 'notes' }) : h('span'),
      section(`审计记录（${events.length}）`, history(events, audience), { id: 'history', class: 'history-card', actions: trailCheck(id) }));
  }
  async function refresh(): Promise<void> {
    const [c1, ev, au] = await Promise.all([api<CaseDetail>(`/api/cases/${id}`), api<CaseEvent[]>(`/api/cases/${id}/events`), audienceOf()]);
    if (!ctx.alive()) return;
    c = c1;
    drawHead();
    drawSide(ev, au);
  }
  drawHead();
  drawSide(ev0, au0);
  const subject = await subjectSections(ctx, c);
  if (!ctx.alive()) return;
  mainCol.append(
    section('概要', h('div', null,
      h('p', { class: 'lead' }, glossed(c.evidence.summary) ?? '—'),
      h('p', { class: 'muted small' }, `${KIND_LABELS[c.kind as CaseKind] ?? c.kind}：标记是核查线索，不是定性结论。每条标记附有数据、阈值和依据。`)), { id: 'summary' }),
    ...subject.before,
    flagsSection(c.evidence.flags ?? []),
    ...subject.after);

  ctx.onKey((e) => {
    if (e.key === 'Escape' && !e.ctrlKey) {
      win.location.hash = back;
      return true;
    }
    if (e.key === 'n' && !e.ctrlKey && !e.metaKey) {
      const t = side.querySelector('#note-text');
      if (t) {
        t.focus();
        return true;
      }
    }
    return false;
  });
}
