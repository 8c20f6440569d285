import { Counter } from 'prom-client';

/** A read slower than this is logged like a change, whatever its status. */
export const SLOW_READ_MS = 500;

/** Requests answered, by route pattern (never the raw URL: its codes would make unbounded series). */
export const httpRequests = new Counter({
  name: 'http_requests_total',
  help: 'HTTP requests answered, by method, route pattern and status',
  labelNames: ['method', 'route', 'status'] as const,
});

/** A successful, quick read: counted, and logged only at debug level. */
export function isRoutineRead(method: string, status: number, ms: number): boolean {
  return (method === 'GET' || method === 'HEAD') && status < 400 && ms < SLOW_READ_MS;
}
