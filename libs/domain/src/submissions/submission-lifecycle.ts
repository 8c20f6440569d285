/**
 * The life of one unit's report for one form and period (DOMAIN.md): draft → submitted →
 * returned with a comment → resubmitted → approved; after approval only a correction, filed as a
 * new revision, reopens it. Every accepted action is a new revision; actions that announce
 * something to other services name the event kind.
 */
export type SubmissionStatus = 'draft' | 'submitted' | 'returned' | 'approved';
export type SubmissionAction = 'save-draft' | 'submit' | 'return' | 'approve' | 'correct';
/** The unit (its system or its officials) or a reviewing official of the province. */
export type LifecycleActor = 'unit' | 'reviewer';
export type SubmissionEventKind = 'submitted' | 'revised' | 'returned' | 'approved';

// The dashboard's words for the same states ("Đã gửi", "Bị trả lại", "Đã duyệt"), so a file and the screen agree.
const SUBMISSION_STATUS_NAMES: Record<SubmissionStatus, { vi: string; en: string }> = {
  draft: { vi: 'Bản nháp', en: 'Draft' },
  submitted: { vi: 'Đã gửi', en: 'Submitted' },
  returned: { vi: 'Bị trả lại', en: 'Returned' },
  approved: { vi: 'Đã duyệt', en: 'Approved' },
};

/** A report's state in words for text people read: "Đã duyệt", never the code "approved" in Vietnamese. */
export function submissionStatusLabel(status: SubmissionStatus, language: 'vi' | 'en'): string {
  return SUBMISSION_STATUS_NAMES[status]?.[language] ?? status;
}

export function isSubmissionStatus(value: unknown): value is SubmissionStatus {
  return typeof value === 'string' && Object.hasOwn(SUBMISSION_STATUS_NAMES, value);
}

export type Transition =
  | { ok: true; status: SubmissionStatus; event: SubmissionEventKind | null }
  | { ok: false; code: 'not-allowed' | 'locked' | 'not-submitted'; reason: string; reasonVi: string };

const ACTORS: Record<SubmissionAction, LifecycleActor> = {
  'save-draft': 'unit',
  submit: 'unit',
  correct: 'unit',
  return: 'reviewer',
  approve: 'reviewer',
};

const refuse = (code: 'not-allowed' | 'locked' | 'not-submitted', reason: string, reasonVi: string): Transition => ({ ok: false, code, reason, reasonVi });

/**
 * `everSubmitted`: whether an earlier revision was sent (a draft saved after a return was); a
 * submission then announces itself as a revision.
 */
export function transition(
  current: SubmissionStatus | undefined,
  action: SubmissionAction,
  actor: LifecycleActor,
  everSubmitted = current !== undefined && current !== 'draft',
): Transition {
  if (ACTORS[action] !== actor) {
    return refuse('not-allowed', `only ${ACTORS[action] === 'unit' ? 'the reporting unit' : 'a reviewing official'} may ${action.replace('-', ' ')}`, ACTORS[action] === 'unit' ? 'chỉ đơn vị báo cáo được thực hiện thao tác này' : 'chỉ cán bộ thẩm định được thực hiện thao tác này');
  }
  if (current === 'approved' && action !== 'correct') {
    return refuse('locked', 'the report is approved and locked; file a correction as a new revision', 'báo cáo đã được phê duyệt và khoá; muốn sửa phải gửi bản điều chỉnh');
  }
  switch (action) {
    case 'save-draft':
      if (current === 'submitted') return refuse('not-allowed', 'the report is already submitted; send changes with submit', 'báo cáo đã gửi; muốn thay đổi hãy gửi lại');
      return { ok: true, status: 'draft', event: null };
    case 'submit':
      return { ok: true, status: 'submitted', event: everSubmitted ? 'revised' : 'submitted' };
    case 'return':
    case 'approve':
      if (current !== 'submitted') return refuse('not-submitted', `there is no submitted report to ${action}`, action === 'return' ? 'chưa có báo cáo đã gửi để trả lại' : 'chưa có báo cáo đã gửi để phê duyệt');
      return { ok: true, status: action === 'return' ? 'returned' : 'approved', event: action === 'return' ? 'returned' : 'approved' };
    case 'correct':
      if (current !== 'approved') return refuse('not-allowed', 'only an approved report is corrected; otherwise submit again', 'chỉ báo cáo đã phê duyệt mới cần điều chỉnh; nếu chưa, hãy gửi lại');
      return { ok: true, status: 'submitted', event: 'revised' };
  }
}
