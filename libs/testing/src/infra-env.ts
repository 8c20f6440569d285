/**
 * Where the local infrastructure listens (tools/infra/infra.sh prints the same). Tests read it
 * from the environment so CI or a developer can point them elsewhere.
 */
export interface InfraEnv {
  KAFKA_BROKERS: string;
  MONGO_URL: string;
  REDIS_URL: string;
}

export function infraEnv(env: NodeJS.ProcessEnv = process.env): InfraEnv {
  return {
    KAFKA_BROKERS: env['KAFKA_BROKERS'] ?? `127.0.0.1:${env['DTP_KAFKA_PORT'] ?? 19092}`,
    MONGO_URL: env['MONGO_URL'] ?? `mongodb://127.0.0.1:${env['DTP_MONGO_PORT'] ?? 27117}`,
    REDIS_URL: env['REDIS_URL'] ?? `redis://127.0.0.1:${env['DTP_REDIS_PORT'] ?? 16379}`,
  };
}

export function hostPortOf(url: string): { host: string; port: number } {
  const [, host, port] = /^(?:[a-z+]+:\/\/)?([^:/,]+):(\d+)/.exec(url) ?? [];
  if (!host || !port) throw new Error(`cannot read host:port from ${url}`);
  return { host, port: Number(port) };
}
