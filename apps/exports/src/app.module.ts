import { DynamicModule, Module } from '@nestjs/common';
import { getConnectionToken, MongooseModule } from '@nestjs/mongoose';
import { KafkaClient, kafkaReadiness, MessagingModule } from '@dtp/messaging';
import { kafkaSettingsOf, mongoReadiness, PlatformModule } from '@dtp/platform';
import { Connection } from 'mongoose';
import { ExportsConfig } from './config';
import { ScorecardsModule } from './scorecards/scorecards.module';

export const SERVICE_NAME = 'exports';

@Module({})
export class AppModule {
  static forRoot(config: ExportsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        MongooseModule.forRoot(config.MONGO_URL, { dbName: config.MONGO_DB, serverSelectionTimeoutMS: 5000 }),
        MessagingModule.forRoot(kafkaSettingsOf(config, SERVICE_NAME)),
        PlatformModule.forRoot({
          readiness: {
            inject: [getConnectionToken(), KafkaClient],
            useFactory: (connection: Connection, kafka: KafkaClient) => [mongoReadiness(connection), kafkaReadiness(kafka)],
          },
        }),
        ScorecardsModule,
      ],
    };
  }
}
