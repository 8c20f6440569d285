import path from 'node:path';
import { z } from 'zod';

// A service's base: http(s), no credentials, query or fragment; the proxy appends the path to it.
const url = z.url({ protocol: /^https?$/ }).refine((value) => {
  const parsed = new URL(value);
  return !parsed.username && !parsed.password && !parsed.search && !parsed.hash;
}, 'an http(s) URL without credentials, query or fragment');

export const dashboardEnv = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3100),
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  REPORTS_URL: url.default('http://127.0.0.1:3101'),
  INDICATORS_URL: url.default('http://127.0.0.1:3102'),
  NOTIFICATIONS_URL: url.default('http://127.0.0.1:3103'),
  EXPORTS_URL: url.default('http://127.0.0.1:3104'),
  /** The built page (vite build); beside this server in dist/ by default. */
  WEB_ROOT: z.string().min(1).default(path.resolve(__dirname, '../web')),
  /** How long a call to a service may take before the page is told it is not answering. */
  UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
});
export type DashboardConfig = z.infer<typeof dashboardEnv>;

/** The services the page talks to, by the prefix it uses: `/svc/<name>/api/...`. */
export type ServiceName = 'reports' | 'indicators' | 'notifications' | 'exports';

export function upstreamsOf(config: DashboardConfig): Record<ServiceName, string> {
  return { reports: config.REPORTS_URL, indicators: config.INDICATORS_URL, notifications: config.NOTIFICATIONS_URL, exports: config.EXPORTS_URL };
}
