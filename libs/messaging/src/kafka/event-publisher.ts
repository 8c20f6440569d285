import { Injectable } from '@nestjs/common';
import { EventEnvelope } from '@dtp/contracts';
import { KafkaClient } from './kafka-client';

/** Typed publishing of envelopes: the key and type travel as headers too, for tools that read only headers. */
@Injectable()
export class EventPublisher {
  constructor(private readonly kafka: KafkaClient) {}

  async publish(topic: string, events: EventEnvelope<string, unknown>[]): Promise<void> {
    await this.kafka.send(
      topic,
      events.map((event) => ({
        key: event.key,
        value: JSON.stringify(event),
        headers: { 'event-id': event.id, 'event-type': event.type, 'event-version': String(event.version), 'correlation-id': event.correlationId },
      })),
    );
  }
}
