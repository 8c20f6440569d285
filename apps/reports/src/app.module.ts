import { DynamicModule, Module } from '@nestjs/common';
import { getConnectionToken, MongooseModule } from '@nestjs/mongoose';
import { KafkaClient, kafkaReadiness, MessagingModule } from '@dtp/messaging';
import { kafkaSettingsOf, mongoReadiness, PlatformModule } from '@dtp/platform';
import { Connection } from 'mongoose';
import { ReportsConfig } from './config';
import { SubmissionsModule } from './submissions/submissions.module';

export const SERVICE_NAME = 'reports';

@Module({})
export class AppModule {
  static forRoot(config: ReportsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        MongooseModule.forRoot(config.MONGO_URL, { dbName: config.MONGO_DB, serverSelectionTimeoutMS: 5000 }),
        MessagingModule.forRoot(kafkaSettingsOf(config, SERVICE_NAME), { pollIntervalMs: config.OUTBOX_POLL_MS, batchSize: 100 }),
        PlatformModule.forRoot({
          readiness: {
            inject: [getConnectionToken(), KafkaClient],
            useFactory: (connection: Connection, kafka: KafkaClient) => [mongoReadiness(connection), kafkaReadiness(kafka)],
          },
        }),
        SubmissionsModule,
      ],
    };
  }
}
