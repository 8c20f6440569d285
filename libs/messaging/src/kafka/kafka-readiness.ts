import { ReadinessCheck } from '@dtp/platform';
import { KafkaClient } from './kafka-client';

export function kafkaReadiness(kafka: KafkaClient): ReadinessCheck {
  // Reported, not required: the outbox keeps events while the broker is away (readiness-check.ts).
  return { name: 'kafka', check: () => kafka.ping(), required: false };
}
