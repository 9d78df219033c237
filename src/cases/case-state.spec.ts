import { allowedNext, assigneeAfter, checkTransition, CASE_STATUSES } from './case-state.js';

describe('case state machine', () => {
  it('walks the main path', () => {
    expect(checkTransition('new', 'triaged', { hasAssignee: false })).toEqual({ ok: true, reopen: false });
    expect(checkTransition('triaged', 'assigned', { hasAssignee: true })).toEqual({ ok: true, reopen: false });
    expect(checkTransition('assigned', 'investigating', { hasAssignee: true })).toEqual({ ok: true, reopen: false });
    expect(checkTransition('investigating', 'closed_confirmed', { hasAssignee: true, note: '约谈确认' })).toEqual({ ok: true, reopen: false });
  });

  it('refuses jumps that skip the investigation', () => {
    expect(checkTransition('new', 'closed_confirmed', { hasAssignee: true, note: 'x' })).toEqual({ ok: false, reason: 'not_allowed' });
    expect(checkTransition('new', 'investigating', { hasAssignee: true })).toEqual({ ok: false, reason: 'not_allowed' });
    expect(checkTransition('closed_dismissed', 'closed_confirmed', { hasAssignee: true, note: 'x' })).toEqual({ ok: false, reason: 'not_allowed' });
  });

  it('needs a note to close or reopen, and an assignee to investigate', () => {
    expect(checkTransition('investigating', 'closed_dismissed', { hasAssignee: true, note: '  ' })).toEqual({ ok: false, reason: 'note_required' });
    expect(checkTransition('closed_confirmed', 'triaged', { hasAssignee: true })).toEqual({ ok: false, reason: 'note_required' });
    expect(checkTransition('closed_confirmed', 'triaged', { hasAssignee: true, note: '新证据' })).toEqual({ ok: true, reopen: true });
    expect(checkTransition('triaged', 'assigned', { hasAssignee: false })).toEqual({ ok: false, reason: 'assignee_required' });
  });

  it('every status has somewhere to go and no status leads to itself', () => {
    for (const s of CASE_STATUSES) {
      expect(allowedNext(s).length).toBeGreaterThan(0);
      expect(allowedNext(s)).not.toContain(s);
    }
  });
});

describe('who holds a case after a transition', () => {
  it('a reopened case belongs to nobody, so it can be claimed again', () => {
    expect(assigneeAfter('closed_confirmed', 'triaged', 7)).toBeNull();
    expect(assigneeAfter('closed_dismissed', 'triaged', 7)).toBeNull();
  });
  it('a case handed back to triage belongs to nobody; moving on keeps the assignee', () => {
    expect(assigneeAfter('assigned', 'triaged', 7)).toBeNull();
    expect(assigneeAfter('assigned', 'investigating', 7)).toBe(7);
    expect(assigneeAfter('investigating', 'closed_confirmed', 7)).toBe(7);
    expect(assigneeAfter('investigating', 'assigned', 7)).toBe(7);
    expect(assigneeAfter('new', 'assigned', null)).toBeNull();
  });
});
