import { KafkaClient } from '../kafka/kafka-client';
import { OutboxFields } from './outbox-entry';
import { createEnvelope } from '@dtp/contracts';
import { Kafka, logLevel } from 'kafkajs';
import { infraEnv, readTopic, testDatabaseName, uniqueCode } from '@dtp/testing';
import mongoose, { Connection, Model, Schema } from 'mongoose';
import { DocumentLocks } from './document-locks';
import { outboxAppend } from './outbox-entry';
import { OutboxRelay } from './outbox-relay';

// A topic of its own: the platform's topics have consumers that would take these test events.
const TEST_TOPIC = 'test.outbox-relay.v1';

describe('OutboxRelay on FerretDB and Kafka', () => {
  const env = infraEnv();
  let connection: Connection;
  let model: Model<OutboxFields & { _id: string; state: number }>;
  let kafka: KafkaClient;

  beforeAll(async () => {
    connection = await mongoose.createConnection(env.MONGO_URL, { dbName: testDatabaseName('messaging') }).asPromise();
    model = connection.model<OutboxFields & { _id: string; state: number }>('Thing', new Schema({ _id: String, state: Number, outbox: Schema.Types.Mixed, outboxCount: Number }, { versionKey: false }));
    kafka = new KafkaClient({ brokers: env.KAFKA_BROKERS.split(','), clientId: 'outbox-test' });
    await kafka.ensureTopics();
    const admin = new Kafka({ clientId: 'outbox-test-admin', brokers: env.KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: TEST_TOPIC, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true }).finally(() => admin.disconnect());
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
    await kafka.onApplicationShutdown();
  });

  const eventsFor = (key: string, count: number) =>
    Array.from({ length: count }, (_, i) => createEnvelope('test.thing', 1, { source: 'test', key, data: { step: i } }));

  it('publishes pending events in the order written, then removes them from the document', async () => {
    const key = uniqueCode('K');
    const events = eventsFor(key, 3);
    await model.collection.insertOne({ _id: key, state: 1, ...outboxAppend(TEST_TOPIC, events).fields } as never);
    const relay = new OutboxRelay(model as unknown as Model<OutboxFields>, kafka, new DocumentLocks(), { pollIntervalMs: 60000, batchSize: 10 });

    expect(await relay.drainOnce()).toBeGreaterThanOrEqual(1);

    const seen = await readTopic(env.KAFKA_BROKERS, TEST_TOPIC, (m) => m.filter((x) => x.key === key).length >= 3);
    const mine = seen.filter((m) => m.key === key);
    expect(mine.map((m) => JSON.parse(m.value).data.step)).toEqual([0, 1, 2]);
    expect(mine.map((m) => m.headers['event-id'])).toEqual(events.map((e) => e.id));
    const doc = await model.findById(key).lean().exec();
    expect(doc).toMatchObject({ state: 1, outboxCount: 0, outbox: {} });
  });

  it('keeps an event that could not be published and publishes it on a later pass', async () => {
    const key = uniqueCode('K');
    const [event] = eventsFor(key, 1);
    await model.collection.insertOne({ _id: key, state: 1, ...outboxAppend('no.such.topic.v1', [event!]).fields } as never);
    const failing = new KafkaClient({ brokers: env.KAFKA_BROKERS.split(','), clientId: 'outbox-test-failing' });
    const relay = new OutboxRelay(model as unknown as Model<OutboxFields>, failing, new DocumentLocks(), { pollIntervalMs: 60000, batchSize: 10 });
    await expect(relay.drainOnce()).rejects.toThrow();
    await failing.onApplicationShutdown();
    expect((await model.findById(key).lean().exec())?.outboxCount).toBe(1);

    // Repoint the entry at a real topic, as an operator fixing a misconfiguration would.
    await model.updateOne({ _id: key }, { $set: { [`outbox.${event!.id}.topic`]: TEST_TOPIC } });
    const healthy = new OutboxRelay(model as unknown as Model<OutboxFields>, kafka, new DocumentLocks(), { pollIntervalMs: 60000, batchSize: 10 });
    await healthy.drainOnce();
    const seen = await readTopic(env.KAFKA_BROKERS, TEST_TOPIC, (m) => m.some((x) => x.headers['event-id'] === event!.id));
    expect(seen.some((m) => m.headers['event-id'] === event!.id)).toBe(true);
    expect((await model.findById(key).lean().exec())?.outboxCount).toBe(0);
  });

  it('loses no state written while the relay removes published entries from the same document', async () => {
    const key = uniqueCode('K');
    const locks = new DocumentLocks();
    await model.collection.insertOne({ _id: key, state: 0, outbox: {}, outboxCount: 0 } as never);
    const relay = new OutboxRelay(model as unknown as Model<OutboxFields>, kafka, locks, { pollIntervalMs: 20, batchSize: 10 });
    relay.start();
    for (let i = 1; i <= 20; i += 1) {
      const append = outboxAppend(TEST_TOPIC, eventsFor(key, 1));
      await locks.run(model.collection.collectionName, key, () =>
        model.updateOne({ _id: key }, { $inc: { state: 1, ...append.$inc }, $set: append.$set }).exec(),
      );
      relay.nudge();
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    await relay.stop();
    await relay.drainOnce();
    expect(await model.findById(key).lean().exec()).toMatchObject({ state: 20, outboxCount: 0 });
  });
});
