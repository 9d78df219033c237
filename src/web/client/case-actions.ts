import { api, post, type Me } from './api.js';
import { h, type DomElement, type FormControl } from './dom.js';
import { dateTime, day, daysUntil } from './format.js';
import { allowedNext, assigneeAfter, checkTransition, EVENT_LABELS, isClosed, STATUS_LABELS, type CaseStatus } from './labels.js';
import type { CaseDetail, CaseEvent } from './types.js';
import { glossed } from './i18n.js';
import { errorText, statusBadge, toast } from './ui.js';

/**
 * The right-hand column of a case: what the user may do now (claim, the transitions the state machine allows
 * from here, with the note the server requires checked before sending), notes, and the audit trail.
 */

const TO_VERBS: Partial<Record<CaseStatus, string>> = {
  triaged: '分拣',
  assigned: '指派',
  investigating: '开始调查',
  closed_confirmed: '结案：属实',
  closed_dismissed: '结案：排除',
};

export interface ActionDeps {
  me: Me;
  assignees: { id: number; name: string; district: string | null }[];
  refresh: () => Promise<void>;
}

function sameUser(a: unknown, b: number): boolean {
  return a !== null && a !== undefined && Number(a) === b;
}

export function actionsPanel(c: CaseDetail, deps: ActionDeps): DomElement {
  const { me } = deps;
  const status = c.status as CaseStatus;
  const panel = h('div', { class: 'actions', 'data-testid': 'case-actions' });
  const due = daysUntil(c.due_at);
  panel.append(
    h('dl', { class: 'facts facts-1' },
      h('dt', null, '状态'), h('dd', { 'data-testid': 'case-status' }, statusBadge(status)),
      h('dt', null, '承办人'), h('dd', null, c.assignee_name ?? h('span', { class: 'muted' }, '未指派')),
      h('dt', null, '截止'), h('dd', null, c.due_at ? day(c.due_at) : '—',
        c.due_at && !isClosed(status) && due !== null ? h('span', { class: due < 0 ? 'text-bad' : 'muted' }, due < 0 ? `（逾期 ${-due} 天）` : `（剩 ${due} 天）`) : null),
      c.outcome ? [h('dt', null, '结论'), h('dd', null, c.outcome)] : null));

  if (!me.can.workCases) {
    panel.append(h('p', { class: 'muted small' }, `${me.roleLabel}：只读，不能认领或变更案件。`));
    return panel;
  }
  const supervisor = me.can.assignOthers;
  const someoneElse = c.assignee_id !== null && !sameUser(c.assignee_id, me.id);
  if (c.assignee_id === null && (status === 'new' || status === 'triaged')) {
    panel.append(h('button', { class: 'btn btn-primary btn-block', type: 'button', 'data-action': 'claim', onclick: (e) => void claim(e.currentTarget as FormControl) }, '认领本案'));
  }
  if (someoneElse && !supervisor) {
    panel.append(h('p', { class: 'muted small' }, `本案由 ${c.assignee_name ?? '他人'} 承办：只有承办人或科室负责人可以变更状态或添加备注。`));
    return panel;
  }
  const form = h('div', { class: 'transition-form', hidden: true });
  const buttons = h('div', { class: 'transition-buttons', role: 'group', 'aria-label': '可执行的状态变更' },
    allowedNext(status).map((to) =>
      h('button', { class: `btn btn-sm ${to.startsWith('closed') ? (to === 'closed_confirmed' ? 'btn-danger' : 'btn-ok') : ''}`, type: 'button', 'data-to': to, onclick: () => openForm(to) },
        isClosed(status) ? '重新打开' : TO_VERBS[to] ?? STATUS_LABELS[to], h('span', { class: 'arrow' }, ` → ${STATUS_LABELS[to]}`))));
  panel.append(h('div', { class: 'label' }, '变更状态'), buttons, form);

  async function claim(button: FormControl): Promise<void> {
    button.disabled = true;
    try {
      await post(`/api/cases/${c.id}/claim`);
      toast(`已认领案件 #${c.id}`, 'ok');
      await deps.refresh();
    } catch (e) {
      toast(`认领失败：${errorText(e)}`, 'error');
      await deps.refresh();
    }
  }

  function openForm(to: CaseStatus): void {
    for (const b of Array.from(buttons.querySelectorAll('button'))) b.classList.toggle('active', b.getAttribute('data-to') === to);
    const closing = to === 'closed_confirmed' || to === 'closed_dismissed';
    const needsNote = checkTransition(status, to, { note: '', hasAssignee: true });
    const noteRequired = !needsNote.ok && needsNote.reason === 'note_required';
    const note = h('textarea', { id: 'transition-note', rows: '3', placeholder: noteRequired ? '必填：结案或重新打开须说明理由（将写入审计记录）' : '说明（可选，将写入审计记录）', 'aria-required': noteRequired ? 'true' : null }) as FormControl;
    const outcome = closing ? (h('input', { id: 'transition-outcome', type: 'text', placeholder: to === 'closed_confirmed' ? '处理结论，如：责令整改、移送处罚（默认“属实”）' : '排除理由摘要（默认“排除”）' }) as FormControl) : null;
    const assignee = to === 'assigned' && supervisor
      ? (h('select', { id: 'transition-assignee' },
        h('option', { value: '' }, c.assignee_id !== null ? `保持 ${c.assignee_name ?? ''}` : `我自己（${me.name}）`),
        deps.assignees.filter((a) => a.id !== me.id).map((a) => h('option', { value: String(a.id) }, `${a.name}${a.district ? `（${a.district}）` : ''}`))) as FormControl)
      : null;
    const msg = h('div', { class: 'form-error', role: 'alert', hidden: true });
    const submit = h('button', { class: 'btn btn-primary btn-sm', type: 'submit', 'data-testid': 'transition-submit' }, `确认：${STATUS_LABELS[to]}`) as FormControl;
    const send = async () => {
      const text = note.value.trim();
      let holder = assigneeAfter(status, to, c.assignee_id === null ? null : Number(c.assignee_id));
      if (to === 'assigned') holder = assignee?.value ? Number(assignee.value) : holder ?? me.id;
      const check = checkTransition(status, to, { note: text, hasAssignee: holder !== null });
      if (!check.ok) {
        msg.textContent = {
          not_allowed: `不能从“${STATUS_LABELS[status]}”变更为“${STATUS_LABELS[to]}”。`,
          note_required: '请填写说明：结案或重新打开必须写明理由。',
          assignee_required: '需要先指派承办人（请先认领或指派）。',
        }[check.reason];
        msg.hidden = false;
        note.focus();
        return;
      }
      submit.disabled = true;
      try {
        await post(`/api/cases/${c.id}/transition`, {
          to,
          ...(text ? { note: text } : {}),
          ...(outcome?.value.trim() ? { outcome: outcome.value.trim() } : {}),
          ...(assignee?.value ? { assignee: Number(assignee.value) } : {}),
        });
        toast(`案件 #${c.id} 已变更为“${STATUS_LABELS[to]}”`, 'ok');
        await deps.refresh();
      } catch (e) {
        msg.replaceChildren(glossed(errorText(e)));
        msg.hidden = false;
        submit.disabled = false;
      }
    };
    form.replaceChildren(
      h('form', { novalidate: true, onsubmit: (e) => { e.preventDefault(); void send(); }, onkeydown: (e) => { if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') { e.preventDefault(); void send(); } } },
        h('label', { for: 'transition-note' }, noteRequired ? '说明（必填）' : '说明'), note,
        outcome ? [h('label', { for: 'transition-outcome' }, '结论'), outcome] : null,
        assignee ? [h('label', { for: 'transition-assignee' }, '承办人'), assignee] : null,
        msg,
        h('div', { class: 'row' }, submit,
          h('button', { class: 'btn btn-ghost btn-sm', type: 'button', onclick: () => { form.hidden = true; for (const b of Array.from(buttons.querySelectorAll('button'))) b.classList.remove('active'); } }, '取消'))));
    form.hidden = false;
    note.focus();
  }
  return panel;
}

export function noteForm(c: CaseDetail, me: Me, refresh: () => Promise<void>): DomElement | null {
  if (!me.can.workCases) return null;
  // As the API rules: a claimed case's file is written by its assignee (and supervisors) only.
  if (c.assignee_id !== null && !sameUser(c.assignee_id, me.id) && !me.can.assignOthers) return null;
  const text = h('textarea', { id: 'note-text', rows: '3', placeholder: '记录核查进展、约谈情况、调取的材料…（Ctrl+Enter 提交）', 'aria-label': '备注' }) as FormControl;
  const button = h('button', { class: 'btn btn-sm', type: 'submit' }, '添加备注') as FormControl;
  const msg = h('div', { class: 'form-error', role: 'alert', hidden: true });
  const send = async () => {
    const t = text.value.trim();
    if (!t) {
      msg.textContent = '备注不能为空。';
      msg.hidden = false;
      text.focus();
      return;
    }
    button.disabled = true;
    try {
      await post(`/api/cases/${c.id}/notes`, { text: t });
      toast('备注已保存', 'ok');
      await refresh();
    } catch (e) {
      msg.replaceChildren(glossed(errorText(e)));
      msg.hidden = false;
      button.disabled = false;
    }
  };
  return h('form', { class: 'note-form', onsubmit: (e) => { e.preventDefault(); void send(); }, onkeydown: (e) => { if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') { e.preventDefault(); void send(); } } },
    text, msg, h('div', { class: 'row' }, button));
}

/** Who sees the case now (GET /api/cases/:id/audience), beside the routing event's count at opening time. */
export interface CaseAudience {
  district: string | null;
  districtInspectors: number;
  cityWideInspectors: number;
  inspectors: number;
  supervisors: number;
}

function audienceLine(a: CaseAudience): DomElement {
  const scope = a.district === null ? `全市 ${a.cityWideInspectors}` : `本辖区 ${a.districtInspectors}、全市 ${a.cityWideInspectors}`;
  return h('div', { class: 'ev-detail small', 'data-testid': 'audience-now', title: '按当前的用户与辖区计算：本辖区的检查员、不限辖区（全市）的检查员和科室负责人都能看到本案' },
    `现在可见：${a.inspectors} 名检查员（${scope}）· ${a.supervisors} 名科室负责人`);
}

export function history(events: CaseEvent[], audience: CaseAudience | null = null): DomElement {
  const detail = (e: CaseEvent): string => {
    const d = e.details ?? {};
    const parts: string[] = [];
    if (typeof d.outcome === 'string') parts.push(`结论：${d.outcome}`);
    if ('assignee' in d) parts.push(d.assignee === null ? '承办人：清空' : `承办人编号 ${String(d.assignee)}`);
    if (e.action === 'escalated' && typeof d.to === 'number') parts.push(`优先级 P${String(d.from)} → P${d.to}`);
    return parts.join('；');
  };
  return h('ol', { class: 'history', 'data-testid': 'history', reversed: true },
    [...events].reverse().map((e) =>
      h('li', { class: `ev ev-${e.action}`, 'data-action': e.action },
        h('div', { class: 'ev-head' },
          h('span', { class: 'ev-action' }, EVENT_LABELS[e.action] ?? e.action),
          e.from_status || e.to_status
            ? h('span', { class: 'ev-states' }, e.from_status ? STATUS_LABELS[e.from_status as CaseStatus] ?? e.from_status : '', e.from_status ? ' → ' : '→ ', e.to_status ? STATUS_LABELS[e.to_status as CaseStatus] ?? e.to_status : '')
            : null,
          h('span', { class: 'spacer' }),
          h('time', { datetime: e.at, title: e.at }, dateTime(e.at))),
        h('div', { class: 'ev-who muted' }, e.actor_name),
        e.note ? h('div', { class: 'ev-note' }, glossed(e.note)) : null,
        detail(e) ? h('div', { class: 'ev-detail muted small' }, detail(e)) : null,
        e.action === 'routed' && audience ? audienceLine(audience) : null)));
}

export async function loadAssignees(me: Me): Promise<ActionDeps['assignees']> {
  if (!me.can.assignOthers) return [];
  return api<ActionDeps['assignees']>('/api/assignees').catch(() => []);
}

interface TrailReport {
  ok: boolean;
  events: number;
  verified: number;
  unchained: number;
  firstBroken: { id: number; at: string; action: string; reason: string } | null;
}

/**
 * Whether this case's audit trail verifies against the hash chain (GET /api/cases/:id/audit): a badge that says
 * so, or names the first record that does not verify.
 */
export function trailCheck(caseId: number): DomElement {
  const badge = h('span', { class: 'badge muted', 'data-testid': 'audit-verify', 'data-state': 'checking' }, '正在校验…');
  void api<TrailReport>(`/api/cases/${caseId}/audit`).then(
    (r) => {
      badge.setAttribute('data-state', r.ok ? 'ok' : 'broken');
      badge.className = `badge ${r.ok ? 'badge-ok' : 'badge-bad'}`;
      badge.textContent = r.ok
        ? `校验通过（${r.verified} 条${r.unchained ? `，${r.unchained} 条早于哈希链` : ''}）`
        : `校验失败：第 #${r.firstBroken!.id} 条记录或其前一条被改动`;
      badge.setAttribute('title', r.ok ? '每条记录都与前一条以密钥哈希相连，未被改动' : '审计记录被改动、删除或插入，请联系系统管理员');
    },
    (e) => {
      badge.setAttribute('data-state', 'error');
      badge.textContent = `无法校验：${errorText(e)}`;
    },
  );
  return badge;
}
