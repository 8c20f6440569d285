import 'reflect-metadata';
import { connectConsumers } from '@dtp/messaging';
import { kafkaSettingsOf, startService } from '@dtp/platform';
import { AppModule, SERVICE_NAME } from './app.module';
import { indicatorsEnv } from './config';
import { SubmissionConsumer } from './aggregation/submission.consumer';

startService({
  name: SERVICE_NAME,
  title: 'Indicators API',
  description: 'Aggregates and provincial scorecards folded from the stream of submitted reports.',
  env: indicatorsEnv,
  binaryBodies: ['text/csv'],
  module: (config) => AppModule.forRoot(config),
  beforeListen: async (app, config) => {
    await connectConsumers(app, kafkaSettingsOf(config, SERVICE_NAME), config.KAFKA_GROUP_ID);
    await app.get(SubmissionConsumer).start(kafkaSettingsOf(config, SERVICE_NAME), config.KAFKA_GROUP_ID);
  },
});
