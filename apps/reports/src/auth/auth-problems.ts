import { ProblemException, titleFor } from '@dtp/platform';

export function unauthorized(detail: string, detailVi: string): ProblemException {
  const title = titleFor(401);
  return new ProblemException({ type: 'https://dtp.gov.vn/problems/unauthorized', title: title.en, status: 401, detail, vi: { title: title.vi, detail: detailVi } });
}

export function forbidden(detail: string, detailVi: string): ProblemException {
  const title = titleFor(403);
  return new ProblemException({ type: 'https://dtp.gov.vn/problems/forbidden', title: title.en, status: 403, detail, vi: { title: title.vi, detail: detailVi } });
}
