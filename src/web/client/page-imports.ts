import { api, ApiError, download, qs, session } from './api.js';
import { go, type PageContext } from './context.js';
import { control, h, win, type DomElement, type DomFile, type FormControl } from './dom.js';
import { count, dateTime } from './format.js';
import { CATEGORY_LABELS, EVALUATION_METHOD_LABELS, first, IMPORT_KIND_LABELS, TENDER_METHOD_LABELS, WORK_TYPE_LABELS } from './labels.js';
import { glossed } from './i18n.js';
import { importHistory, outcomeBadge } from './import-history.js';
import { groupRejects, type RejectGroup, type RejectRow } from './import-rejects.js';
import type { ImportSummary } from './types.js';
import { empty, errorBox, errorText, facts, pageHeader, section, table, toast } from './ui.js';

/** Import page for data clerks: upload a file, watch the import run, read every rejected row with its reason. */

const LAST_KIND = 'bidwatch.importKind';
const REQUIRED: Record<string, string> = {
  bids: 'tender_code, project_name, district, category, work_type, tender_method, evaluation_method, control_price, open_date, bidder_uscc, bidder_name, bid_price',
  contracts: 'tender_code, winner_uscc, contract_price, contract_date',
  attendance: 'tender_code, person_id, role, employer_uscc, work_date, present',
};

/**
 * Every rejected row as CSV, from the server: it streams the whole list (the summary carries only the first 100),
 * with a BOM for Excel and formula-safe cells (a rejected cell may hold anything the file did).
 */
function saveRejects(s: ImportSummary): void {
  void download(`/api/imports/${s.importId}/errors?format=csv`, `import-${s.importId}-rejected.csv`).catch((e) => toast(`下载失败：${errorText(e)}`, 'error'));
}

