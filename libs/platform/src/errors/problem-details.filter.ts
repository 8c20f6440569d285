import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ACCEPTED_PERIOD_FORMS, InvalidPeriodError } from '@dtp/domain';
import { bodyTooLarge } from '../http/request-limits';
import { Problem, PROBLEM_CONTENT_TYPE, ProblemException, refusal, titleFor } from './problem';
import { isStoreUnavailable, STORE_RETRY_AFTER_SECONDS, storeUnavailableProblem } from './store-unavailable';

interface ReplyLike {
  status(code: number): ReplyLike;
  header(name: string, value: string): ReplyLike;
  send(body: unknown): void;
}

/** Renders every HTTP error as application/problem+json; unexpected errors never leak internals. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetailsFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<{ url?: string; routeOptions?: { bodyLimit?: number } }>();
    const reply = http.getResponse<ReplyLike>();
    // Fastify's own refusal of an oversize body comes without words; the route's limit gives them.
    const problem = exception instanceof HttpException && exception.getStatus() === 413 ? bodyTooLarge(request.routeOptions?.bodyLimit) : problemOf(exception);
    problem.instance = request.url;
    if (problem.status >= 500) this.logger.error(exception instanceof Error ? exception : String(exception));
    // Every "not now" says when to come back (the store away, a dependency not yet read).
    if (problem.status === 503) reply.header('retry-after', String(STORE_RETRY_AFTER_SECONDS));
    reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  }
}

/** The problem document for any error: as thrown for ProblemException, derived for HttpException, bare for the rest. */
export function problemOf(exception: unknown): Problem {
  if (exception instanceof ProblemException) return { ...exception.problem };
  if (isStoreUnavailable(exception)) return storeUnavailableProblem();
  // A period id in a path or query: the caller's mistake, answered with the accepted forms.
  if (exception instanceof InvalidPeriodError) {
    const detailVi = `"${exception.input}" không phải mã kỳ báo cáo; các dạng hợp lệ: ${ACCEPTED_PERIOD_FORMS.join(', ')}`;
    return refusal(400, 'invalid-period', exception.message, detailVi, [{ field: 'period', message: exception.message, messageVi: detailVi }]).problem;
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const title = titleFor(status);
    const response = exception.getResponse();
    const detail =
      typeof response === 'string'
        ? response
        : Array.isArray((response as { message?: unknown }).message)
          ? ((response as { message: string[] }).message).join('; ')
          : String((response as { message?: unknown }).message ?? exception.message);
    return { type: 'about:blank', title: title.en, status, detail, vi: { title: title.vi } };
  }
  const title = titleFor(500);
  return { type: 'about:blank', title: title.en, status: 500, vi: { title: title.vi } };
}
