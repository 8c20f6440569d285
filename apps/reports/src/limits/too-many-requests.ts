import { ProblemException, refusal } from '@dtp/platform';

/** A 429 that knows when to come back: the controller or guard answering it sets Retry-After from it. */
export class TooManyRequests extends ProblemException {
  constructor(
    readonly retryAfterSeconds: number,
    kind: string,
    detail: string,
    detailVi: string,
  ) {
    super(refusal(429, kind, detail, detailVi).problem);
  }
}

interface ReplyWithHeaders {
  header(name: string, value: string): unknown;
}

/** Rethrows what it catches, with `Retry-After` on the reply first when it is a 429. */
export function retryAfterOn(reply: ReplyWithHeaders): (error: unknown) => never {
  return (error: unknown) => {
    if (error instanceof TooManyRequests) reply.header('retry-after', String(error.retryAfterSeconds));
    throw error;
  };
}

export function limitsUnavailable(error: unknown): never {
  throw refusal(
    503,
    'limits-unavailable',
    `the attempt counters cannot be read just now (${(error as Error).message}): try again in a few seconds`,
    'chưa đọc được bộ đếm số lần thử: hãy thử lại sau vài giây',
  );
}
