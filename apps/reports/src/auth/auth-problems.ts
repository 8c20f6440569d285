import { ProblemException, refusal } from '@dtp/platform';

export function unauthorized(detail: string, detailVi: string): ProblemException {
  return refusal(401, 'unauthorized', detail, detailVi);
}

export function forbidden(detail: string, detailVi: string): ProblemException {
  return refusal(403, 'forbidden', detail, detailVi);
}
