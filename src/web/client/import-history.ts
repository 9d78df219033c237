import { api, qs } from './api.js';
import type { PageContext } from './context.js';
import { h, type DomElement } from './dom.js';
import { count, dateTime } from './format.js';
import { IMPORT_KIND_LABELS } from './labels.js';
import { importOutcome, type ImportOutcome } from './import-rejects.js';
import { empty, errorBox, loading, section, table } from './ui.js';

/**
 * The import history (GET /api/imports, newest first): a data clerk sees their own imports, supervisors, auditors
 * and admins everyone's. Each row opens the import's result.
 */

export interface ImportListItem {
  importId: number;
  kind: string;
  format: string;
  fileName: string | null;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  rowsRead: number;
  accepted: number | null;
  rejected: number | null;
  unchanged: number | null;
  errorsTotal: number | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  createdByName: string | null;
}

interface ImportList {
  total: number;
  page: number;
  pageSize: number;
  items: ImportListItem[];
}

const PAGE_SIZE = 20;

export function importHistory(ctx: PageContext, current: number | null): DomElement {
  const body = h('div', { 'data-testid': 'import-history' }, loading());
  const load = async (page: number): Promise<void> => {
    try {
      const list = await api<ImportList>(`/api/imports${qs({ page, page_size: PAGE_SIZE })}`);
      if (!ctx.alive()) return;
      body.replaceChildren(draw(list, current, load));
    } catch (e) {
      if (ctx.alive()) body.replaceChildren(errorBox(e, '无法读取导入记录'));
    }
  };
  void load(1);
  const scope = ctx.me.role === 'importer' ? '您的导入' : '全部导入';
  return section(`导入记录（${scope}，最新的在前）`, body, { id: 'history' });
}

function draw(list: ImportList, current: number | null, load: (page: number) => Promise<void>): DomElement {
  if (!list.items.length) return empty('还没有导入记录。');
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  return h('div', null,
    table<ImportListItem>([
      { label: '编号', cell: (r) => h('a', { href: `#/imports/${r.importId}`, class: 'mono' }, `#${r.importId}`) },
      { label: '时间', cell: (r) => dateTime(r.createdAt) },
      { label: '类型', cell: (r) => IMPORT_KIND_LABELS[r.kind] ?? r.kind },
      { label: '文件', cell: (r) => h('span', { class: 'file', title: r.fileName ?? '' }, r.fileName ?? '—') },
      { label: '录入人', cell: (r) => r.createdByName ?? '—' },
      { label: '结果', cell: (r) => outcomeBadge(r) },
      { label: '读取', class: 'num', cell: (r) => count(r.rowsRead) },
      { label: '写入', class: 'num', cell: (r) => count(r.accepted) },
      { label: '拒绝', class: 'num', cell: (r) => h('span', { class: (r.rejected ?? 0) > 0 ? 'text-bad' : '' }, count(r.rejected)) },
    ], list.items, {
      class: 'dense imports-history',
      rowAttrs: (r) => ({ 'data-id': String(r.importId), class: r.importId === current ? 'selected' : null }),
    }),
    h('div', { class: 'pager' },
      h('span', { class: 'muted' }, `共 ${count(list.total)} 次导入 · 第 ${list.page} / ${pages} 页`),
      h('button', { class: 'btn btn-sm', type: 'button', disabled: list.page <= 1, onclick: () => void load(list.page - 1) }, '‹ 上一页'),
      h('button', { class: 'btn btn-sm', type: 'button', disabled: list.page >= pages, onclick: () => void load(list.page + 1) }, '下一页 ›')));
}

/** The badge of an import: a partial import is not shown as done, an import that took nothing in is shown as such. */
export function outcomeBadge(s: { status: string; accepted?: number | null; unchanged?: number | null; rejected?: number | null }): DomElement {
  const o = importOutcome(s);
  const imported = (s.accepted ?? 0) + (s.unchanged ?? 0);
  const text = o === 'partial' ? `部分导入：${count(imported)} 行已导入，${count(s.rejected ?? 0)} 行被拒`
    : o === 'none' ? `未导入：${count(s.rejected ?? 0)} 行全部被拒`
    : OUTCOME_LABELS[o];
  return h('span', { class: `badge imp-${o}`, 'data-testid': 'import-status', 'data-status': s.status, 'data-outcome': o }, text);
}

const OUTCOME_LABELS: Record<ImportOutcome, string> = {
  queued: '排队中', running: '导入中', complete: '已完成：全部行已导入', partial: '部分导入', none: '未导入', failed: '失败：文件未导入',
};
