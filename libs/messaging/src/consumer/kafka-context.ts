import { KafkaContext } from '@nestjs/microservices';
import { Topic } from '@dtp/contracts';
import { ConsumedMessage } from './envelope-consumer';

/** Adapts Nest's KafkaContext to what EnvelopeConsumer reads, so consumers never touch kafkajs types. */
export function consumedMessage(context: KafkaContext, payload: unknown): ConsumedMessage {
  const message = context.getMessage();
  return {
    topic: context.getTopic() as Topic,
    partition: context.getPartition(),
    offset: message.offset,
    key: message.key === null || message.key === undefined ? null : message.key.toString(),
    value: payload,
  };
}
