import { BullModule, getQueueToken } from '@nestjs/bull';
import { DynamicModule, Module } from '@nestjs/common';
import { serviceInfrastructure } from '@dtp/messaging';
import { Queue } from 'bull';
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
        ...serviceInfrastructure({
          service: SERVICE_NAME,
          env: config,
          readiness: {
            imports: [ObligationsModule],
            inject: [getQueueToken(Queues.Obligations)],
            useFactory: (queue: Queue) => [{ name: 'redis', check: async () => void (await queue.client.ping()) }],
          },
        }),
        BullModule.forRoot({ redis: config.REDIS_URL, prefix: config.QUEUE_PREFIX }),
        ObligationsModule,
      ],
    };
  }
}
