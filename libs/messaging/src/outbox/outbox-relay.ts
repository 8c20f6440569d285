import { Logger } from '@nestjs/common';
import { Model } from 'mongoose';
import { KafkaClient } from '../kafka/kafka-client';
import { DocumentLocks } from './document-locks';
import { OUTBOX_PENDING_FILTER, OutboxFields, pendingEntries } from './outbox-entry';

export interface OutboxRelayOptions {
  /** How often to look for entries nobody nudged about (after a crash or from another replica). */
  pollIntervalMs: number;
  batchSize: number;
}

/**
 * Publishes outbox entries to Kafka and then removes them: at least once, since a crash between
 * the two publishes again and consumers are idempotent. Nudged right after a write so events
 * leave at once; the poll catches whatever a previous process left behind.
 */
export class OutboxRelay {
  private readonly logger: Logger;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly model: Model<OutboxFields>,
    private readonly kafka: KafkaClient,
    private readonly locks: DocumentLocks,
    private readonly options: OutboxRelayOptions = { pollIntervalMs: 1000, batchSize: 100 },
  ) {
    this.logger = new Logger(`OutboxRelay(${model.collection.collectionName})`);
  }

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.nudge(), this.options.pollIntervalMs);
    this.nudge();
  }

  /** Drains now; if a drain is already running, runs once more after it. */
  nudge(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drainLoop().finally(() => {
      this.running = undefined;
    });
  }

  /** Stops polling and waits for the drain in flight, so shutdown loses nothing it started. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One pass over pending documents; returns how many documents it drained. */
  async drainOnce(): Promise<number> {
    const docs = await this.model
      .find(OUTBOX_PENDING_FILTER, { outbox: 1 })
      .limit(this.options.batchSize)
      .lean<Array<Partial<OutboxFields> & { _id: unknown }>>()
      .exec();
    for (const doc of docs) {
      for (const [eventId, entry] of pendingEntries(doc)) {
        await this.kafka.send(entry.topic, [
          { key: entry.key, value: entry.payload, headers: { 'event-id': eventId } },
        ]);
        await this.locks.run(this.model.collection.collectionName, doc._id, () =>
          this.model.updateOne(
            { _id: doc._id, [`outbox.${eventId}`]: { $exists: true } },
            { $unset: { [`outbox.${eventId}`]: '' }, $inc: { outboxCount: -1 } },
          ),
        );
      }
    }
    return docs.length;
  }

  private async drainLoop(): Promise<void> {
    do {
      this.again = false;
      try {
        while ((await this.drainOnce()) >= this.options.batchSize && !this.stopped) {
          // a full batch: there may be more
        }
      } catch (error) {
        this.logger.warn(`outbox drain failed, will retry: ${error instanceof Error ? error.message : String(error)}`);
      }
    } while (this.again && !this.stopped);
  }
}
