import { api, post, qs } from './api.js';
import { LAST_LIST, type PageContext } from './context.js';
import { control, h, win, type DomElement, type DomKeyEvent, type FormControl } from './dom.js';
import { day, daysUntil } from './format.js';
import { CASE_KINDS, CASE_STATUSES, KIND_LABELS, PRIORITY_LABELS, STATUS_LABELS } from './labels.js';
import { whyEmpty } from './empty-console.js';
import type { CaseList, CaseRow } from './types.js';
import { detectorTag, empty, errorBox, errorText, kindChip, loading, pageHeader, priorityBadge, statusBadge, toast } from './ui.js';

/** The filters of the case list, as they appear in the URL (#/cases?status=open&kind=…). */
interface Filters {
  status: string;
  kind: string;
  district: string;
  priority: string;
  assignee: string;
  due_before: string;
  q: string;
  sort: string;
  page: number;
  page_size: number;
}

const DEFAULTS: Filters = { status: 'open', kind: '', district: '', priority: '', assignee: '', due_before: '', q: '', sort: 'priority', page: 1, page_size: 50 };

function readFilters(q: URLSearchParams): Filters {
  const f = { ...DEFAULTS };
  for (const k of Object.keys(DEFAULTS) as (keyof Filters)[]) {
    const v = q.get(k);
    if (v === null) continue;
    if (k === 'page' || k === 'page_size') f[k] = Math.max(1, Number(v) || DEFAULTS[k]);
    else f[k] = v;
  }
  return f;
}

function urlOf(f: Filters): string {
  const changed: Record<string, string | number> = {};
  for (const k of Object.keys(DEFAULTS) as (keyof Filters)[]) if (f[k] !== DEFAULTS[k]) changed[k] = f[k];
  return `#/cases${qs(changed)}`;
}

function apiQuery(f: Filters): string {
  return qs({
    status: f.status === 'all' ? '' : f.status,
    kind: f.kind, district: f.district, priority: f.priority, assignee: f.assignee, due_before: f.due_before, q: f.q.trim(),
    sort: f.sort, page: f.page, page_size: f.page_size,
  });
}

const OPEN_STATUSES = ['new', 'triaged', 'assigned', 'investigating'];

