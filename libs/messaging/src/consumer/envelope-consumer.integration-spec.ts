import { deadLetterTopicOf, ReportSubmission } from '@dtp/contracts';
import { KafkaClient } from '../kafka/kafka-client';
import { EnvelopeConsumer } from './envelope-consumer';
import { infraEnv, readTopic, submissionEvent, uniqueCode } from '@dtp/testing';

describe('EnvelopeConsumer with a real dead-letter topic', () => {
  const env = infraEnv();
  const kafka = new KafkaClient({ brokers: env.KAFKA_BROKERS.split(','), clientId: 'consumer-test' });
  const consumer = new EnvelopeConsumer(kafka);
  const dlq = deadLetterTopicOf(ReportSubmission.TOPIC);
  const fast = { attempts: 3, initialDelayMs: 5 };

  beforeAll(() => kafka.ensureTopics());
  afterAll(() => kafka.onApplicationShutdown());

  const message = (key: string, value: unknown) => ({ topic: ReportSubmission.TOPIC, partition: 0, offset: '42', key, value });

  it('hands a valid event to the handler once', async () => {
    const event = submissionEvent();
    const handler = jest.fn().mockResolvedValue(undefined);
    await expect(consumer.consume(message(event.key, JSON.stringify(event)), ReportSubmission.Envelope, handler, fast)).resolves.toBe('handled');
    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler.mock.calls[0][0]).toEqual(event);
  });

  it('parks a message that breaks the contract on the dead-letter topic with the field at fault', async () => {
    const key = uniqueCode('BAD');
    const broken = { ...submissionEvent(), key, data: { ...submissionEvent().data, revision: -1 } };
    const handler = jest.fn();
    await expect(consumer.consume(message(key, broken), ReportSubmission.Envelope, handler, fast)).resolves.toBe('dead-lettered');
    expect(handler).not.toHaveBeenCalled();
    const parked = (await readTopic(env.KAFKA_BROKERS, dlq, (m) => m.some((x) => x.key === key))).find((m) => m.key === key)!;
    expect(parked.headers['dlq-reason']).toMatch(/^invalid: data\.revision: /);
    expect(parked.headers['dlq-original-topic']).toBe(ReportSubmission.TOPIC);
    expect(parked.headers['dlq-original-offset']).toBe('42');
    expect(JSON.parse(parked.value)).toEqual(broken);
  });

  it('parks a message that is not JSON, keeping its bytes', async () => {
    const key = uniqueCode('RAW');
    await consumer.consume(message(key, '{not json'), ReportSubmission.Envelope, jest.fn(), fast);
    const parked = (await readTopic(env.KAFKA_BROKERS, dlq, (m) => m.some((x) => x.key === key))).find((m) => m.key === key)!;
    expect(parked.headers['dlq-reason']).toMatch(/^unreadable: not JSON/);
    expect(parked.value).toBe('{not json');
  });

  it('retries a failing handler with backoff and parks the event after the last attempt', async () => {
    const event = submissionEvent({ unitCode: uniqueCode('U') });
    const handler = jest.fn().mockRejectedValue(new Error('database unavailable'));
    await expect(consumer.consume(message(event.key, event), ReportSubmission.Envelope, handler, fast)).resolves.toBe('dead-lettered');
    expect(handler).toHaveBeenCalledTimes(3);
    const parked = (await readTopic(env.KAFKA_BROKERS, dlq, (m) => m.some((x) => x.key === event.key))).find((m) => m.key === event.key)!;
    expect(parked.headers['dlq-reason']).toBe('handler failed after 3 attempts: database unavailable');
    expect(parked.headers['dlq-attempts']).toBe('3');
  });

  it('succeeds without dead-lettering when a retry gets through', async () => {
    const event = submissionEvent();
    const handler = jest.fn().mockRejectedValueOnce(new Error('transient')).mockResolvedValue(undefined);
    await expect(consumer.consume(message(event.key, event), ReportSubmission.Envelope, handler, fast)).resolves.toBe('handled');
    expect(handler).toHaveBeenCalledTimes(2);
  });
});
