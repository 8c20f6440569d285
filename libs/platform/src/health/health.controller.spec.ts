import { HealthController } from './health.controller';
import { registerLivenessProbe, unregisterLivenessProbe } from './liveness';
import { ReadinessCheck } from './readiness-check';

function replyRecorder() {
  const answer: { status?: number; body?: unknown } = {};
  const reply = {
    status(code: number) {
      answer.status = code;
      return reply;
    },
    send(body: unknown) {
      answer.body = body;
    },
  };
  return { reply, answer };
}

const up = (name: string, required?: boolean): ReadinessCheck => ({ name, check: async () => undefined, ...(required === undefined ? {} : { required }) });
const down = (name: string, required?: boolean): ReadinessCheck => ({ name, check: async () => Promise.reject(new Error(`${name} refused the connection`)), ...(required === undefined ? {} : { required }) });

describe('HealthController', () => {
  describe('readiness', () => {
    it.each([
      ['everything up', [up('mongodb'), up('kafka', false)], 200, 'ok'],
      ['only Kafka down: still ready, the outbox keeps the events', [up('mongodb'), down('kafka', false)], 200, 'degraded'],
      ['the store down', [down('mongodb'), up('kafka', false)], 503, 'error'],
      ['Redis down where a service queues on it', [up('mongodb'), down('kafka', false), down('redis')], 503, 'error'],
    ] as Array<[string, ReadinessCheck[], number, string]>)('%s', async (_, checks, status, word) => {
      const { reply, answer } = replyRecorder();
      await new HealthController(checks).ready(reply);
      expect(answer.status).toBe(status);
      expect(answer.body).toMatchObject({ status: word });
    });

    it('names what is down and whether it is required', async () => {
      const { reply, answer } = replyRecorder();
      await new HealthController([up('mongodb'), down('kafka', false)]).ready(reply);
      expect(answer.body).toEqual({ status: 'degraded', checks: { mongodb: { status: 'up', required: true }, kafka: { status: 'down', required: false, error: 'kafka refused the connection' } } });
    });
  });

  describe('liveness', () => {
    afterEach(() => unregisterLivenessProbe('test consumer'));

    it('is ok while every registered part works, 503 naming the part once one stopped for good', () => {
      const consumer: { failure?: string } = {};
      registerLivenessProbe('test consumer', () => consumer.failure);
      const before = replyRecorder();
      new HealthController([]).live(before.reply);
      expect(before.answer).toEqual({ status: 200, body: { status: 'ok' } });
      consumer.failure = 'stopped for good: broker gone';
      const after = replyRecorder();
      new HealthController([]).live(after.reply);
      expect(after.answer).toEqual({ status: 503, body: { status: 'error', failed: { 'test consumer': 'stopped for good: broker gone' } } });
    });
  });
});
