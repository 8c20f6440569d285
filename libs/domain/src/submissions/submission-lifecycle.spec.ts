import { LifecycleActor, SubmissionAction, SubmissionStatus, submissionStatusLabel, transition } from './submission-lifecycle';

describe('the life cycle of a submission', () => {
  it.each<[SubmissionStatus | undefined, SubmissionAction, LifecycleActor, SubmissionStatus, string | null]>([
    [undefined, 'save-draft', 'unit', 'draft', null],
    [undefined, 'submit', 'unit', 'submitted', 'submitted'],
    ['draft', 'save-draft', 'unit', 'draft', null],
    ['draft', 'submit', 'unit', 'submitted', 'submitted'],
    ['submitted', 'submit', 'unit', 'submitted', 'revised'],
    ['submitted', 'return', 'reviewer', 'returned', 'returned'],
    ['returned', 'save-draft', 'unit', 'draft', null],
    ['returned', 'submit', 'unit', 'submitted', 'revised'],
    ['submitted', 'approve', 'reviewer', 'approved', 'approved'],
    ['approved', 'correct', 'unit', 'submitted', 'revised'],
  ])('from %s, %s by the %s gives %s (event %s)', (current, action, actor, status, event) => {
    expect(transition(current, action, actor)).toEqual({ ok: true, status, event });
  });

  it('announces a draft saved after a return, once submitted, as a revision', () => {
    const afterReturn = transition('returned', 'save-draft', 'unit');
    expect(afterReturn).toEqual({ ok: true, status: 'draft', event: null });
    expect(transition('draft', 'submit', 'unit', true)).toEqual({ ok: true, status: 'submitted', event: 'revised' });
    expect(transition('draft', 'submit', 'unit', false)).toEqual({ ok: true, status: 'submitted', event: 'submitted' });
  });

  it.each<[SubmissionStatus | undefined, SubmissionAction, LifecycleActor, string, RegExp]>([
    ['approved', 'submit', 'unit', 'locked', /approved and locked/],
    ['approved', 'save-draft', 'unit', 'locked', /approved and locked/],
    ['approved', 'approve', 'reviewer', 'locked', /approved and locked/],
    ['approved', 'return', 'reviewer', 'locked', /approved and locked/],
    [undefined, 'approve', 'reviewer', 'not-submitted', /no submitted report to approve/],
    ['draft', 'return', 'reviewer', 'not-submitted', /no submitted report to return/],
    ['returned', 'approve', 'reviewer', 'not-submitted', /no submitted report/],
    ['submitted', 'save-draft', 'unit', 'not-allowed', /already submitted/],
    ['submitted', 'correct', 'unit', 'not-allowed', /only an approved report is corrected/],
    ['submitted', 'approve', 'unit', 'not-allowed', /only a reviewing official may approve/],
    ['submitted', 'submit', 'reviewer', 'not-allowed', /only the reporting unit may submit/],
  ])('from %s, refuses %s by the %s (%s)', (current, action, actor, code, reason) => {
    const result = transition(current, action, actor);
    expect(result).toMatchObject({ ok: false, code });
    if (!result.ok) {
      expect(result.reason).toMatch(reason);
      expect(result.reasonVi.length).toBeGreaterThan(0);
    }
  });

  it('says a report’s state in the dashboard’s words, in each language, and keeps a code it does not know', () => {
    expect((['draft', 'submitted', 'returned', 'approved'] as const).map((s) => submissionStatusLabel(s, 'vi'))).toEqual(['Bản nháp', 'Đã gửi', 'Bị trả lại', 'Đã duyệt']);
    expect(submissionStatusLabel('approved', 'en')).toBe('Approved');
    expect(submissionStatusLabel('archived' as SubmissionStatus, 'vi')).toBe('archived');
  });
});
