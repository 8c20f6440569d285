import { getConnectionToken } from '@nestjs/mongoose';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { KafkaClient } from '@dtp/messaging';
import { createService, loadConfig } from '@dtp/platform';
import { infraEnv, testDatabaseName } from '@dtp/testing';
import { randomUUID } from 'node:crypto';
import { Connection } from 'mongoose';
import { AppModule } from '../src/app.module';
import { reportsEnv } from '../src/config';
import { XLSX_CONTENT_TYPE } from '../src/excel/excel-layout';

// Response bodies are whatever the API answered; the assertions give them their shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Body = any;

export interface InjectRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  payload?: object | Buffer;
  /** The client's address as the service sees it (127.0.0.1 unless given). */
  remoteAddress?: string;
}

export interface InjectResponse {
  statusCode: number;
  headers: Record<string, unknown>;
  rawPayload: Buffer;
  json: () => Body;
}

export interface ReportsTestApp {
  app: NestFastifyApplication;
  inject: (request: InjectRequest) => Promise<InjectResponse>;
  /** `Authorization: Bearer …` of the first administrator. */
  adminHeaders: () => Promise<Record<string, string>>;
  connection: () => Connection;
  close: () => Promise<void>;
}

export const TEST_ADMIN_PASSWORD = 'admin-password-for-tests';
export const REPORTS_METRICS_TOKEN = 'metrics-token-for-tests';

/**
 * The reports service in-process on the real infrastructure, as main.ts builds it, with its own
 * `*_test` database and an administrator of `province`.
 */
export async function startReportsTestApp(options: { province: string; database: string; env?: Record<string, string> }): Promise<ReportsTestApp> {
  const config = loadConfig(reportsEnv, {
    ...infraEnv(),
    MONGO_DB: testDatabaseName(options.database),
    LOG_LEVEL: 'warn',
    OUTBOX_POLL_MS: '200',
    JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256!',
    ADMIN_USERNAME: 'admin',
    ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    ADMIN_PROVINCE_CODE: options.province,
    // Counters of their own on the shared Redis, unless a test shares them between two apps.
    RATE_LIMIT_PREFIX: `test:${options.database}:${randomUUID()}`,
    METRICS_TOKEN: REPORTS_METRICS_TOKEN,
    ...options.env,
  });
  const app = await createService(
    AppModule.forRoot(config),
    { name: 'reports', title: 'Reports API', description: 'test', credentials: true, binaryBodies: [XLSX_CONTENT_TYPE] },
    config.LOG_LEVEL,
  );
  await app.get(KafkaClient).ensureTopics();
  await app.init();
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.ready();
  const inject = (request: InjectRequest) => fastify.inject({ ...request, headers: request.headers ?? {} }) as unknown as Promise<InjectResponse>;
  return {
    app,
    inject,
    adminHeaders: async () => {
      const res = await inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'admin', password: TEST_ADMIN_PASSWORD } });
      return { authorization: `Bearer ${res.json().accessToken}` };
    },
    connection: () => app.get<Connection>(getConnectionToken()),
    close: async () => {
      await app.get<Connection>(getConnectionToken()).dropDatabase();
      await app.close();
    },
  };
}
