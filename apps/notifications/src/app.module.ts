import { BullModule, getQueueToken } from '@nestjs/bull';
import { DynamicModule, Module } from '@nestjs/common';
import { getConnectionToken, MongooseModule } from '@nestjs/mongoose';
import { KafkaClient, kafkaReadiness, MessagingModule } from '@dtp/messaging';
import { kafkaSettingsOf, mongoReadiness, PlatformModule } from '@dtp/platform';
import { Queue } from 'bull';
import { Connection } from 'mongoose';
import { NotificationsConfig } from './config';
import { Queues } from './queues/queues';
import { ObligationsModule } from './submissions/obligations.module';

export const SERVICE_NAME = 'notifications';

@Module({})
export class AppModule {
  static forRoot(config: NotificationsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        MongooseModule.forRoot(config.MONGO_URL, { dbName: config.MONGO_DB, serverSelectionTimeoutMS: 5000 }),
        MessagingModule.forRoot(kafkaSettingsOf(config, SERVICE_NAME)),
        BullModule.forRoot({ redis: config.REDIS_URL, prefix: config.QUEUE_PREFIX }),
        PlatformModule.forRoot({
          readiness: {
            imports: [ObligationsModule],
            inject: [getConnectionToken(), KafkaClient, getQueueToken(Queues.Obligations)],
            useFactory: (connection: Connection, kafka: KafkaClient, queue: Queue) => [
              mongoReadiness(connection),
              kafkaReadiness(kafka),
              { name: 'redis', check: async () => void (await queue.client.ping()) },
            ],
          },
        }),
        ObligationsModule,
      ],
    };
  }
}
