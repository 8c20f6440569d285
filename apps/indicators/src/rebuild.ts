import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { formatPeriodId, periodsBetween } from '@dtp/domain';
import { JsonLogger, loadConfig, runService } from '@dtp/platform';
import { AppModule } from './app.module';
import { RebuildService } from './aggregation/rebuild.service';
import { indicatorsEnv } from './config';

/**
 * Rebuilds a province's aggregates from the applied submissions and says how long it took:
 *   node dist/apps/indicators/src/rebuild.js <province> [period | from..to …]
 * e.g. `20`, `20 2024`, `20 202401..202412`. Stop the indicators service first (see RebuildService).
 */
runService('indicators-rebuild', async () => {
  const [provinceCode, ...periods] = process.argv.slice(2);
  if (!provinceCode) {
    process.stderr.write('usage: rebuild.js <province> [period | from..to …]\n');
    process.exit(64);
  }
  const config = loadConfig(indicatorsEnv);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: new JsonLogger('indicators-rebuild', config.LOG_LEVEL) });
  const expanded = periods.flatMap((p) => {
    const [from, to] = p.split('..');
    return to === undefined ? [p] : periodsBetween(from ?? '', to).map(formatPeriodId);
  });
  const report = await app.get(RebuildService).rebuild(provinceCode, expanded.length > 0 ? expanded : undefined);
  process.stdout.write(`${JSON.stringify(report)}\n`);
  await app.close();
});
