import 'reflect-metadata';
import { connectConsumers } from '@dtp/messaging';
import { kafkaSettingsOf, startService } from '@dtp/platform';
import { AppModule, SERVICE_NAME } from './app.module';
import { exportsEnv } from './config';
import { SubmissionsConsumer } from './sources/submissions.consumer';

startService({
  name: SERVICE_NAME,
  title: 'Exports API',
  description: 'Scorecards and reports as Excel, CSV, PDF and Word files.',
  env: exportsEnv,
  module: (config) => AppModule.forRoot(config),
  beforeListen: async (app, config) => {
    await connectConsumers(app, kafkaSettingsOf(config, SERVICE_NAME), config.KAFKA_GROUP_ID);
    await app.get(SubmissionsConsumer).start(kafkaSettingsOf(config, SERVICE_NAME), config.KAFKA_GROUP_ID);
  },
});
