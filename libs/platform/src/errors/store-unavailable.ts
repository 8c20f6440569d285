import { Problem, PROBLEM_TYPE_BASE, titleFor } from './problem';

/** How long a client should wait before retrying while the store is away: a replica set elects a primary within ~10 s. */
export const STORE_RETRY_AFTER_SECONDS = 5;

/**
 * The driver's and mongoose's errors that mean "the store could not be reached or lost the
 * connection", by name (both packages may be loaded in more than one copy, so `instanceof` is
 * not reliable). A write that fails this way may or may not have been stored: the client retries
 * with the same Idempotency-Key and gets the stored answer or a first one, never a second write.
 */
const UNREACHABLE = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoNotConnectedError',
  'MongoPoolClearedError',
  'MongoTopologyClosedError',
  'MongoServerClosedError',
]);

export function isStoreUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (UNREACHABLE.has(error.name)) return true;
  // mongoose queues operations while disconnected and gives up with this message.
  if (error.name === 'MongooseError' && /buffering timed out/.test(error.message)) return true;
  // A bulk or transaction error wrapping one of the above.
  const cause = (error as { cause?: unknown }).cause;
  return cause !== undefined && cause !== error && isStoreUnavailable(cause);
}

export function storeUnavailableProblem(): Problem {
  const title = titleFor(503);
  return {
    type: `${PROBLEM_TYPE_BASE}store-unavailable`,
    title: title.en,
    status: 503,
    detail: `the data store cannot be reached just now; nothing was changed unless a retry with the same Idempotency-Key says so. Try again in ${STORE_RETRY_AFTER_SECONDS} seconds`,
    vi: {
      title: title.vi,
      detail: `hiện không kết nối được cơ sở dữ liệu; hãy gửi lại sau ${STORE_RETRY_AFTER_SECONDS} giây (gửi lại với cùng Idempotency-Key để không bị ghi hai lần)`,
    },
  };
}
