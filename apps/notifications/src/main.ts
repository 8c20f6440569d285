import 'reflect-metadata';
import { connectConsumers } from '@dtp/messaging';
import { kafkaSettingsOf, startService } from '@dtp/platform';
import { AppModule, SERVICE_NAME } from './app.module';
import { notificationsEnv } from './config';
import { SubmissionsConsumer } from './notices/submissions.consumer';

startService({
  name: SERVICE_NAME,
  title: 'Notifications API',
  description: 'Reporting calendar, reminders and deliveries.',
  env: notificationsEnv,
  module: (config) => AppModule.forRoot(config),
  beforeListen: async (app, config) => {
    await connectConsumers(app, kafkaSettingsOf(config, SERVICE_NAME), config.KAFKA_GROUP_ID);
    await app.get(SubmissionsConsumer).start(kafkaSettingsOf(config, SERVICE_NAME), config.KAFKA_GROUP_ID);
  },
});
