import { ApiError } from './api.js';
import { h, win, type Child, type DomElement } from './dom.js';
import { pct } from './format.js';
import { flagScoreHelp } from './help.js';
import { en, glossed } from './i18n.js';
import { DETECTOR_LABELS, KIND_LABELS, PRIORITY_LABELS, SEVERITY_LABELS, STATUS_LABELS, type CaseKind, type CaseStatus } from './labels.js';

/** Small building blocks shared by the pages. */

export function toast(message: string, kind: 'ok' | 'error' | 'info' = 'info'): void {
  const box = win.document.getElementById('toasts');
  if (!box) return;
  const t = h('div', { class: `toast toast-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, message);
  box.append(t);
  setTimeout(() => t.classList.add('toast-out'), kind === 'error' ? 6000 : 3200);
  setTimeout(() => t.remove(), kind === 'error' ? 6400 : 3600);
}

export function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  return e instanceof Error ? e.message : String(e);
}

export function errorBox(e: unknown, title = '加载失败'): DomElement {
  return h('div', { class: 'alert alert-error', role: 'alert' }, h('strong', null, title), ' ', glossed(errorText(e)));
}

export function loading(text = '正在加载…'): DomElement {
  return h('div', { class: 'loading', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), text);
}

export function empty(text: string): DomElement {
  return h('div', { class: 'empty' }, text);
}

export function statusBadge(status: string): DomElement {
  return h('span', { class: `badge st-${status}` }, STATUS_LABELS[status as CaseStatus] ?? status);
}

export function kindChip(kind: string): DomElement {
  return h('span', { class: `chip kind-${kind}` }, KIND_LABELS[kind as CaseKind] ?? kind);
}

export function priorityBadge(p: number): DomElement {
  return h('span', { class: `prio prio-${p}`, title: `优先级 ${p}（${PRIORITY_LABELS[p] ?? ''}）` }, `P${p}`);
}

export function severityBadge(sev: string): DomElement {
  return h('span', { class: `sev sev-${sev}` }, SEVERITY_LABELS[sev] ?? sev);
}

/** A detector by its Chinese name; its code (ALB, A40…) in the tooltip and behind the language switch. */
export function detectorTag(code: string): DomElement {
  return h('span', { class: 'det', title: `检测器 ${code}：${DETECTOR_LABELS[code] ?? code}`, 'data-code': code }, DETECTOR_LABELS[code] ?? code, en(code));
}

/** A 0–1 score as a short bar with its value; the tooltip says what the score means. */
export function scoreBar(score: number, detector?: string): DomElement {
  const w = Math.max(0, Math.min(1, score));
  const bar = h('span', { class: 'score-fill' });
  bar.style.setProperty('width', `${Math.round(w * 100)}%`);
  return h('span', { class: `score ${w >= 0.8 ? 'score-high' : w >= 0.5 ? 'score-mid' : 'score-low'}`, title: detector ? flagScoreHelp(detector, score) : `得分 ${score.toFixed(4)}` },
    h('span', { class: 'score-track' }, bar), h('span', { class: 'score-num' }, score.toFixed(2)));
}

export function section(title: Child, body: Child, opts: { id?: string; actions?: Child; class?: string } = {}): DomElement {
  return h('section', { class: `card ${opts.class ?? ''}`, id: opts.id ?? null },
    h('header', { class: 'card-head' }, h('h2', null, title), opts.actions ? h('div', { class: 'card-actions' }, opts.actions) : null),
    h('div', { class: 'card-body' }, body));
}

/** A definition grid: label/value pairs, dense. */
export function facts(pairs: [string, Child][]): DomElement {
  return h('dl', { class: 'facts' }, pairs.map(([k, v]) => [h('dt', null, k), h('dd', null, v ?? '—')]));
}

export interface Column<T> {
  label: string;
  cell: (row: T, i: number) => Child;
  class?: string;
  title?: string;
}

export function table<T>(columns: Column<T>[], rows: T[], opts: { class?: string; rowAttrs?: (row: T, i: number) => Record<string, string | null> } = {}): DomElement {
  return h('div', { class: 'table-wrap' },
    h('table', { class: `grid ${opts.class ?? ''}` },
      h('thead', null, h('tr', null, columns.map((c) => h('th', { class: c.class ?? null, title: c.title ?? null, scope: 'col' }, c.label)))),
      h('tbody', null, rows.map((r, i) => {
        const tr = h('tr', opts.rowAttrs?.(r, i) ?? null, columns.map((c) => h('td', { class: c.class ?? null }, c.cell(r, i))));
        return tr;
      }))));
}

export function link(href: string, text: Child, attrs: Record<string, string> = {}): DomElement {
  return h('a', { href, ...attrs }, text);
}

export function tenderLink(code: string | null | undefined): Child {
  return code ? link(`#/tenders/${encodeURIComponent(code)}`, code, { class: 'mono' }) : '—';
}

export function sharePill(x: number | null, warn = false): DomElement {
  return h('span', { class: `pill ${warn ? 'pill-warn' : ''}` }, pct(x, 1));
}

/** Sets the page title and the h1 of the main area. */
export function pageHeader(title: string, sub?: Child, actions?: Child): DomElement {
  win.document.title = `${title} · bidwatch 检查员控制台`;
  return h('div', { class: 'page-head' },
    h('div', null, h('h1', null, title), sub ? h('div', { class: 'page-sub' }, sub) : null),
    actions ? h('div', { class: 'page-actions' }, actions) : null);
}
