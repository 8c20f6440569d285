/** One dependency a service needs before it takes traffic. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

export interface CheckResult {
  status: 'up' | 'down';
  error?: string;
}

export async function runChecks(checks: ReadinessCheck[], timeoutMs: number): Promise<Record<string, CheckResult>> {
  const results = await Promise.all(
    checks.map(async (c) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        await Promise.race([c.check(), timeout]);
        return [c.name, { status: 'up' }] as const;
      } catch (error) {
        return [c.name, { status: 'down', error: error instanceof Error ? error.message : String(error) }] as const;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return Object.fromEntries(results);
}
