import { getQueueToken } from '@nestjs/bull';
import { getConnectionToken } from '@nestjs/mongoose';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { connectConsumers } from '@dtp/messaging';
import { createService, kafkaSettingsOf, loadConfig, OfficialPrincipal, OfficialTokens } from '@dtp/platform';
import { Topics } from '@dtp/contracts';
import { infraEnv, testDatabaseName, uniqueCode, waitForGroupToCatchUp } from '@dtp/testing';
import { Queue } from 'bull';
import { Connection } from 'mongoose';
import { AppModule } from '../src/app.module';
import { Clock } from '../src/clock/clock';
import { notificationsEnv } from '../src/config';
import { Queues } from '../src/deliveries/queues';
import { DispatcherService } from '../src/deliveries/dispatcher.service';
import { ReminderPlanner } from '../src/reminders/reminder-planner.service';
import { SubmissionsConsumer, submissionsGroupOf } from '../src/notices/submissions.consumer';

// Response bodies are whatever the API answered; the assertions give them their shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Body = any;

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256!';

/** The time the service sees; the tests move it. */
export class SettableClock implements Clock {
  private current: Date;

  constructor(start: Date | string) {
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  set(instant: Date | string): void {
    this.current = new Date(instant);
  }
}

export interface NotificationsTestApp {
  app: NestFastifyApplication;
  clock: SettableClock;
  call: (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object, official?: Partial<OfficialPrincipal>) => Promise<{ statusCode: number; headers: Record<string, unknown>; json: () => Body }>;
  /** Plans the reminders and hands what is due to the senders, as the repeatable jobs do, at the clock's time. */
  tick: () => Promise<void>;
  /** Every event already on the topics it consumes has been taken. */
  caughtUp: () => Promise<void>;
  queue: () => Queue;
  connection: () => Connection;
  close: (options?: { dropDatabase?: boolean }) => Promise<void>;
}

/**
 * The notifications service in-process on the real infrastructure (Kafka consumers included, in
 * a group of its own), with a settable clock and its own `*_test` database and queue prefix
 * unless given shared ones (two instances of one deployment).
 */
export async function startNotificationsTestApp(options: { database: string; clock: SettableClock; queuePrefix?: string; env?: Record<string, string> }): Promise<NotificationsTestApp> {
  const config = loadConfig(notificationsEnv, {
    ...infraEnv(),
    MONGO_DB: testDatabaseName(options.database),
    LOG_LEVEL: 'warn',
    JWT_SECRET: TEST_JWT_SECRET,
    QUEUE_PREFIX: options.queuePrefix ?? uniqueCode('q').toLowerCase(),
    KAFKA_GROUP_ID: uniqueCode('notifications-test'),
    DELIVERY_BACKOFF_MS: '100',
    // The repeatable jobs run on the real clock; the tests drive planning themselves.
    DISPATCH_EVERY_MS: '3600000',
    PLAN_CRON: '0 0 1 1 *',
    ...options.env,
  });
  const app = await createService(AppModule.forRoot(config, options.clock), { name: 'notifications', title: 'Notifications API', description: 'test' }, config.LOG_LEVEL);
  await connectConsumers(app, kafkaSettingsOf(config, 'notifications'), config.KAFKA_GROUP_ID);
  await app.get(SubmissionsConsumer).start(kafkaSettingsOf(config, 'notifications'), config.KAFKA_GROUP_ID);
  await app.init();
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.ready();
  const tokens = new OfficialTokens(TEST_JWT_SECRET, 3600);
  return {
    app,
    clock: options.clock,
    call: async (method, url, payload, official) => {
      const headers: Record<string, string> = {};
      if (official) headers['authorization'] = `Bearer ${await tokens.issue({ kind: 'official', username: 'admin', roles: ['admin'], provinceCode: '20', ...official })}`;
      return fastify.inject({ method, url, headers, ...(payload ? { payload } : {}) }) as unknown as Promise<{ statusCode: number; headers: Record<string, unknown>; json: () => Body }>;
    },
    tick: async () => {
      await app.get(ReminderPlanner).plan(options.clock.now());
      await app.get(DispatcherService).dispatch(options.clock.now());
    },
    caughtUp: async () => {
      for (const topic of [Topics.ReportFormV1, Topics.WorkingCalendarV1, Topics.IndicatorScorecardV1, Topics.ExportJobV1]) await waitForGroupToCatchUp(config.KAFKA_BROKERS.join(','), config.KAFKA_GROUP_ID, topic, 60_000);
      await waitForGroupToCatchUp(config.KAFKA_BROKERS.join(','), submissionsGroupOf(config.KAFKA_GROUP_ID), Topics.ReportSubmissionV1, 60_000);
    },
    queue: () => app.get<Queue>(getQueueToken(Queues.Deliveries)),
    connection: () => app.get<Connection>(getConnectionToken()),
    close: async ({ dropDatabase = true } = {}) => {
      if (dropDatabase) await app.get<Connection>(getConnectionToken()).dropDatabase();
      await app.close();
    },
  };
}
