import { EventEmitter } from 'node:events';
import { livenessFailures, unregisterLivenessProbe } from '@dtp/platform';
import { watchConsumerLiveness } from './consumer-liveness';

/** The two members of a kafkajs consumer the watch uses: its event names and `on`. */
function consumerEdge() {
  const emitter = new EventEmitter();
  const events = { CRASH: 'consumer.crash' };
  return { emitter, consumer: { events, on: (name: string, listener: (event: unknown) => void) => emitter.on(name, listener) } as never };
}

describe('watchConsumerLiveness', () => {
  afterEach(() => unregisterLivenessProbe('kafka consumer g t'));

  it('keeps the process live through a crash kafkajs restarts from, fails it after one it does not', () => {
    const { emitter, consumer } = consumerEdge();
    const watch = watchConsumerLiveness('g t', consumer);
    emitter.emit('consumer.crash', { payload: { error: new Error('coordinator moved'), restart: true } });
    expect(livenessFailures()).toEqual({});
    expect(watch.failure()).toBeUndefined();
    emitter.emit('consumer.crash', { payload: { error: new Error('not retriable'), restart: false } });
    expect(livenessFailures()).toEqual({ 'kafka consumer g t': 'stopped for good: not retriable' });
    expect(watch.failure()?.message).toBe('not retriable');
  });
});
