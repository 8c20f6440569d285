import { KafkaOptions, Transport } from '@nestjs/microservices';
import { logLevel, Partitioners } from 'kafkajs';

export interface KafkaSettings {
  brokers: string[];
  clientId: string;
}

export const KAFKA_SETTINGS = Symbol('KAFKA_SETTINGS');

/**
 * The Nest Kafka transport for a service's consumers. No postfix on ids, so the consumer group
 * is exactly `<service>` and shows up as such in the broker's tools.
 */
export function kafkaConsumerTransport(settings: KafkaSettings, groupId: string): KafkaOptions {
  return {
    transport: Transport.KAFKA,
    options: {
      postfixId: '',
      client: { clientId: settings.clientId, brokers: settings.brokers, logLevel: logLevel.WARN, retry: { retries: 8 } },
      consumer: { groupId, allowAutoTopicCreation: false, sessionTimeout: 30000, heartbeatInterval: 3000 },
      producer: { createPartitioner: Partitioners.DefaultPartitioner },
      subscribe: { fromBeginning: true },
      run: { autoCommit: true },
    },
  };
}
