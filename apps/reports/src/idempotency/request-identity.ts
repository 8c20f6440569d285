import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The identity of the write request being handled (its Idempotency-Key record's id), for the
 * services that store it with what the request changed: a retry after a lost answer (the store
 * went away after the write, before the answer was recorded) then finds its own change and does
 * not make a second one.
 */
const storage = new AsyncLocalStorage<string>();

export function withRequestIdentity<T>(id: string, work: () => Promise<T>): Promise<T> {
  return storage.run(id, work);
}

/** The current request's identity, if it carried an Idempotency-Key. */
export function currentRequestIdentity(): string | undefined {
  return storage.getStore();
}
