import { registerLivenessProbe } from '@dtp/platform';
import type { Consumer } from 'kafkajs';

/**
 * Makes /health/live fail once the consumer has crashed for good (kafkajs gives up and will not
 * restart it): the HTTP server would go on answering while nothing is consumed, so the pod must be
 * restarted rather than kept as live and ready. A crash kafkajs restarts from is not a failure.
 */
export function watchConsumerLiveness(name: string, consumer: Pick<Consumer, 'on' | 'events'>): { failure(): Error | undefined } {
  let crashed: Error | undefined;
  consumer.on(consumer.events.CRASH, (event) => {
    if (!event.payload.restart) crashed = event.payload.error;
  });
  registerLivenessProbe(`kafka consumer ${name}`, () => (crashed ? `stopped for good: ${crashed.message}` : undefined));
  return { failure: () => crashed };
}
