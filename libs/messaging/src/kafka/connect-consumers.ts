import { INestApplication } from '@nestjs/common';
import type { Consumer } from 'kafkajs';
import { watchConsumerLiveness } from './consumer-liveness';
import { KafkaClient } from './kafka-client';
import { kafkaConsumerTransport, KafkaSettings } from './kafka-settings';

/**
 * Creates the topics first (consumers of a missing topic fail with auto-creation off), then
 * attaches the app's @EventPattern handlers to Kafka as consumer group `groupId`.
 */
export async function connectConsumers(app: INestApplication, settings: KafkaSettings, groupId: string): Promise<void> {
  await app.get(KafkaClient).ensureTopics();
  const microservice = app.connectMicroservice(kafkaConsumerTransport(settings, groupId), { inheritAppConfig: true });
  await app.startAllMicroservices();
  const [, consumer] = microservice.unwrap<[unknown, Consumer | null, unknown]>();
  if (consumer) watchConsumerLiveness(`${groupId} (event handlers)`, consumer);
}
