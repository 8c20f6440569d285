import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getConnectionToken } from '@nestjs/mongoose';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { connectConsumers, KafkaClient } from '@dtp/messaging';
import { createService, kafkaSettingsOf, loadConfig, OfficialPrincipal, OfficialTokens } from '@dtp/platform';
import { Topics } from '@dtp/contracts';
import { freePort, infraEnv, produceRaw, startServiceProcess, submissionEvent, testDatabaseName, uniqueCode, waitFor, waitForGroupToCatchUp } from '@dtp/testing';
import { Connection } from 'mongoose';
import { AppModule } from '../src/app.module';
import { copiesGroupOf, SubmissionsConsumer } from '../src/sources/submissions.consumer';
import { exportsEnv } from '../src/config';
import { ExportClock } from '../src/jobs/export-clock';

// Response bodies are whatever the API answered; the assertions give them their shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Body = any;

export const TEST_JWT_SECRET = 'exports-test-secret-long-enough-for-hs256!';

export class SettableClock implements ExportClock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Moves the service's time forward by so many days. */
  advanceDays(days: number): void {
    this.offsetMs += days * 24 * 3600 * 1000;
  }
}

export interface Answer {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  rawPayload: Buffer;
  payload: string;
  json: () => Body;
}

type Call = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object, official?: Partial<OfficialPrincipal> | null) => Promise<Answer>;

export interface ExportsTestApp {
  app: NestFastifyApplication;
  clock: SettableClock;
  directory: string;
  /** As an admin of Lạng Sơn (20) unless another official is given; `null` sends no token. */
  call: Call;
  /** Asks for an export and waits until it has ended; returns its last status. */
  exportAndWait: (request: object, official?: Partial<OfficialPrincipal>) => Promise<Body>;
  caughtUp: () => Promise<void>;
  close: () => Promise<void>;
}

