/**
 * RFC 9457 problem details, with the Vietnamese text beside the English one because officials
 * read these messages on the forms they fill.
 */
export interface FieldProblem {
  field: string;
  message: string;
  messageVi: string;
  /** For a problem in an uploaded sheet: where, as people find it in Excel. */
  row?: number;
  column?: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  vi?: { title: string; detail?: string };
  errors?: FieldProblem[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** Thrown by services for a refusal people should read; the filter renders it as is. */
export class ProblemException extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ProblemException';
  }
}

const BAD_REQUEST = { en: 'Invalid request', vi: 'Yêu cầu không hợp lệ' };
const INTERNAL = { en: 'Internal error', vi: 'Lỗi hệ thống' };

const TITLES: Record<number, { en: string; vi: string }> = {
  400: BAD_REQUEST,
  401: { en: 'Authentication required', vi: 'Cần xác thực' },
  403: { en: 'Forbidden', vi: 'Không có quyền' },
  404: { en: 'Not found', vi: 'Không tìm thấy' },
  409: { en: 'Conflict', vi: 'Xung đột dữ liệu' },
  410: { en: 'Gone', vi: 'Không còn tồn tại' },
  413: { en: 'Content too large', vi: 'Nội dung quá lớn' },
  415: { en: 'Unsupported media type', vi: 'Kiểu nội dung không được hỗ trợ' },
  422: { en: 'Cannot be processed', vi: 'Không thể xử lý' },
  429: { en: 'Too many requests', vi: 'Quá nhiều yêu cầu' },
  500: INTERNAL,
  503: { en: 'Service unavailable', vi: 'Dịch vụ tạm thời không sẵn sàng' },
};

export function titleFor(status: number): { en: string; vi: string } {
  return TITLES[status] ?? (status >= 500 ? INTERNAL : BAD_REQUEST);
}

export const PROBLEM_TYPE_BASE = 'https://dtp.gov.vn/problems/';

/**
 * A refusal people read: the status's title in both languages, the detail in both, and the
 * fields at fault. `kind` names the problem type (`invalid-values` → …/problems/invalid-values).
 */
export function refusal(status: number, kind: string, detail: string, detailVi: string, errors?: FieldProblem[]): ProblemException {
  const title = titleFor(status);
  return new ProblemException({
    type: `${PROBLEM_TYPE_BASE}${kind}`,
    title: title.en,
    status,
    detail,
    vi: { title: title.vi, detail: detailVi },
    ...(errors && errors.length > 0 ? { errors } : {}),
  });
}

/** A refusal listing field problems, its detail joined from theirs. */
export function fieldsRefusal(status: number, kind: string, errors: FieldProblem[], prefix = '', prefixVi = ''): ProblemException {
  return refusal(status, kind, `${prefix}${errors.map((e) => e.message).join('; ')}`, `${prefixVi}${errors.map((e) => e.messageVi).join('; ')}`, errors);
}