function uploadForm(ctx: PageContext, onQueued: (id: number) => void): DomElement {
  let file: DomFile | null = null;
  const fileLabel = h('span', { class: 'file-name muted' }, '尚未选择文件');
  const input = h('input', { id: 'import-file', type: 'file', accept: '.csv,.txt,.json,.jsonl,.ndjson', class: 'visually-hidden' }) as FormControl;
  const hint = h('p', { class: 'muted small', id: 'kind-hint' });
  const msg = h('div', { class: 'form-error', role: 'alert', hidden: true });
  const ocds = h('details', { class: 'ocds-defaults' },
    h('summary', null, 'OCDS JSON 的默认值（文件中没有这些字段时使用）'),
    h('div', { class: 'form-grid' },
      h('label', null, '区镇', h('input', { id: 'o-district', type: 'text', placeholder: '如：玉山镇' })),
      h('label', null, '类别', h('select', { id: 'o-category' }, h('option', { value: '' }, '—'), Object.entries(CATEGORY_LABELS).map(([k, v]) => h('option', { value: k }, first(v))))),
      h('label', null, '工程类型', h('select', { id: 'o-work_type' }, h('option', { value: '' }, '—'), Object.entries(WORK_TYPE_LABELS).map(([k, v]) => h('option', { value: k }, first(v))))),
      h('label', null, '招标方式', h('select', { id: 'o-tender_method' }, h('option', { value: '' }, '—'), Object.entries(TENDER_METHOD_LABELS).map(([k, v]) => h('option', { value: k }, first(v))))),
      h('label', null, '评标办法', h('select', { id: 'o-evaluation_method' }, h('option', { value: '' }, '—'), Object.entries(EVALUATION_METHOD_LABELS).map(([k, v]) => h('option', { value: k }, first(v)))))));
  const drop = h('div', { class: 'dropzone', tabindex: '0', role: 'button', 'aria-label': '选择或拖入文件',
    onclick: () => input.click(),
    onkeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); input.click(); } },
    ondragover: (e) => { e.preventDefault(); drop.classList.add('over'); },
    ondragleave: () => drop.classList.remove('over'),
    ondrop: (e) => { e.preventDefault(); drop.classList.remove('over'); const f = e.dataTransfer?.files[0]; if (f) pickFile(f); } },
  h('strong', null, '点击选择文件，或把文件拖到这里'), h('div', { class: 'muted small' }, 'CSV（UTF-8 或 GB18030/GBK，Excel 另存即可）或 OCDS JSON'), fileLabel);
  function pickFile(f: DomFile): void {
    file = f;
    fileLabel.textContent = `${f.name}（${count(Math.ceil(f.size / 1024))} KB）`;
    fileLabel.classList.remove('muted');
    msg.hidden = true;
  }
  input.addEventListener('change', () => {
    const f = input.files?.[0];
    if (f) pickFile(f);
  });
  const kindRadios = h('div', { class: 'radio-row', role: 'radiogroup', 'aria-label': '数据类型' },
    Object.entries(IMPORT_KIND_LABELS).map(([k, v]) =>
      h('label', { class: 'radio' }, h('input', { type: 'radio', name: 'kind', value: k, checked: k === (win.sessionStorage.getItem(LAST_KIND) ?? 'bids'), onchange: () => { win.sessionStorage.setItem(LAST_KIND, k); updateHint(); } }), v)));
  const format = h('select', { id: 'import-format' }, h('option', { value: '' }, '按扩展名自动识别'), h('option', { value: 'csv' }, 'CSV'), h('option', { value: 'ocds' }, 'OCDS JSON（仅投标记录）')) as FormControl;
  const submit = h('button', { class: 'btn btn-primary', type: 'submit', id: 'import-submit' }, '上传并导入') as FormControl;
  const kind = () => (kindRadios.querySelector('input:checked') as FormControl | null)?.value ?? 'bids';
  function updateHint(): void {
    hint.replaceChildren('必需列：', h('code', null, REQUIRED[kind()] ?? ''), '。列的顺序不限；多余的列会提示但不会导致拒绝。');
    ocds.hidden = kind() !== 'bids';
  }
  updateHint();
  async function send(): Promise<void> {
    if (!file) {
      msg.textContent = '请先选择要导入的文件。';
      msg.hidden = false;
      drop.focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = '正在上传…';
    msg.hidden = true;
    const params: Record<string, string> = { kind: kind(), filename: file.name };
    if (format.value) params.format = format.value;
    for (const k of ['district', 'category', 'work_type', 'tender_method', 'evaluation_method']) {
      const v = control(`#o-${k}`, ocds).value.trim();
      if (v && kind() === 'bids') params[k] = v;
    }
    const json = /\.(json|jsonl|ndjson)$/i.test(file.name) || format.value === 'ocds';
    try {
      const r = await api<{ importId: number }>(`/api/imports${qs(params)}`, { method: 'POST', raw: file, contentType: json ? 'application/json' : 'text/csv' });
      onQueued(r.importId);
    } catch (e) {
      msg.replaceChildren(glossed(e instanceof ApiError && e.status === 413 ? `文件过大：${e.message}` : errorText(e)));
      msg.hidden = false;
    } finally {
      if (ctx.alive()) {
        submit.disabled = false;
        submit.textContent = '上传并导入';
      }
    }
  }
  return h('form', { class: 'upload', onsubmit: (e) => { e.preventDefault(); void send(); } },
    h('div', { class: 'label' }, '数据类型'), kindRadios, hint,
    h('label', { for: 'import-format', class: 'label' }, '格式'), format,
    drop, input, ocds, msg,
    h('div', { class: 'row' }, submit));
}

