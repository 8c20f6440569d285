import { Logger } from '@nestjs/common';
import { Topic } from '@dtp/contracts';
import { withCorrelationId } from '@dtp/platform';
import { Consumer, EachBatchPayload, Kafka, logLevel } from 'kafkajs';
import { z } from 'zod';
import { KafkaSettings } from '../kafka/kafka-settings';
import { ConsumedMessage, EnvelopeConsumer, RetryPolicy } from './envelope-consumer';
import { watchConsumerLiveness } from '../kafka/consumer-liveness';

export interface BatchConsumerOptions<TEvent> {
  topic: Topic;
  groupId: string;
  schema: z.ZodType<TEvent>;
  /** Handles a batch of valid events in delivery order; must be idempotent (at least once). */
  handle: (events: TEvent[]) => Promise<void>;
  /** At most this many messages go to one `handle` call. */
  maxBatch?: number;
  retry?: RetryPolicy;
}

const DEFAULT_RETRY: RetryPolicy = { attempts: 4, initialDelayMs: 200 };

/**
 * A consumer that hands a partition's messages to its handler in batches (kafkajs `eachBatch`),
 * for folds that write each document once per batch instead of once per message. Offsets are
 * resolved and committed only after the handler stored the batch. Invalid messages are parked on
 * the dead-letter topic with the reason; a batch that keeps failing is retried message by
 * message, so only the poison message is parked and the partition moves on.
 */
export class EnvelopeBatchConsumer<TEvent extends { correlationId: string; id: string }> {
  private readonly logger: Logger;
  private readonly consumer: Consumer;
  private readonly liveness: { failure(): Error | undefined };

  constructor(
    settings: KafkaSettings,
    private readonly envelopes: EnvelopeConsumer,
    private readonly options: BatchConsumerOptions<TEvent>,
  ) {
    this.logger = new Logger(`EnvelopeBatchConsumer(${options.topic})`);
    const kafka = new Kafka({ clientId: settings.clientId, brokers: settings.brokers, logLevel: logLevel.WARN, retry: { retries: 8 } });
    this.consumer = kafka.consumer({ groupId: options.groupId, allowAutoTopicCreation: false, sessionTimeout: 30000, heartbeatInterval: 3000 });
    this.liveness = watchConsumerLiveness(`${options.groupId} ${options.topic}`, this.consumer);
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [this.options.topic], fromBeginning: true });
    await this.consumer.run({
      eachBatchAutoResolve: false,
      // Partitions are provinces' queues: fold several at once (each under its own province's lock).
      partitionsConsumedConcurrently: 3,
      eachBatch: (payload) => this.eachBatch(payload),
    });
  }

  /** Undefined while consuming; the error once the consumer crashed for good (for liveness). */
  failure(): Error | undefined {
    return this.liveness.failure();
  }

  stop(): Promise<void> {
    return this.consumer.disconnect();
  }

  private async eachBatch({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const size = this.options.maxBatch ?? 500;
    for (let start = 0; start < batch.messages.length; start += size) {
      if (!isRunning() || isStale()) return;
      const chunk = batch.messages.slice(start, start + size).map(
        (m): ConsumedMessage => ({ topic: batch.topic as Topic, partition: batch.partition, offset: m.offset, key: m.key?.toString() ?? null, value: m.value?.toString() ?? null }),
      );
      const parsed: Array<{ message: ConsumedMessage; event: TEvent }> = [];
      for (const message of chunk) {
        const event = await this.envelopes.parse(message, this.options.schema);
        if (event !== undefined) parsed.push({ message, event });
      }
      if (parsed.length > 0) await this.handleWithRetries(parsed, heartbeat);
      const last = chunk[chunk.length - 1];
      if (last) resolveOffset(last.offset);
      await heartbeat();
      await commitOffsetsIfNecessary();
    }
  }

  private async handleWithRetries(parsed: Array<{ message: ConsumedMessage; event: TEvent }>, heartbeat: () => Promise<void>): Promise<void> {
    const retry = this.options.retry ?? DEFAULT_RETRY;
    const first = parsed[0]?.message.offset;
    const last = parsed[parsed.length - 1];
    let delay = retry.initialDelayMs;
    for (let attempt = 1; attempt <= retry.attempts; attempt += 1) {
      try {
        await withCorrelationId(last?.event.correlationId ?? '', () => this.options.handle(parsed.map((p) => p.event)));
        return;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        this.logger.warn(`batch of ${parsed.length} (offsets ${first}..${last?.message.offset}) attempt ${attempt} failed: ${reason}`);
        await heartbeat();
        await sleep(delay);
        delay *= 2;
      }
    }
    // Still failing: one by one, so only the message that cannot be handled is parked.
    for (const { message } of parsed) {
      await this.envelopes.consume(message, this.options.schema, (event) => this.options.handle([event as unknown as TEvent]), retry);
      await heartbeat();
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A Nest provider that owns one EnvelopeBatchConsumer: `start` once the app is up (main.ts's
 * `beforeListen`), `failure` for liveness, stopped with the app. Subclasses say what they consume.
 */
export abstract class BatchConsumerProvider<TEvent extends { correlationId: string; id: string }> {
  private consumer?: EnvelopeBatchConsumer<TEvent>;

  protected constructor(private readonly envelopes: EnvelopeConsumer) {}

  /** The consumer's topic, group (derived from the service's) and handler. */
  protected abstract optionsFor(groupId: string): BatchConsumerOptions<TEvent>;

  async start(settings: KafkaSettings, groupId: string): Promise<void> {
    this.consumer = new EnvelopeBatchConsumer(settings, this.envelopes, this.optionsFor(groupId));
    await this.consumer.start();
  }

  /** The consumer's fatal error, if it stopped for good. */
  failure(): Error | undefined {
    return this.consumer?.failure();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }
}
