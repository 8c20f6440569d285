import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** Carries the correlation id of the request or event being handled into every log line. */
const store = new AsyncLocalStorage<{ correlationId: string }>();

export const CORRELATION_HEADER = 'x-correlation-id';

export function currentCorrelationId(): string | undefined {
  return store.getStore()?.correlationId;
}

export function withCorrelationId<T>(correlationId: string | undefined, fn: () => T): T {
  return store.run({ correlationId: correlationId || randomUUID() }, fn);
}

/** Accepts a caller's id only if it is short and printable, so logs cannot be forged. */
export function acceptableCorrelationId(value: unknown): string | undefined {
  return typeof value === 'string' && /^[\w.:-]{1,128}$/.test(value) ? value : undefined;
}
