/** One dependency a service checks before it takes traffic. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
  /**
   * Whether the service must stop taking traffic while this is down (default true). Kafka is not:
   * writes wait in the outbox and reads come from the store, so a pod that sheds traffic while the
   * broker is away would only turn a delay into refusals.
   */
  required?: boolean;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

export interface CheckResult {
  status: 'up' | 'down';
  required: boolean;
  error?: string;
}

export async function runChecks(checks: ReadinessCheck[], timeoutMs: number): Promise<Record<string, CheckResult>> {
  const results = await Promise.all(
    checks.map(async (c) => {
      const required = c.required ?? true;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        await Promise.race([c.check(), timeout]);
        return [c.name, { status: 'up', required }] as const;
      } catch (error) {
        return [c.name, { status: 'down', required, error: error instanceof Error ? error.message : String(error) }] as const;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return Object.fromEntries(results);
}

/** ok: everything up; degraded: only what is not required is down (still ready); error: not ready. */
export function readinessOf(checks: Record<string, CheckResult>): 'ok' | 'degraded' | 'error' {
  const down = Object.values(checks).filter((c) => c.status === 'down');
  if (down.length === 0) return 'ok';
  return down.some((c) => c.required) ? 'error' : 'degraded';
}
