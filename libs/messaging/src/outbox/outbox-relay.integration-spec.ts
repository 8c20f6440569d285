import { KafkaClient, OutgoingMessage } from '../kafka/kafka-client';
import { OUTBOX_PENDING_FILTER, outboxAppend, OutboxFields } from './outbox-entry';
import { ABANDONED_MARKER_MS, OUTBOX_MARKERS, OutboxRelay, OutboxRelayOptions } from './outbox-relay';
import { createEnvelope } from '@dtp/contracts';
import { Kafka, logLevel } from 'kafkajs';
import { infraEnv, readTopic, readWholeTopic, testDatabaseName, uniqueCode } from '@dtp/testing';
import mongoose, { Connection, Model, Schema } from 'mongoose';
import { DocumentLocks } from './document-locks';
import { addOutboxFields } from './outbox-schema';

// A topic of its own: the platform's topics have consumers that would take these test events.
const TEST_TOPIC = 'test.outbox-relay.v1';

describe('OutboxRelay on FerretDB and Kafka', () => {
  const env = infraEnv();
  let connection: Connection;
  let model: Model<OutboxFields & { _id: string; state: number }>;
  let kafka: KafkaClient;

  beforeAll(async () => {
    connection = await mongoose.createConnection(env.MONGO_URL, { dbName: testDatabaseName('messaging') }).asPromise();
    const schema = addOutboxFields(new Schema({ _id: String, state: Number, group: String }, { versionKey: false }));
    model = connection.model<OutboxFields & { _id: string; state: number; group?: string }>('Thing', schema);
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

  /** What a writer does before the write that appends entries (OutboxRelay.expect). */
  const mark = (...keys: string[]) => new OutboxRelay(model as unknown as Model<OutboxFields>, kafka, new DocumentLocks()).expect(keys);

  const eventsFor = (key: string, count: number) =>
    Array.from({ length: count }, (_, i) => createEnvelope('test.thing', 1, { source: 'test', key, data: { step: i } }));

  it('publishes pending events in the order written, then removes them from the document', async () => {
    const key = uniqueCode('K');
    const events = eventsFor(key, 3);
    await mark(key);
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

  it('publishes what a write stored right after it, with no poll: each event once, a document’s in order, then removes them and the marker', async () => {
    // Writers hold the lock the relay's removal takes (as the services do): on FerretDB an update
    // racing the removal outside it is lost (docs/adr/0002), which made this test flaky.
    const locks = new DocumentLocks();
    const relay = new OutboxRelay(model as unknown as Model<OutboxFields>, kafka, locks, { pollIntervalMs: 60000, batchSize: 10 });
    const key = uniqueCode('K');
    const [first, second] = eventsFor(key, 2);
    // Two writes in a row, the second before the first's events were removed: its outbox holds both.
    const t1 = await relay.expect([key]);
    const one = outboxAppend(TEST_TOPIC, [first!]);
    await model.collection.insertOne({ _id: key, state: 1, ...one.fields } as never);
    const firstSent = relay.publishWritten({ _id: key, ...one.fields }, t1);
    const t2 = await relay.expect([key]);
    const two = outboxAppend(TEST_TOPIC, [second!], new Date(Date.now() + 1));
    await locks.run(model.collection.collectionName, key, () => model.updateOne({ _id: key }, { $set: { state: 2, ...two.$set }, $inc: two.$inc }));
    const secondSent = relay.publishWritten({ _id: key, outbox: { ...one.fields.outbox, ...two.fields.outbox }, outboxCount: 2 }, t2);
    await Promise.all([firstSent, secondSent]);

    const seen = await readTopic(env.KAFKA_BROKERS, TEST_TOPIC, (m) => m.filter((x) => x.key === key).length >= 2);
    expect(seen.filter((m) => m.key === key).map((m) => m.headers['event-id'])).toEqual([first!.id, second!.id]);
    expect(await model.findById(key).lean().exec()).toMatchObject({ state: 2, outboxCount: 0, outbox: {} });
    // The two removals raced the second write; the marker goes with the next pass, which sends nothing again.
    await relay.drainOnce();
    expect(await connection.collection(OUTBOX_MARKERS).findOne({ _id: `things/${key}` as never })).toBeNull();
    const after = await readWholeTopic(env.KAFKA_BROKERS, TEST_TOPIC);
    expect(after.filter((m) => m.key === key)).toHaveLength(2);
  });

  it('with replicas, leaves another replica’s fresh writes to it and takes them over once they are old', async () => {
    const options = { pollIntervalMs: 60000, batchSize: 10, foreignMarkerGraceMs: 60_000 };
    const writer = new OutboxRelay(model as unknown as Model<OutboxFields>, kafka, new DocumentLocks(), options);
    const other = new OutboxRelay(model as unknown as Model<OutboxFields>, kafka, new DocumentLocks(), options);
    const [fresh, stale] = [uniqueCode('K'), uniqueCode('K')];
    const [freshEvent] = eventsFor(fresh, 1);
    const [staleEvent] = eventsFor(stale, 1);
    // The writer marks and writes but has not published yet (its publishWritten is the one to do it).
    await writer.expect([fresh]);
    await model.collection.insertOne({ _id: fresh, state: 1, ...outboxAppend(TEST_TOPIC, [freshEvent!]).fields } as never);
    // A marker left two minutes ago by a replica that died before publishing.
    await writer.expect([stale]);
    await connection.collection(OUTBOX_MARKERS).updateOne({ _id: `things/${stale}` as never }, { $set: { token: 'a-replica-that-died', at: new Date(Date.now() - 120_000) } });
    await model.collection.insertOne({ _id: stale, state: 1, ...outboxAppend(TEST_TOPIC, [staleEvent!]).fields } as never);

    await other.drainOnce();
    expect((await model.findById(fresh).lean().exec())?.outboxCount).toBe(1);
    expect((await model.findById(stale).lean().exec())?.outboxCount).toBe(0);
    await writer.drainOnce();
    expect((await model.findById(fresh).lean().exec())?.outboxCount).toBe(0);

    const seen = await readTopic(env.KAFKA_BROKERS, TEST_TOPIC, (m) => m.some((x) => x.key === fresh) && m.some((x) => x.key === stale));
    expect(seen.filter((m) => m.key === fresh || m.key === stale).map((m) => m.headers['event-id']).sort()).toEqual([freshEvent!.id, staleEvent!.id].sort());
  });

  it('leaves what it could not send right after the write marked, for the poll', async () => {
    const key = uniqueCode('K');
    const [event] = eventsFor(key, 1);
    const failing = new KafkaClient({ brokers: env.KAFKA_BROKERS.split(','), clientId: 'outbox-test-failing-now' });
    const relay = new OutboxRelay(model as unknown as Model<OutboxFields>, failing, new DocumentLocks(), { pollIntervalMs: 60000, batchSize: 10 });
    const token = await relay.expect([key]);
    const append = outboxAppend('no.such.topic.v1', [event!]);
    await model.collection.insertOne({ _id: key, state: 1, ...append.fields } as never);
    await relay.publishWritten({ _id: key, ...append.fields }, token);
    await relay.stop();
    await failing.onApplicationShutdown();
    expect((await model.findById(key).lean().exec())?.outboxCount).toBe(1);
    expect(await connection.collection(OUTBOX_MARKERS).findOne({ _id: `things/${key}` as never })).not.toBeNull();
    // Not left for the other tests' passes to trip over.
    await model.deleteOne({ _id: key });
    await connection.collection(OUTBOX_MARKERS).deleteOne({ _id: `things/${key}` as never });
  });

  it('keeps an event that could not be published and publishes it on a later pass', async () => {
    const key = uniqueCode('K');
    const [event] = eventsFor(key, 1);
    await mark(key);
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
      await locks.run(model.collection.collectionName, key, async () => {
        await relay.expect([key]);
        await model.updateOne({ _id: key }, { $inc: { state: 1, ...append.$inc }, $set: append.$set }).exec();
      });
      relay.nudge();
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    await relay.stop();
    await relay.drainOnce();
    expect(await model.findById(key).lean().exec()).toMatchObject({ state: 20, outboxCount: 0 });
  });

  type Sent = { topic: string; messages: OutgoingMessage[] };

  /** The real client, recording each send that succeeded and running `before` ahead of each. */
  const recording = (before: (topic: string) => Promise<void> = async () => undefined) => {
    const sends: Sent[] = [];
    const client = {
      send: async (topic: string, messages: OutgoingMessage[]) => {
        await before(topic);
        await kafka.send(topic, messages);
        sends.push({ topic, messages });
      },
    } as unknown as KafkaClient;
    return { client, sends, eventIds: () => sends.flatMap((s) => s.messages.map((m) => m.headers?.['event-id'])) };
  };
  const relayWith = (client: KafkaClient, options: Partial<OutboxRelayOptions> = {}, locks = new DocumentLocks()) =>
    new OutboxRelay(model as unknown as Model<OutboxFields>, client, locks, { pollIntervalMs: 60000, batchSize: 100, ...options });
  const stored = (key: string) => model.findById(key).lean().exec();

  it('flags a document in the write that appends and clears the flag only once everything is published', async () => {
    const key = uniqueCode('K');
    const [good, stuck] = eventsFor(key, 2);
    await mark(key);
    await model.collection.insertOne({ _id: key, state: 1, ...outboxAppend(TEST_TOPIC, [good!]).fields } as never);
    await model.updateOne({ _id: key }, (({ $set, $inc }) => ({ $set, $inc }))(outboxAppend('broken.topic.v1', [stuck!])));
    expect(await stored(key)).toMatchObject({ outboxCount: 2, outboxPending: true });

    const broken = recording(async (topic) => {
      if (topic === 'broken.topic.v1') throw new Error('topic unavailable');
    });
    await expect(relayWith(broken.client).drainOnce()).rejects.toThrow('topic unavailable');
    expect(broken.eventIds()).toEqual([good!.id]);
    // The published entry is gone; the other still waits, so the flag stays.
    expect(await stored(key)).toMatchObject({ outboxCount: 1, outboxPending: true, outbox: { [stuck!.id]: expect.anything() } });

    await model.updateOne({ _id: key }, { $set: { [`outbox.${stuck!.id}.topic`]: TEST_TOPIC } });
    const healthy = recording();
    await relayWith(healthy.client).drainOnce();
    expect(healthy.eventIds()).toEqual([stuck!.id]);
    expect(await stored(key)).toMatchObject({ state: 1, outboxCount: 0, outboxPending: false, outbox: {} });
  });

  it('publishes a batch of documents with one send per topic, each document in order', async () => {
    const keys = [uniqueCode('K'), uniqueCode('K'), uniqueCode('K')];
    const events = keys.map((key) => eventsFor(key, 2));
    await mark(...keys);
    for (const [i, key] of keys.entries()) await model.collection.insertOne({ _id: key, state: 1, ...outboxAppend(TEST_TOPIC, events[i]!).fields } as never);

    const counted = recording();
    expect(await relayWith(counted.client).drainOnce()).toBe(3);
    expect(counted.sends).toHaveLength(1);
    for (const [i, key] of keys.entries()) {
      const mine = counted.sends[0]!.messages.filter((m) => m.key === key).map((m) => m.headers?.['event-id']);
      expect(mine).toEqual(events[i]!.map((e) => e.id));
      expect(await stored(key)).toMatchObject({ outboxCount: 0, outboxPending: false });
    }
  });

  it('strands nothing appended while the relay publishes: the flag stays and a later pass sends it', async () => {
    const key = uniqueCode('K');
    const locks = new DocumentLocks();
    const [first, late] = eventsFor(key, 2);
    await mark(key);
    await model.collection.insertOne({ _id: key, state: 1, ...outboxAppend(TEST_TOPIC, [first!]).fields } as never);
    let appended = false;
    // A writer appends between the relay's read and its removal.
    const racing = recording(async () => {
      if (appended) return;
      appended = true;
      const append = outboxAppend(TEST_TOPIC, [late!]);
      await locks.run(model.collection.collectionName, key, async () => {
        await mark(key);
        await model.updateOne({ _id: key }, { $set: { ...append.$set, state: 2 }, $inc: append.$inc }).exec();
      });
    });

    await relayWith(racing.client, {}, locks).drainOnce();
    expect(racing.eventIds()).toEqual([first!.id]);
    expect(await stored(key)).toMatchObject({ state: 2, outboxCount: 1, outboxPending: true, outbox: { [late!.id]: expect.anything() } });

    await relayWith(racing.client, {}, locks).drainOnce();
    expect(racing.eventIds()).toEqual([first!.id, late!.id]);
    expect(await stored(key)).toMatchObject({ state: 2, outboxCount: 0, outboxPending: false, outbox: {} });
  });

  it('counts exactly when another relay removed some of the same entries meanwhile', async () => {
    const key = uniqueCode('K');
    const [first, second] = eventsFor(key, 2);
    await mark(key);
    await model.collection.insertOne({ _id: key, state: 1, ...outboxAppend(TEST_TOPIC, [first!, second!]).fields } as never);
    // Another process's relay published and removed the first entry while this one was sending.
    const overtaken = recording(() =>
      model.updateOne({ _id: key }, { $unset: { [`outbox.${first!.id}`]: '' }, $inc: { outboxCount: -1 } }).exec().then(() => undefined),
    );
    await relayWith(overtaken.client).drainOnce();
    expect(await stored(key)).toMatchObject({ outboxCount: 0, outbox: {} });
    // Whether a writer appended could not be told from that race, so the next pass clears the flag.
    await relayWith(overtaken.client).drainOnce();
    expect(await stored(key)).toMatchObject({ outboxCount: 0, outboxPending: false });
  });

  it('publishes, once started, a document written before the flag existed', async () => {
    const key = uniqueCode('K');
    const events = eventsFor(key, 2);
    const { outboxPending: _omitted, ...legacy } = outboxAppend(TEST_TOPIC, events).fields;
    await model.collection.insertOne({ _id: key, state: 1, ...legacy } as never);
    expect(await model.countDocuments({ _id: key, ...OUTBOX_PENDING_FILTER })).toBe(0);
    // As in a database that has never had markers: relays started by earlier tests recorded the one-off sweep.
    await connection.db!.collection(OUTBOX_MARKERS).deleteOne({ _id: `${model.collection.collectionName}/*marked*` as never });

    const sent = recording();
    const relay = relayWith(sent.client, { pollIntervalMs: 50 });
    relay.start();
    try {
      await eventually(async () => (await stored(key))?.outboxCount === 0);
    } finally {
      await relay.stop();
    }
    expect(sent.eventIds()).toEqual(events.map((e) => e.id));
    expect(await stored(key)).toMatchObject({ outboxCount: 0, outboxPending: false, outbox: {} });
  });

  it('finds pending work through markers and documents by _id, both filtered by PostgreSQL, not by reading the collection', async () => {
    await model.collection.insertOne({ _id: uniqueCode('K'), state: 1, outbox: {}, outboxCount: 0 } as never);
    const explain = (collection: string, filter: object) => connection.db!.command({ explain: { find: collection, filter } });
    // The platform's store is FerretDB (ADR 2); its explain says whether PostgreSQL did the filtering.
    const poll = await explain(OUTBOX_MARKERS, { collection: model.collection.collectionName });
    expect(poll.serverInfo?.ferretdbVersion).toBeDefined();
    expect(poll.filterPushdown).toBe(true);
    // A document read by _id is an index lookup (tools/infra/ferretdb-id-equality.patch, ADR 2).
    const byId = await explain(model.collection.collectionName, { _id: 'any' });
    expect(byId.queryPlanner?.Plan?.['Node Type']).toBe('Index Scan');
    // The filter this replaced: FerretDB fetched and filtered the whole collection itself, every poll.
    expect((await explain(model.collection.collectionName, { outboxCount: { $gt: 0 } })).filterPushdown).toBe(false);
  });

  it('leaves no marker once everything is published, so an idle poll reads nothing', async () => {
    const key = uniqueCode('K');
    await mark(key);
    await model.collection.insertOne({ _id: key, state: 1, ...outboxAppend(TEST_TOPIC, eventsFor(key, 2)).fields } as never);
    const markers = connection.db!.collection(OUTBOX_MARKERS);
    expect(await markers.countDocuments({ _id: `${model.collection.collectionName}/${key}` as never })).toBe(1);
    await relayWith(kafka).drainOnce();
    expect(await markers.countDocuments({ _id: `${model.collection.collectionName}/${key}` as never })).toBe(0);
    // A marker put down before an insert that has not happened yet stays: the writer is between the two.
    const pending = `${model.collection.collectionName}/not-yet-written`;
    await mark('not-yet-written');
    await relayWith(kafka).drainOnce();
    expect(await markers.countDocuments({ _id: pending as never })).toBe(1);
    // Once old, it was left by a writer that never wrote (a crash between the two), and goes.
    await markers.updateOne({ _id: pending as never }, { $set: { at: new Date(Date.now() - ABANDONED_MARKER_MS - 1000) } });
    await relayWith(kafka).drainOnce();
    expect(await markers.countDocuments({ _id: pending as never })).toBe(0);
  });

  it('holds a document until it is ready, then publishes it and deletes it when asked to', async () => {
    const key = uniqueCode('K');
    const events = eventsFor(key, 2);
    await mark(key);
    await model.collection.insertOne({ _id: key, state: 0, sealed: false, ...outboxAppend(TEST_TOPIC, events).fields } as never);
    const sent = recording();
    const relay = relayWith(sent.client, { lockFields: ['sealed'], readyWhen: (doc) => doc['sealed'] === true, deleteWhenPublished: true });
    await relay.drainOnce();
    expect(sent.eventIds()).toEqual([]);
    expect(await stored(key)).toMatchObject({ outboxCount: 2 });
    await model.collection.updateOne({ _id: key as never }, { $set: { sealed: true } });
    await relay.drainOnce();
    expect(sent.eventIds()).toEqual(events.map((e) => e.id));
    expect(await stored(key)).toBeNull();
    expect(await connection.db!.collection(OUTBOX_MARKERS).countDocuments({ _id: `${model.collection.collectionName}/${key}` as never })).toBe(0);
  });

  it('removes entries under the lock writers hold when lockOf maps several documents to one key', async () => {
    const group = uniqueCode('G');
    const keys = [uniqueCode('K'), uniqueCode('K')];
    const locks = new DocumentLocks();
    for (const key of keys) await model.collection.insertOne({ _id: key, group, state: 0, outbox: {}, outboxCount: 0 } as never);
    const relay = relayWith(kafka, { pollIntervalMs: 20, lockOf: (doc) => ({ collection: 'fold', id: String(doc['group']) }), lockFields: ['group'] }, locks);
    relay.start();
    for (let i = 1; i <= 15; i += 1) {
      // Like a fold: one lock for the group, several documents written under it.
      await locks.run('fold', group, async () => {
        await relay.expect(keys);
        for (const key of keys) {
          const append = outboxAppend(TEST_TOPIC, eventsFor(key, 1));
          await model.updateOne({ _id: key }, { $inc: { state: 1, ...append.$inc }, $set: append.$set }).exec();
        }
      });
      relay.nudge();
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    await relay.stop();
    await relay.drainOnce();
    for (const key of keys) expect(await stored(key)).toMatchObject({ state: 15, outboxCount: 0, outboxPending: false, outbox: {} });
  });
});

async function eventually(check: () => Promise<boolean>, timeoutMs = 10000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
