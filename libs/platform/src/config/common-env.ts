import { z } from 'zod';

/** Environment variables every service reads; each app extends this with its own. */
const port = z.coerce.number().int().min(1).max(65535);

export const brokerList = z
  .string()
  .min(1)
  .transform((s) => s.split(',').map((b) => b.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(/^[^:\s]+:\d{1,5}$/, 'each broker as host:port')).min(1));

export const mongoUrl = z.string().regex(/^mongodb(\+srv)?:\/\/\S+$/, 'a mongodb:// URL');
export const redisUrl = z.string().regex(/^rediss?:\/\/\S+$/, 'a redis:// URL');

/** Comma-separated YYYY-MM-DD dates (public holidays, working weekend days); empty for none. */
export const localDateList = z
  .string()
  .default('')
  .transform((s) => s.split(',').map((d) => d.trim()).filter(Boolean))
  .pipe(z.array(z.iso.date('each date as YYYY-MM-DD')));

/**
 * Comma-separated origins (`https://host[:port]`, nothing after the port) whose pages may call
 * the service from the browser; empty for none, which keeps browsers to the same-origin rule.
 */
export const originList = z
  .string()
  .default('')
  .transform((s) => s.split(',').map((o) => o.trim()).filter(Boolean))
  .pipe(
    z.array(
      z.string().refine((value) => {
        try {
          const url = new URL(value);
          return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
        } catch {
          return false;
        }
      }, 'each origin as scheme://host[:port], without a path, a trailing slash or *'),
    ),
  );

export const commonEnv = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: port,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  KAFKA_BROKERS: brokerList,
  KAFKA_CLIENT_ID: z.string().min(1).optional(),
  MONGO_URL: mongoUrl,
  MONGO_DB: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'a database name of lowercase letters, digits and _'),
  CORS_ORIGINS: originList,
  // The bearer token Prometheus sends to /metrics; without one, /metrics answers nobody.
  METRICS_TOKEN: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(16, 'at least 16 characters').optional()),
});
export type CommonEnv = z.infer<typeof commonEnv>;

/** Kafka settings from the validated environment; the client id defaults to the service name. */
export function kafkaSettingsOf(env: Pick<CommonEnv, 'KAFKA_BROKERS' | 'KAFKA_CLIENT_ID'>, service: string) {
  return { brokers: env.KAFKA_BROKERS, clientId: env.KAFKA_CLIENT_ID ?? service };
}
