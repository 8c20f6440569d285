import { DynamicModule, ForwardReference, InjectionToken, Type } from '@nestjs/common';
import { getConnectionToken, MongooseModule } from '@nestjs/mongoose';
import { CommonEnv, kafkaSettingsOf, mongoReadiness, PlatformModule, ReadinessCheck } from '@dtp/platform';
import { Connection } from 'mongoose';
import { KafkaClient } from './kafka/kafka-client';
import { kafkaReadiness } from './kafka/kafka-readiness';
import { MessagingModule } from './kafka/messaging.module';

export interface ServiceInfrastructureOptions {
  service: string;
  env: CommonEnv & { OUTBOX_POLL_MS?: number };
  /** Readiness checks beyond MongoDB and Kafka (Redis where a service uses it). */
  readiness?: {
    imports?: Array<Type | DynamicModule | ForwardReference>;
    inject: InjectionToken[];
    useFactory: (...deps: never[]) => ReadinessCheck[];
  };
}

/**
 * What every service stands on: its MongoDB database, Kafka (producer, consumer helpers, outbox
 * relay settings), and health and metrics with readiness on MongoDB, Kafka and any extra checks.
 */
export function serviceInfrastructure(options: ServiceInfrastructureOptions): DynamicModule[] {
  const { env, service, readiness } = options;
  return [
    // ignoreUndefined: a validated DTO carries its absent optional fields as undefined, which the
    // driver would otherwise store as null.
    // maxPoolSize: a service's own bound on concurrent store operations (the driver's default is 100),
    // so a burst queues in the service instead of exhausting the store's connections (docs/adr/0002).
    MongooseModule.forRoot(env.MONGO_URL, { dbName: env.MONGO_DB, serverSelectionTimeoutMS: 5000, ignoreUndefined: true, maxPoolSize: 50 }),
    // Replicas: each publishes its own writes; another's pending entries only once they are 5 s old.
    MessagingModule.forRoot(kafkaSettingsOf(env, service), { pollIntervalMs: env.OUTBOX_POLL_MS ?? 1000, batchSize: 100, foreignMarkerGraceMs: 5000 }),
    PlatformModule.forRoot({
      ...(env.METRICS_TOKEN ? { metricsToken: env.METRICS_TOKEN } : {}),
      readiness: {
        imports: readiness?.imports ?? [],
        inject: [getConnectionToken(), KafkaClient, ...(readiness?.inject ?? [])],
        useFactory: (connection: Connection, kafka: KafkaClient, ...rest: never[]) => [
          mongoReadiness(connection),
          kafkaReadiness(kafka),
          ...(readiness?.useFactory(...rest) ?? []),
        ],
      },
    }),
  ];
}
