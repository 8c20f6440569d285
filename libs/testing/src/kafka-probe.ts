import { randomUUID } from 'node:crypto';
import { IHeaders, Kafka, logLevel } from 'kafkajs';

export interface ReadMessage {
  key: string | null;
  value: string;
  headers: Record<string, string>;
  partition: number;
  offset: string;
}

/**
 * Messages older than this belong to earlier test files or runs: a long-lived local broker holds
 * far more history than a test can read in its time (a minute of slack for the clock).
 */
const READ_FROM = Date.now() - 60_000;

/** Where each partition's messages since READ_FROM begin (the end, where there are none). */
async function offsetsSinceStart(kafka: Kafka, topic: string): Promise<Array<{ partition: number; offset: string }>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await admin.fetchTopicOffsetsByTimestamp(topic, READ_FROM);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Reads a topic, from what was published since this test file began, with a throwaway consumer
 * group until `until` holds for the messages collected, so tests assert on what actually reached
 * the broker.
 */
export async function readTopic(
  brokers: string,
  topic: string,
  until: (messages: ReadMessage[]) => boolean,
  timeoutMs = 20000,
): Promise<ReadMessage[]> {
  const kafka = new Kafka({ clientId: 'test-probe', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `test-probe-${randomUUID()}` });
  const messages: ReadMessage[] = [];
  const starts = await offsetsSinceStart(kafka, topic);
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out reading ${topic}; saw ${messages.length} messages`)), timeoutMs);
      void consumer.run({
        eachMessage: async ({ message, partition }) => {
          messages.push({
            key: message.key?.toString() ?? null,
            value: message.value?.toString() ?? '',
            headers: headersOf(message.headers),
            partition,
            offset: message.offset,
          });
          if (until(messages)) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
      for (const { partition, offset } of starts) consumer.seek({ topic, partition, offset });
    });
    return messages;
  } finally {
    await consumer.disconnect();
  }
}

/**
 * Reads everything a topic holds right now, since this test file began: up to the end each
 * partition had when called. A count of messages is no stopping rule, because partitions arrive in
 * any order.
 */
export async function readWholeTopic(brokers: string, topic: string, timeoutMs = 20000): Promise<ReadMessage[]> {
  const kafka = new Kafka({ clientId: 'test-admin', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const starts = new Map((await offsetsSinceStart(kafka, topic)).map((s) => [s.partition, Number(s.offset)]));
  const filled = ends.filter((end) => Number(end.high) > Math.max(Number(end.low), starts.get(end.partition) ?? 0));
  if (filled.length === 0) return [];
  const reachedEnd = (messages: ReadMessage[]) =>
    filled.every((end) => messages.some((m) => m.partition === end.partition && Number(m.offset) >= Number(end.high) - 1));
  return readTopic(brokers, topic, reachedEnd, timeoutMs);
}

/** Publishes raw messages, as a misbehaving or duplicating producer would. */
export async function produceRaw(brokers: string, topic: string, messages: Array<{ key: string; value: string }>): Promise<void> {
  const kafka = new Kafka({ clientId: 'test-producer', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages });
  } finally {
    await producer.disconnect();
  }
}

function headersOf(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k, Buffer.isBuffer(v) ? v.toString() : String(v)]));
}

/**
 * Waits until a consumer group has committed offsets up to the end of every partition of a
 * topic, i.e. it has processed everything published so far.
 */
export async function waitForGroupToCatchUp(brokers: string, groupId: string, topic: string, timeoutMs = 30000): Promise<void> {
  const kafka = new Kafka({ clientId: 'test-admin', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(topic);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      const behind = ends.filter((end) => {
        const at = committed?.partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
        // No commit yet is only "behind" if the partition holds messages.
        if (at === '-1') return Number(end.high) > Number(end.low);
        return Number(at) < Number(end.high);
      });
      if (behind.length === 0) return;
      if (Date.now() > deadline) throw new Error(`group ${groupId} still behind on ${topic} partitions ${behind.map((b) => b.partition).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await admin.disconnect();
  }
}
