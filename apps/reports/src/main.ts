import 'reflect-metadata';
import { KafkaClient } from '@dtp/messaging';
import { startService } from '@dtp/platform';
import { AppModule, SERVICE_NAME } from './app.module';
import { reportsEnv } from './config';
import { XLSX_CONTENT_TYPE } from './excel/excel-layout';

startService({
  name: SERVICE_NAME,
  title: 'Reports API',
  description: 'Submission of periodic digital-transformation reports by provincial departments and units.',
  credentials: true,
  binaryBodies: [XLSX_CONTENT_TYPE],
  env: reportsEnv,
  module: (config) => AppModule.forRoot(config),
  // The outbox relay publishes from the first second, so the topics must exist before it.
  beforeListen: (app) => app.get(KafkaClient).ensureTopics(),
});
