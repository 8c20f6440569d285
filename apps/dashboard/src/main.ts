import { loadConfig, runService } from '@dtp/platform';
import { dashboardEnv } from './config';
import { createWebServer } from './web-server';

runService('dashboard', async () => {
  const config = loadConfig(dashboardEnv);
  const log = (entry: Record<string, unknown>) => {
    if (config.LOG_LEVEL === 'info' || config.LOG_LEVEL === 'debug' || config.LOG_LEVEL === 'trace' || entry['level'] === 'error') {
      process.stdout.write(`${JSON.stringify({ level: 'info', time: new Date().toISOString(), service: 'dashboard', ...entry })}\n`);
    }
  };
  const server = createWebServer(config, log);
  await new Promise<void>((resolve) => server.listen(config.PORT, config.HOST, resolve));
  log({ msg: `dashboard listening on http://${config.HOST}:${config.PORT}` });
  const stop = () => server.close(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
});
