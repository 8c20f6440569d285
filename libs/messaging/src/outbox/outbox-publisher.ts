import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy, Type } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { KafkaClient } from '../kafka/kafka-client';
import { DocumentLocks } from './document-locks';
import { OutboxFields } from './outbox-entry';
import { OutboxDocument, OutboxLockOptions, OutboxRelay, OutboxRelayOptions } from './outbox-relay';

export const OUTBOX_RELAY_OPTIONS = Symbol('OUTBOX_RELAY_OPTIONS');

export interface OutboxPublisher {
  /** Marks documents about to receive entries; await it before the write that appends them. Returns the marks' token. */
  expect(ids: readonly unknown[]): Promise<string>;
  /** Publish now rather than at the next poll; call after a write that appended events. */
  nudge(): void;
  /**
   * Publish what one write just stored (the document's `_id` and outbox as written, and the token
   * `expect` returned), without a poll or a read; what fails is left to the poll.
   */
  publishWritten(doc: OutboxDocument, token: string): Promise<void>;
}

/**
 * A provider that relays one collection's outbox for as long as the app runs:
 * `class SubmissionOutbox extends OutboxPublisherFor(Submission.name) {}`. Pass `lockOptions` when
 * the collection's writers lock something other than the document itself, e.g.
 * `OutboxPublisherFor(Aggregate.name, { lockOf: (d) => ({ collection: 'fold', id: String(d.provinceCode) }), lockFields: ['provinceCode'] })`.
 */
export function OutboxPublisherFor(modelName: string, lockOptions: OutboxLockOptions = {}): Type<OutboxPublisher> {
  @Injectable()
  class Publisher implements OutboxPublisher, OnApplicationBootstrap, OnModuleDestroy {
    private readonly relay: OutboxRelay;

    constructor(
      @InjectModel(modelName) model: Model<OutboxFields>,
      kafka: KafkaClient,
      locks: DocumentLocks,
      @Inject(OUTBOX_RELAY_OPTIONS) options: OutboxRelayOptions,
    ) {
      this.relay = new OutboxRelay(model, kafka, locks, { ...options, ...lockOptions });
    }

    onApplicationBootstrap(): void {
      this.relay.start();
    }

    expect(ids: readonly unknown[]): Promise<string> {
      return this.relay.expect(ids);
    }

    publishWritten(doc: OutboxDocument, token: string): Promise<void> {
      return this.relay.publishWritten(doc, token);
    }

    nudge(): void {
      this.relay.nudge();
    }

    onModuleDestroy(): Promise<void> {
      return this.relay.stop();
    }
  }
  return Publisher;
}
