import { z } from 'zod';

/** A service's environment failed validation; the message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig<TSchema extends z.ZodType>(schema: TSchema, env: NodeJS.ProcessEnv = process.env): z.infer<TSchema> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.length > 0 ? String(issue.path[0]) : '(environment)';
    const raw = env[name];
    return raw === undefined ? `${name}: required but not set` : `${name}: ${issue.message} (got ${JSON.stringify(raw)})`;
  });
  throw new ConfigError([...new Set(problems)]);
}