export async function casesPage(ctx: PageContext): Promise<void> {
  const { me, main } = ctx;
  const f = readFilters(ctx.query);
  const [districts, assignees] = await Promise.all([
    api<{ district: string; tenders: number }[]>('/api/districts').catch(() => []),
    me.can.assignOthers ? api<{ id: number; name: string; role: string; district: string | null }[]>('/api/assignees').catch(() => []) : Promise.resolve([]),
  ]);
  if (!ctx.alive()) return;

  const tabs = h('div', { class: 'tabs', role: 'tablist', 'aria-label': '按状态筛选', 'data-testid': 'status-tabs' });
  const results = h('div', { class: 'results', 'data-testid': 'case-results' }, loading());
  const option = (value: string, label: string, selected: string) => h('option', { value, selected: value === selected }, label);

  const filterBar = h('form', { class: 'filters', role: 'search', 'aria-label': '案件筛选', onsubmit: (e) => { e.preventDefault(); apply(); } },
    h('label', { class: 'field field-grow' }, h('span', null, '搜索'),
      h('input', { id: 'f-q', name: 'q', type: 'search', value: f.q, placeholder: '标题、标段编号、企业信用代码…（/）', autocomplete: 'off' })),
    h('label', { class: 'field' }, h('span', null, '类型'),
      h('select', { id: 'f-kind', name: 'kind' }, option('', '全部类型', f.kind), CASE_KINDS.map((k) => option(k, KIND_LABELS[k], f.kind)))),
    h('label', { class: 'field' }, h('span', null, '区镇'),
      me.district && me.role === 'inspector'
        ? h('select', { id: 'f-district', name: 'district', disabled: true, title: '检查员只能查看本辖区案件' }, option('', me.district, ''))
        : h('select', { id: 'f-district', name: 'district' }, option('', '全部区镇', f.district), districts.map((d) => option(d.district, d.district, f.district)))),
    h('label', { class: 'field field-sm' }, h('span', null, '优先级'),
      h('select', { id: 'f-priority', name: 'priority' }, option('', '全部', f.priority), [1, 2, 3, 4, 5].map((p) => option(String(p), `P${p} ${PRIORITY_LABELS[p]}`, f.priority)))),
    h('label', { class: 'field' }, h('span', null, '承办人'),
      h('select', { id: 'f-assignee', name: 'assignee' }, option('', '全部', f.assignee), option('me', '我的案件', f.assignee), option('none', '未指派', f.assignee),
        assignees.filter((a) => a.id !== me.id).map((a) => option(String(a.id), `${a.name}${a.district ? `（${a.district}）` : ''}`, f.assignee)))),
    h('label', { class: 'field field-date' }, h('span', null, '截止早于'),
      h('input', { id: 'f-due', name: 'due_before', type: 'date', value: f.due_before })),
    h('label', { class: 'field' }, h('span', null, '排序'),
      h('select', { id: 'f-sort', name: 'sort' }, option('priority', '优先级', f.sort), option('due', '截止日期', f.sort), option('updated', '最近更新', f.sort), option('created', '最近立案', f.sort))),
    h('div', { class: 'field field-buttons' },
      h('button', { class: 'btn btn-primary', type: 'submit' }, '筛选'),
      h('button', { class: 'btn btn-ghost', type: 'button', onclick: () => { Object.assign(f, DEFAULTS); syncControls(); void load(); } }, '清除')));

  main.replaceChildren(
    pageHeader('案件', me.role === 'inspector' && me.district ? `本辖区：${me.district}` : me.role === 'auditor' ? '审计只读视图' : '全部区镇'),
    tabs, filterBar, results);

  const fields: (keyof Filters)[] = ['kind', 'district', 'priority', 'assignee', 'due_before', 'sort'];
  const ids: Record<string, string> = { kind: 'f-kind', district: 'f-district', priority: 'f-priority', assignee: 'f-assignee', due_before: 'f-due', sort: 'f-sort', q: 'f-q' };
  function syncControls(): void {
    for (const k of [...fields, 'q' as const]) {
      const el = control(`#${ids[k]}`, main);
      if (!el.disabled) el.value = String(f[k]);
    }
  }
  function apply(): void {
    for (const k of [...fields, 'q' as const]) {
      const el = control(`#${ids[k]}`, main);
      if (!el.disabled) (f as unknown as Record<string, string>)[k] = el.value;
    }
    f.page = 1;
    void load();
  }
  for (const k of fields) control(`#${ids[k]}`, main).addEventListener('change', apply);

  let rows: CaseRow[] = [];
  let selected = -1;
  let lastTotalPages = 1;

  function select(i: number): void {
    const trs = results.querySelectorAll('tbody tr');
    if (!trs.length) return;
    selected = Math.max(0, Math.min(trs.length - 1, i));
    for (let j = 0; j < trs.length; j++) trs[j]!.classList.toggle('selected', j === selected);
    trs[selected]!.scrollIntoView({ block: 'nearest' });
  }

  async function claim(row: CaseRow, button?: FormControl): Promise<void> {
    if (button) button.disabled = true;
    try {
      await post(`/api/cases/${row.id}/claim`);
      toast(`已认领案件 #${row.id}`, 'ok');
      await load(false);
    } catch (e) {
      toast(`认领失败：${errorText(e)}`, 'error');
      if (button) button.disabled = false;
      await load(false);
    }
  }

  const claimable = (r: CaseRow) => me.can.workCases && r.assignee_id === null && (r.status === 'new' || r.status === 'triaged');

  function drawTabs(list: CaseList): void {
    const c = list.countsByStatus;
    const open = OPEN_STATUSES.reduce((s, k) => s + (c[k] ?? 0), 0);
    const all = Object.values(c).reduce((s, n) => s + n, 0);
    const entries: [string, string, number][] = [
      ['open', '未结', open],
      ...CASE_STATUSES.map((s) => [s, STATUS_LABELS[s], c[s] ?? 0] as [string, string, number]),
      ['all', '全部', all],
    ];
    tabs.replaceChildren(...entries.map(([k, label, n]) =>
      h('button', { type: 'button', role: 'tab', class: `tab ${f.status === k ? 'active' : ''} ${k.startsWith('closed') ? 'tab-closed' : ''}`, 'aria-selected': f.status === k ? 'true' : 'false', 'data-status': k,
        onclick: () => { f.status = k; f.page = 1; void load(); } },
        h('span', { class: `dot st-${k}` }), label, h('span', { class: 'count' }, String(n)))));
  }

  function dueCell(r: CaseRow): DomElement | string {
    if (!r.due_at) return '—';
    const d = daysUntil(r.due_at);
    const closed = r.status.startsWith('closed');
    const late = !closed && d !== null && d < 0;
    return h('span', { class: late ? 'due due-late' : !closed && d !== null && d <= 3 ? 'due due-soon' : 'due' },
      day(r.due_at), !closed && d !== null ? h('small', null, late ? `逾期 ${-d} 天` : d === 0 ? '今天到期' : `剩 ${d} 天`) : null);
  }

  function drawTable(list: CaseList): void {
    rows = list.items;
    selected = -1;
    const totalPages = Math.max(1, Math.ceil(list.total / list.pageSize));
    lastTotalPages = totalPages;
    const body = rows.map((r, i) =>
      h('tr', { 'data-id': String(r.id), class: r.overdue ? 'overdue' : null, onclick: (e) => { if (!(e.target && e.target.closest('a,button'))) select(i); }, ondblclick: () => { win.location.hash = `#/cases/${r.id}`; } },
        h('td', { class: 'c-prio' }, priorityBadge(r.priority)),
        h('td', { class: 'c-id mono' }, `#${r.id}`),
        h('td', { class: 'c-title' }, h('a', { href: `#/cases/${r.id}`, class: 'case-link' }, r.title),
          h('div', { class: 'sub' }, kindChip(r.kind), (r.detectors ?? []).map(detectorTag))),
        h('td', null, r.district ?? '—'),
        h('td', null, statusBadge(r.status), r.outcome && r.status.startsWith('closed') ? h('div', { class: 'sub muted' }, r.outcome) : null),
        h('td', null, r.assignee_name ?? h('span', { class: 'muted' }, '未指派')),
        h('td', { class: 'c-due' }, dueCell(r)),
        h('td', { class: 'c-upd muted' }, day(r.updated_at)),
        h('td', { class: 'c-act' }, claimable(r)
          ? h('button', { class: 'btn btn-sm btn-claim', type: 'button', 'data-claim': String(r.id), onclick: (e) => void claim(r, e.currentTarget as FormControl) }, '认领')
          : null)));
    const pager = h('div', { class: 'pager' },
      h('span', { class: 'muted', 'data-testid': 'case-total' }, `共 ${list.total} 件 · 第 ${list.page} / ${totalPages} 页`),
      h('label', { class: 'inline' }, '每页',
        h('select', { id: 'f-page-size', onchange: (e) => { f.page_size = Number((e.currentTarget as FormControl).value); f.page = 1; void load(); } },
          [25, 50, 100, 200].map((n) => h('option', { value: String(n), selected: n === f.page_size }, String(n))))),
      h('button', { class: 'btn btn-sm', type: 'button', disabled: list.page <= 1, onclick: () => { f.page--; void load(); }, 'aria-label': '上一页' }, '‹ 上一页'),
      h('button', { class: 'btn btn-sm', type: 'button', disabled: list.page >= totalPages, onclick: () => { f.page++; void load(); }, 'aria-label': '下一页' }, '下一页 ›'));
    results.replaceChildren(
      rows.length
        ? h('div', { class: 'table-wrap' },
          h('table', { class: 'grid cases', 'aria-label': '案件列表' },
            h('thead', null, h('tr', null, [['优先级', 'c-prio'], ['编号', 'c-id'], ['案件', 'c-title'], ['区镇', ''], ['状态', ''], ['承办人', ''], ['截止', 'c-due'], ['更新', 'c-upd'], ['', 'c-act']].map(([t, c]) => h('th', { scope: 'col', class: c || null }, t)))),
            h('tbody', null, body)))
        : empty(list.total === 0 ? '没有符合条件的案件。' : '本页没有案件。'),
      pager);
  }

  let loads = 0;
  async function load(showSpinner = true): Promise<void> {
    const seq = ++loads;
    win.history.replaceState(null, '', urlOf(f));
    win.sessionStorage.setItem(LAST_LIST, urlOf(f));
    if (showSpinner) results.classList.add('busy');
    try {
      const list = await api<CaseList>(`/api/cases${apiQuery(f)}`);
      // A later filter change has its own request in flight: only the newest answer draws.
      if (!ctx.alive() || seq !== loads) return;
      if (list.items.length === 0 && f.page > 1 && list.total > 0) {
        f.page = Math.ceil(list.total / f.page_size);
        return load(showSpinner);
      }
      drawTabs(list);
      drawTable(list);
      if (Object.values(list.countsByStatus).every((n) => !n)) {
        // No case at all in scope: say why (no data, no detection yet) instead of an empty table.
        const why = await whyEmpty(me.role === 'inspector' ? me.district : null);
        if (why && ctx.alive() && seq === loads) results.prepend(why);
      }
    } catch (e) {
      if (ctx.alive()) results.replaceChildren(errorBox(e));
    } finally {
      if (seq === loads) results.classList.remove('busy');
    }
  }

  ctx.onKey((e: DomKeyEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return false;
    switch (e.key) {
      case '/':
        control('#f-q', main).focus();
        return true;
      case 'j':
      case 'ArrowDown':
        select(selected + 1);
        return true;
      case 'k':
      case 'ArrowUp':
        select(selected - 1);
        return true;
      case 'Enter':
      case 'o':
        if (selected >= 0 && rows[selected]) {
          win.location.hash = `#/cases/${rows[selected]!.id}`;
          return true;
        }
        return false;
      case 'x':
        if (selected >= 0 && rows[selected] && claimable(rows[selected]!)) {
          void claim(rows[selected]!);
          return true;
        }
        return false;
      case '[':
        if (f.page > 1) {
          f.page--;
          void load();
        }
        return true;
      case ']':
        if (f.page < lastTotalPages) {
          f.page++;
          void load();
        }
        return true;
      default:
        return false;
    }
  });

  await load();
}
