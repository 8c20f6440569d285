import { ReadinessCheck } from '@dtp/platform';
import { KafkaClient } from './kafka-client';

export function kafkaReadiness(kafka: KafkaClient): ReadinessCheck {
  return { name: 'kafka', check: () => kafka.ping() };
}