/** Rejected rows, a tender's cascaded rows folded under the row that caused them. */
function rejectsTable(errs: RejectRow[]): DomElement {
  const rows: DomElement[] = [];
  for (const g of groupRejects(errs)) {
    const causes = g.causes.length ? g.causes : [null];
    causes.forEach((e, i) => rows.push(h('tr', { class: 'reject-cause', 'data-line': String(e?.line ?? g.causeLines[0]) },
      h('td', { class: 'num' }, e ? e.line : g.causeLines.join('、')),
      h('td', null, e?.column ? h('code', null, e.column) : h('span', { class: 'muted' }, '整行')),
      h('td', null, e ? glossed(e.message) : h('span', { class: 'muted' }, `第 ${g.causeLines.join('、')} 行的错误不在前 ${count(errs.length)} 条中，请下载 CSV 查看`),
        i === causes.length - 1 && g.cascaded.length ? cascadedNote(g) : null))));
  }
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'grid dense rejects' },
      h('thead', null, h('tr', null, h('th', { class: 'num', scope: 'col' }, '行号'), h('th', { scope: 'col' }, '列'), h('th', { scope: 'col' }, '原因'))),
      h('tbody', null, rows)));
}

function cascadedNote(g: RejectGroup): DomElement {
  const lines = g.cascaded.map((c) => c.line);
  return h('details', { class: 'cascaded', 'data-testid': 'cascaded' },
    h('summary', null, `因此同一标段${g.tender ? `（${g.tender}）` : ''}另有 ${count(lines.length)} 行一并未导入`),
    h('p', { class: 'muted small' }, `第 ${lines.join('、')} 行。为保证标段完整，一个标段的行要么全部导入，要么全部不导入；改正上面的错误后重新导入整个文件即可。`));
}

function summaryView(s: ImportSummary): DomElement {
  const done = s.status === 'succeeded' || s.status === 'failed';
  const errs = s.errors ?? [];
  const parts: DomElement[] = [
    h('div', { class: 'import-status' },
      outcomeBadge(s),
      h('strong', null, s.fileName ?? `导入 #${s.importId}`),
      h('span', { class: 'muted' }, `#${s.importId}${s.kind ? ` · ${IMPORT_KIND_LABELS[s.kind] ?? s.kind}` : ''}`)),
  ];
  if (!done) {
    parts.push(h('div', { class: 'progress', role: 'progressbar', 'aria-label': '导入进度', 'aria-valuetext': `已读取 ${s.rowsRead} 行` }, h('div', { class: 'progress-bar indeterminate' })),
      h('p', { class: 'muted' }, s.status === 'queued' ? '已排队，等待导入作业开始…' : `已读取 ${count(s.rowsRead)} 行${s.rowsPerSecond ? `（每秒 ${count(s.rowsPerSecond)} 行）` : ''}…`));
    return h('div', { 'data-testid': 'import-summary' }, parts);
  }
  if (s.status === 'failed') {
    parts.push(h('div', { class: 'alert alert-error', role: 'alert', 'data-testid': 'import-error' }, h('strong', null, '文件未导入：'), glossed(s.error ?? '导入失败')));
  }
  parts.push(h('div', { class: 'stats' },
    stat('读取', s.rowsRead),
    stat('写入', s.accepted ?? 0, 'ok'),
    stat('未变化', s.unchanged ?? 0),
    stat('拒绝', s.rejected ?? 0, (s.rejected ?? 0) > 0 ? 'bad' : ''),
    stat('警告', s.warningCount ?? s.warnings?.length ?? 0, (s.warningCount ?? 0) > 0 ? 'warn' : '')));
  parts.push(facts([
    ['格式 · 编码', `${s.format === 'ocds' ? 'OCDS JSON' : 'CSV'} · ${s.encoding ?? '—'}`],
    ['标段', s.tenders ? `新增 ${s.tenders.new} · 替换 ${s.tenders.replaced} · 未变 ${s.tenders.unchanged}` : '—'],
    ['开始 · 结束', `${dateTime(s.startedAt)} · ${dateTime(s.finishedAt)}`],
  ]));
  if (errs.length) {
    const groups = groupRejects(errs);
    const cascaded = groups.reduce((n, g) => n + g.cascaded.length, 0);
    parts.push(h('h3', null, `被拒绝的行（${count(s.rejected ?? errs.length)}）`,
      h('button', { class: 'btn btn-sm btn-ghost', type: 'button', onclick: () => saveRejects(s) }, '下载 CSV')),
    cascaded ? h('p', { class: 'muted small', 'data-testid': 'rejects-gist' }, `${count(errs.length - cascaded)} 行有错误；另有 ${count(cascaded)} 行本身无误，因与错误行同属一个标段而一并未导入（已归在各错误行下）。`) : h('span'),
    rejectsTable(errs),
    (s.errorsTotal ?? errs.length) > errs.length
      ? h('p', { class: 'muted small', 'data-testid': 'errors-more' }, `仅显示前 ${count(errs.length)} 条，共 ${count(s.errorsTotal ?? errs.length)} 条；完整列表请下载 CSV。`)
      : h('span'));
  } else if (s.status === 'succeeded') {
    parts.push(h('p', { class: 'ok-text' }, '所有行均已通过校验。'));
  }
  if (s.warnings?.length) {
    parts.push(h('h3', null, `警告（${count(s.warningCount ?? s.warnings.length)}）`),
      table([
        { label: '行号', class: 'num', cell: (e) => e.line },
        { label: '列', cell: (e) => (e.column ? h('code', null, e.column) : '—') },
        { label: '说明', cell: (e) => glossed(e.message) },
      ], s.warnings.slice(0, 100), { class: 'dense' }));
  }
  return h('div', { 'data-testid': 'import-summary' }, parts);
}

