import { DynamicModule, Global, Module } from '@nestjs/common';
import { EnvelopeConsumer } from '../consumer/envelope-consumer';
import { DocumentLocks } from '../outbox/document-locks';
import { OUTBOX_RELAY_OPTIONS } from '../outbox/outbox-publisher';
import { OutboxRelayOptions } from '../outbox/outbox-relay';
import { KafkaClient } from './kafka-client';
import { KAFKA_SETTINGS, KafkaSettings } from './kafka-settings';

@Global()
@Module({})
export class MessagingModule {
  static forRoot(settings: KafkaSettings, outbox: OutboxRelayOptions = { pollIntervalMs: 1000, batchSize: 100 }): DynamicModule {
    return {
      module: MessagingModule,
      providers: [
        { provide: KAFKA_SETTINGS, useValue: settings },
        { provide: OUTBOX_RELAY_OPTIONS, useValue: outbox },
        KafkaClient,
        EnvelopeConsumer,
        DocumentLocks,
      ],
      exports: [KafkaClient, EnvelopeConsumer, DocumentLocks, OUTBOX_RELAY_OPTIONS],
    };
  }
}
