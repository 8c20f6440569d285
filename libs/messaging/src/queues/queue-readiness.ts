import { getQueueToken } from '@nestjs/bull';
import { DynamicModule, Type } from '@nestjs/common';
import { Queue } from 'bull';
import { ServiceInfrastructureOptions } from '../service-infrastructure';

/** Readiness on Redis, for a service whose work waits in bull queues: its queue's client answers a ping. */
export function redisQueueReadiness(queueModule: Type | DynamicModule, queueName: string): NonNullable<ServiceInfrastructureOptions['readiness']> {
  return {
    imports: [queueModule],
    inject: [getQueueToken(queueName)],
    useFactory: (queue: Queue) => [{ name: 'redis', check: async () => void (await queue.client.ping()) }],
  };
}
