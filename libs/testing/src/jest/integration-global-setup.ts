import { createConnection } from 'node:net';
import { hostPortOf, infraEnv } from '../infra-env';

function reachable(host: string, port: number, timeoutMs = 2000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Integration and e2e tests run against the real local infrastructure and never start or fake
 * it themselves: if a part is down, say which and how to bring it up.
 */
export default async function integrationGlobalSetup(): Promise<void> {
  const env = infraEnv();
  const parts = [
    { name: 'Kafka', url: env.KAFKA_BROKERS },
    { name: 'FerretDB (MongoDB wire protocol)', url: env.MONGO_URL },
    { name: 'Redis', url: env.REDIS_URL },
  ];
  const down: string[] = [];
  for (const part of parts) {
    const { host, port } = hostPortOf(part.url);
    if (!(await reachable(host, port))) down.push(`${part.name} at ${host}:${port}`);
  }
  if (down.length > 0) {
    throw new Error(`Infrastructure not reachable: ${down.join(', ')}. Start it with: bash tools/infra/infra.sh up`);
  }
  Object.assign(process.env, env);
}
