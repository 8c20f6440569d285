import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { JsonLogger, loadConfig, runService } from '@dtp/platform';
import { AppModule } from './app.module';
import { RebuildService } from './aggregation/rebuild.service';
import { indicatorsEnv } from './config';

/**
 * Rebuilds a province's aggregates from the applied submissions and says how long it took:
 *   node dist/apps/indicators/src/rebuild.js <province> [period …]
 * Stop the indicators service first (see RebuildService).
 */
runService('indicators-rebuild', async () => {
  const [provinceCode, ...periods] = process.argv.slice(2);
  if (!provinceCode) {
    process.stderr.write('usage: rebuild.js <province> [period …]\n');
    process.exit(64);
  }
  const config = loadConfig(indicatorsEnv);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: new JsonLogger('indicators-rebuild', config.LOG_LEVEL) });
  const report = await app.get(RebuildService).rebuild(provinceCode, periods.length > 0 ? periods : undefined);
  process.stdout.write(`${JSON.stringify(report)}\n`);
  await app.close();
});