export async function startExportsTestApp(options: { indicatorsUrl: string; env?: Record<string, string>; consumeEvents?: boolean }): Promise<ExportsTestApp> {
  const directory = mkdtempSync(join(tmpdir(), 'dtp-exports-'));
  const clock = new SettableClock();
  const config = loadConfig(exportsEnv, {
    ...infraEnv(),
    MONGO_DB: testDatabaseName('exports'),
    LOG_LEVEL: 'warn',
    JWT_SECRET: TEST_JWT_SECRET,
    QUEUE_PREFIX: uniqueCode('q').toLowerCase(),
    KAFKA_GROUP_ID: uniqueCode('exports-test'),
    INDICATORS_URL: options.indicatorsUrl,
    EXPORTS_DIR: directory,
    ...options.env,
  });
  const app = await createService(AppModule.forRoot(config, clock), { name: 'exports', title: 'Exports API', description: 'test' }, config.LOG_LEVEL);
  await app.get(KafkaClient).ensureTopics();
  if (options.consumeEvents) {
    await connectConsumers(app, kafkaSettingsOf(config, 'exports'), config.KAFKA_GROUP_ID);
    await app.get(SubmissionsConsumer).start(kafkaSettingsOf(config, 'exports'), config.KAFKA_GROUP_ID);
  }
  await app.init();
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.ready();
  const tokens = new OfficialTokens(TEST_JWT_SECRET, 3600);
  const call: Call = async (method, url, payload, official = {}) => {
    const headers: Record<string, string> = {};
    if (official) headers['authorization'] = `Bearer ${await tokens.issue({ kind: 'official', username: 'admin', roles: ['admin'], provinceCode: '20', ...official })}`;
    return fastify.inject({ method, url, headers, ...(payload ? { payload } : {}) }) as unknown as Promise<Answer>;
  };
  return {
    app,
    clock,
    directory,
    call,
    exportAndWait: async (request, official) => {
      const created = await call('POST', '/api/v1/exports', request, official);
      if (created.statusCode !== 202) throw new Error(`export refused: ${created.payload}`);
      const id = created.json().id as string;
      return waitFor(
        async () => (await call('GET', `/api/v1/exports/${id}`, undefined, official)).json(),
        (job: Body) => job.status === 'completed' || job.status === 'failed',
        { timeoutMs: 120_000, intervalMs: 100 },
      );
    },
    caughtUp: async () => {
      await waitForGroupToCatchUp(config.KAFKA_BROKERS.join(','), copiesGroupOf(config.KAFKA_GROUP_ID), Topics.ReportSubmissionV1, 60_000);
    },
    close: async () => {
      await app.get<Connection>(getConnectionToken()).dropDatabase();
      await app.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/**
 * The indicators service, built and run as its own process (as in production, over REST), holding
 * a programme-year of Lạng Sơn: 2 pillars, 3 province targets of indicators named for this run and
 * 2 set below it (every district; Tràng Định alone), a commune of Tràng Định with no targets, and
 * the reports of 3 districts, sent over Kafka.
 */
export interface IndicatorsTestService {
  url: string;
  programmeCode: string;
  indicator: (name: 'dossiers' | 'noSignal' | 'smartphones') => string;
  /** A commune the programme sets no targets for. */
  commune: string;
  close: () => Promise<void>;
}

export async function startIndicatorsWithProgramme(): Promise<IndicatorsTestService> {
  const database = testDatabaseName('exports_indicators');
  const service = await startServiceProcess('indicators', await freePort(), {
    ...infraEnv(),
    MONGO_DB: database,
    LOG_LEVEL: 'warn',
    JWT_SECRET: TEST_JWT_SECRET,
    KAFKA_GROUP_ID: uniqueCode('indicators-for-exports'),
  });
  const url = service.baseUrl;
  const tokens = new OfficialTokens(TEST_JWT_SECRET, 600);
  const auth = { authorization: `Bearer ${await tokens.issue({ kind: 'official', username: 'admin', roles: ['admin'], provinceCode: '20' })}` };
  const put = async (path: string, body: object) => {
    const res = await fetch(new URL(path, url), { method: 'PUT', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`PUT ${path}: ${res.status} ${await res.text()}`);
  };
  const run = uniqueCode('X').toUpperCase();
  const codes = { dossiers: `${run}_DOSSIERS`, noSignal: `${run}_NO_SIGNAL`, smartphones: `${run}_SMARTPHONES` };
  const indicator = (code: string, nameVi: string, kind: string, unitOfMeasure: string, direction = 'higher-is-better') =>
    put('/api/v1/indicators', { provinceCode: '20', code, nameVi, nameEn: code, unitOfMeasure, kind, direction, reportedBy: ['district'] });
  await indicator(codes.dossiers, 'Tỷ lệ hồ sơ công việc được số hóa', 'ratio', '%');
  await indicator(codes.noSignal, 'Số thôn chưa có sóng di động', 'count', 'thôn', 'lower-is-better');
  await indicator(codes.smartphones, 'Tỷ lệ người dân dùng điện thoại thông minh', 'ratio', '%');
  const programmeCode = uniqueCode('CDS');
  await put('/api/v1/programmes', {
    code: programmeCode,
    provinceCode: '20',
    nameVi: 'Chương trình Chuyển đổi số tỉnh Lạng Sơn',
    nameEn: 'Digital transformation programme of Lạng Sơn',
    pillars: [
      { code: 'gov', nameVi: 'Chính quyền số', nameEn: 'Digital government' },
      { code: 'soc', nameVi: 'Xã hội số', nameEn: 'Digital society' },
    ],
    targets: [
      { indicatorCode: codes.dossiers, year: 2024, value: 0.8, comparison: 'at-least', pillar: 'gov' },
      { indicatorCode: codes.noSignal, year: 2024, value: 10, comparison: 'at-most', pillar: 'soc' },
      { indicatorCode: codes.smartphones, year: 2024, value: 0.9, comparison: 'at-least', pillar: 'soc' },
      { indicatorCode: codes.noSignal, year: 2024, value: 5, comparison: 'at-most', pillar: 'soc', scope: 'district' },
      { indicatorCode: codes.dossiers, year: 2024, value: 0.7, comparison: 'at-least', pillar: 'gov', scope: 'units', unitCodes: ['180'] },
    ],
  });
  const commune = uniqueCode('XA');
  const imported = await fetch(new URL('/api/v1/units/import.json', url), {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ units: [{ id: commune, name: 'Xã thử nghiệm', level: 'commune', parents: [{ parentId: '180', to: '2025-06-30' }, { parentId: '20', from: '2025-07-01' }], successors: [] }] }),
  });
  if (!imported.ok) throw new Error(`units import: ${imported.status} ${await imported.text()}`);
  const reports: Array<[string, number, number, number]> = [
    ['178', 450, 500, 4],
    ['180', 300, 400, 9],
    ['181', 250, 300, 0],
  ];
  const events = reports.map(([unitCode, digitized, dossiers, villages]) =>
    submissionEvent({
      provinceCode: '20',
      unitCode,
      formCode: `${run}-F`,
      period: '2024',
      values: [
        { indicatorCode: codes.dossiers, numerator: digitized, denominator: dossiers },
        { indicatorCode: codes.noSignal, value: villages },
      ],
    }),
  );
  await produceRaw(infraEnv().KAFKA_BROKERS, Topics.ReportSubmissionV1, events.map((e) => ({ key: e.key, value: JSON.stringify(e) })));
  await waitFor(
    async () => (await fetch(new URL(`/api/v1/rankings/20/${codes.noSignal}/2024`, url))).json() as Promise<Body>,
    (ranking: Body) => ranking.items?.filter((i: Body) => i.value !== null).length === 3,
    { timeoutMs: 90_000, intervalMs: 500, what: 'indicators to fold the three reports' },
  );
  return {
    url,
    programmeCode,
    indicator: (name) => codes[name],
    commune,
    close: async () => {
      await service.stop();
    },
  };
}
