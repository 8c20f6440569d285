import { DynamicModule } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { z } from 'zod';
import { CommonEnv } from '../config/common-env';
import { loadConfig } from '../config/load-config';
import { createService, listen, ServiceDescription } from './bootstrap-service';
import { runService } from './run-service';

export interface StartServiceOptions<TSchema extends z.ZodType<CommonEnv>> extends ServiceDescription {
  env: TSchema;
  module: (config: z.infer<TSchema>) => DynamicModule;
  /** Work between creating the app and taking HTTP traffic, such as attaching Kafka consumers. */
  beforeListen?: (app: NestFastifyApplication, config: z.infer<TSchema>) => Promise<void>;
}

/** The whole of a service's main.ts: validate the environment, create, connect, listen. */
export function startService<TSchema extends z.ZodType<CommonEnv>>(options: StartServiceOptions<TSchema>): void {
  runService(options.name, async () => {
    const config = loadConfig(options.env);
    const app = await createService(options.module(config), { ...options, corsOrigins: config.CORS_ORIGINS }, config.LOG_LEVEL);
    await options.beforeListen?.(app, config);
    await listen(app, config.HOST, config.PORT, options.name);
  });
}