function stat(label: string, n: number, tone = ''): DomElement {
  return h('div', { class: `stat ${tone ? `stat-${tone}` : ''}` }, h('div', { class: 'stat-n' }, count(n)), h('div', { class: 'stat-l' }, label));
}

export async function importsPage(ctx: PageContext): Promise<void> {
  const { main, me } = ctx;
  const current = ctx.path[1] ? Number(ctx.path[1]) : null;
  const result = h('div', { 'aria-live': 'polite' });
  const lookup = h('form', { class: 'inline-form', onsubmit: (e) => { e.preventDefault(); const v = control('#import-id', main).value.trim(); if (/^\d+$/.test(v)) go(`imports/${v}`); } },
    h('label', { for: 'import-id' }, '按编号查看'), h('input', { id: 'import-id', type: 'text', inputmode: 'numeric', size: '6', placeholder: '导入编号', value: current ? String(current) : '' }),
    h('button', { class: 'btn btn-sm', type: 'submit' }, '查看'));
  let history = importHistory(ctx, current);
  main.replaceChildren(
    pageHeader('数据导入', '投标记录、合同与结算、实名制考勤 · 每行校验，拒绝的行列出行号、列和原因', lookup),
    h('div', { class: 'two-col' },
      me.can.importFiles
        ? section('上传文件', uploadForm(ctx, (id) => go(`imports/${id}`)), { id: 'upload' })
        : section('上传文件', h('p', { class: 'muted' }, `${me.roleLabel}不能上传文件；可以在导入记录中查看结果。`)),
      h('div', null,
        section(current ? `导入 #${current}` : '导入结果', current ? result : empty('上传文件后，这里显示导入进度和结果。'), { id: 'result' }))),
    history);
  if (!current) return;

  let timer: ReturnType<typeof setTimeout> | null = null;
  ctx.onLeave(() => {
    if (timer) clearTimeout(timer);
  });
  let settled = false;
  const poll = async (): Promise<void> => {
    if (!ctx.alive() || !session.key()) return;
    try {
      const s = await api<ImportSummary>(`/api/imports/${current}`);
      if (!ctx.alive()) return;
      result.replaceChildren(summaryView(s));
      const finished = s.status === 'succeeded' || s.status === 'failed';
      if (!finished) {
        timer = setTimeout(() => void poll(), 600);
      } else if (!settled) {
        // The history may have been read while this import still ran: read it again, with its outcome.
        settled = true;
        const fresh = importHistory(ctx, current);
        history.replaceWith(fresh);
        history = fresh;
      }
    } catch (e) {
      if (ctx.alive()) result.replaceChildren(errorBox(e, '无法读取导入结果'));
    }
  };
  await poll();
}
