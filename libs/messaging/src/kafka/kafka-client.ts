import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ALL_TOPICS, COMPACTED_TOPICS, deadLetterTopicOf, Topic } from '@dtp/contracts';
import { Admin, CompressionTypes, IHeaders, Kafka, logLevel, Partitioners, Producer } from 'kafkajs';
import { KAFKA_SETTINGS, KafkaSettings } from './kafka-settings';

export interface OutgoingMessage {
  key: string;
  value: string;
  headers?: IHeaders;
}

/**
 * The only place that holds kafkajs objects: one producer and one admin client per process,
 * connected on first use. acks from all in-sync replicas and one request in flight keep a key's
 * events in order; a retried send may still duplicate, which idempotent consumers absorb
 * (kafkajs' idempotent mode would need unbounded retries, so a send could hang forever).
 */
@Injectable()
export class KafkaClient implements OnApplicationShutdown {
  private readonly logger = new Logger(KafkaClient.name);
  private readonly kafka: Kafka;
  private producer?: Promise<Producer>;
  private admin?: Promise<Admin>;

  constructor(@Inject(KAFKA_SETTINGS) settings: KafkaSettings) {
    this.kafka = new Kafka({
      clientId: settings.clientId,
      brokers: settings.brokers,
      logLevel: logLevel.WARN,
      retry: { retries: 8 },
    });
  }

  async send(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const producer = await this.connectedProducer();
    await producer.send({ topic, acks: -1, compression: CompressionTypes.None, messages });
  }

  /** Creates the platform's topics and their dead-letter topics where missing. Safe to repeat. */
  async ensureTopics(topics: readonly Topic[] = ALL_TOPICS, numPartitions = 3): Promise<void> {
    const admin = await this.connectedAdmin();
    const existing = new Set(await admin.listTopics());
    const wanted = topics.flatMap((t) => [t, deadLetterTopicOf(t)]).filter((t) => !existing.has(t));
    if (wanted.length === 0) return;
    await admin.createTopics({
      waitForLeaders: true,
      topics: wanted.map((topic) => ({
        topic,
        numPartitions,
        replicationFactor: -1,
        ...(COMPACTED_TOPICS.has(topic as Topic) ? { configEntries: [{ name: 'cleanup.policy', value: 'compact' }] } : {}),
      })),
    });
    this.logger.log(`created topics ${wanted.join(', ')}`);
  }

  async ping(): Promise<void> {
    const admin = await this.connectedAdmin();
    await admin.describeCluster();
  }

  async onApplicationShutdown(): Promise<void> {
    const closing = [this.producer, this.admin].map(async (client) => {
      if (!client) return;
      try {
        await (await client).disconnect();
      } catch {
        // already gone: nothing left to flush
      }
    });
    await Promise.all(closing);
  }

  private connectedProducer(): Promise<Producer> {
    this.producer ??= connectOrForget(
      this.kafka.producer({ maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner }),
      () => (this.producer = undefined),
    );
    return this.producer;
  }

  private connectedAdmin(): Promise<Admin> {
    this.admin ??= connectOrForget(this.kafka.admin(), () => (this.admin = undefined));
    return this.admin;
  }
}

/** Connects; on failure forgets the attempt so the next call retries instead of failing forever. */
async function connectOrForget<T extends { connect(): Promise<void> }>(client: T, forget: () => void): Promise<T> {
  try {
    await client.connect();
    return client;
  } catch (error) {
    forget();
    throw error;
  }
}
