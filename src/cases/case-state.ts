/**
 * The case workflow as a pure state machine:
 *   new → triaged → assigned → investigating → closed_confirmed | closed_dismissed, and reopen from closed.
 * A case can also be dismissed early (new/triaged → closed_dismissed) when triage finds nothing to investigate,
 * and handed back (assigned → triaged).
 */
export const CASE_STATUSES = ['new', 'triaged', 'assigned', 'investigating', 'closed_confirmed', 'closed_dismissed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_KINDS = ['post_award', 'site_check', 'rigging', 'low_bid'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export const STATUS_LABELS: Record<CaseStatus, string> = {
  new: '新建',
  triaged: '已分拣',
  assigned: '已指派',
  investigating: '调查中',
  closed_confirmed: '已结案（属实）',
  closed_dismissed: '已结案（排除）',
};

export const KIND_LABELS: Record<CaseKind, string> = {
  post_award: '标后履约核查',
  site_check: '现场联动核查',
  rigging: '围标串标调查',
  low_bid: '异常低价复核',
};

const NEXT: Record<CaseStatus, readonly CaseStatus[]> = {
  new: ['triaged', 'assigned', 'closed_dismissed'],
  triaged: ['assigned', 'closed_dismissed'],
  assigned: ['investigating', 'triaged'],
  investigating: ['closed_confirmed', 'closed_dismissed', 'assigned'],
  closed_confirmed: ['triaged'],
  closed_dismissed: ['triaged'],
};

export const isClosed = (s: CaseStatus): boolean => s === 'closed_confirmed' || s === 'closed_dismissed';

export type TransitionCheck =
  | { ok: true; reopen: boolean }
  | { ok: false; reason: 'not_allowed' | 'note_required' | 'assignee_required' };

/**
 * Whether `from → to` is allowed. Closing and reopening need a note (the audit trail must say why);
 * moving to assigned or investigating needs an assignee.
 */
export function checkTransition(from: CaseStatus, to: CaseStatus, ctx: { note?: string | null; hasAssignee: boolean }): TransitionCheck {
  if (!NEXT[from].includes(to)) return { ok: false, reason: 'not_allowed' };
  const reopen = isClosed(from);
  if ((isClosed(to) || reopen) && !ctx.note?.trim()) return { ok: false, reason: 'note_required' };
  if ((to === 'assigned' || to === 'investigating') && !ctx.hasAssignee) return { ok: false, reason: 'assignee_required' };
  return { ok: true, reopen };
}

/**
 * Who holds the case after `from → to`, before any explicit assignment. A case back in triage belongs to nobody:
 * handed back (assigned → triaged) or reopened (closed → triaged), it waits to be claimed again — by its former
 * assignee or anyone else in scope. A reopened case that kept its old assignee could be neither claimed (a claim
 * needs a case without one) nor worked by anyone but that assignee (issue 14).
 */
export function assigneeAfter<Id>(from: CaseStatus, to: CaseStatus, current: Id | null): Id | null {
  if (to === 'triaged' || to === 'new') return null;
  return isClosed(from) ? null : current;
}

export function allowedNext(from: CaseStatus): readonly CaseStatus[] {
  return NEXT[from];
}
