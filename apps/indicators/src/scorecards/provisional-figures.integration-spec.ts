import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getConnectionToken } from '@nestjs/mongoose';
import { ReportSubmission } from '@dtp/contracts';
import { KafkaClient } from '@dtp/messaging';
import { createService, loadConfig, OfficialTokens } from '@dtp/platform';
import { infraEnv, submissionEvent, testDatabaseName, uniqueCode } from '@dtp/testing';
import { Connection } from 'mongoose';
import { AggregationService } from '../aggregation/aggregation.service';
import { RebuildService } from '../aggregation/rebuild.service';
import { AppModule } from '../app.module';
import { indicatorsEnv } from '../config';

const SECRET = 'indicators-test-secret-long-enough-for-hs256';

/**
 * Issue #14 (defect 5) and #18: a correction of an approved report no longer withdraws the
 * approved figures until re-approval, and the scorecard says which figures are not final.
 */
describe('provisional figures on the scorecard (FerretDB)', () => {
  const province = uniqueCode('P');
  const districts = Array.from({ length: 10 }, (_, n) => `${province}D${n}`);
  let app: NestFastifyApplication;

  const call = (method: 'GET' | 'PUT', url: string, headers: Record<string, string> = {}, payload?: object) =>
    app.getHttpAdapter().getInstance().inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const report = (unitCode: string, revision: number, status: ReportSubmission.Status, numerator: number, extra: Partial<ReportSubmission.Payload> = {}) =>
    submissionEvent({ provinceCode: province, unitCode, formCode: 'DTI', period: '2024', revision, status, countable: status === 'approved', values: [{ indicatorCode: 'DOSSIERS', numerator, denominator: 1000 }], ...extra });
  const scorecard = async () => (await call('GET', `/api/v1/scorecards/${province}/NQ49/${province}/2024`)).json();
  const dossiers = async () => (await scorecard()).targets.find((t: { indicatorCode: string }) => t.indicatorCode === 'DOSSIERS');

  beforeAll(async () => {
    const config = loadConfig(indicatorsEnv, { ...infraEnv(), MONGO_DB: testDatabaseName('indicators_provisional'), LOG_LEVEL: 'warn', JWT_SECRET: SECRET });
    app = await createService(AppModule.forRoot(config), { name: 'indicators', title: 'Indicators API', description: 'test', binaryBodies: ['text/csv'] }, 'warn');
    await app.get(KafkaClient).ensureTopics();
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    const admin = { authorization: `Bearer ${await new OfficialTokens(SECRET, 600).issue({ kind: 'official', username: 'admin', roles: ['admin'], provinceCode: province })}` };
    const saved = await call('PUT', '/api/v1/programmes', admin, {
      code: 'NQ49',
      provinceCode: province,
      nameVi: 'Nghị quyết 49-NQ/TU',
      nameEn: 'Resolution 49-NQ/TU',
      pillars: [{ code: 'gov', nameVi: 'Chính quyền số', nameEn: 'Digital government' }],
      targets: [
        { indicatorCode: 'DOSSIERS', year: 2024, value: 0.88, comparison: 'at-least', pillar: 'gov' },
        { indicatorCode: 'SMARTPHONES', year: 2024, value: 0.9, comparison: 'at-least', pillar: 'gov' },
      ],
    });
    expect(saved.statusCode).toBe(200);
  });

  afterAll(async () => {
    await app.get<Connection>(getConnectionToken()).dropDatabase();
    await app.close();
  });

  it('keeps 87.40% from 10 approved districts while one district’s correction awaits approval, says so, and moves to the corrected figure once approved', async () => {
    const aggregation = app.get(AggregationService);
    // Ten districts submit (the form counts only approved figures), then are approved: 820/1000 and
    // nine of 880/1000, 87.40 % together (without the first district, 88 % would pass the target).
    const approvedShare = (d: string) => (d === districts[0] ? 820 : 880);
    await aggregation.applyBatch(districts.map((d) => report(d, 1, 'submitted', approvedShare(d))));
    await aggregation.applyBatch(districts.map((d) => report(d, 2, 'approved', approvedShare(d))));
    expect(await dossiers()).toMatchObject({ actual: 0.874, status: 'not-achieved', provisional: false, provisionalUnits: 0, correctingUnits: 0 });
    expect((await dossiers()).approvedActual).toBeUndefined();

    // The first district corrects its approved report to 994/1000: not counted until approved.
    const approved = { revision: 2, values: [{ indicatorCode: 'DOSSIERS', numerator: 820, denominator: 1000 }] };
    await aggregation.applySubmission(report(districts[0]!, 3, 'submitted', 994, { kind: 'revised', approved }));
    const pending = await scorecard();
    const line = pending.targets.find((t: { indicatorCode: string }) => t.indicatorCode === 'DOSSIERS');
    expect(line).toMatchObject({ actual: 0.874, status: 'not-achieved', provisional: true, provisionalUnits: 0, correctingUnits: 1, approvedActual: 0.874 });
    expect(pending).toMatchObject({
      provisional: true,
      provisionalTargets: 1,
      provisionalNote: {
        en: '1 of 2 figures is provisional: 1 keeps the approved figures while a correction awaits approval',
        vi: '1/2 chỉ tiêu có số liệu tạm thời: 1 chỉ tiêu giữ số liệu đã phê duyệt trong khi chờ phê duyệt bản điều chỉnh',
      },
    });
    const aggregate = (await call('GET', `/api/v1/aggregates/${province}/DOSSIERS/2024`)).json();
    expect(aggregate).toMatchObject({ value: 0.874, reportingUnits: 10, totals: { correcting: 1, provisional: 0 } });

    // A rebuild from the applied submissions gives the same scorecard as the live fold.
    await app.get(RebuildService).rebuild(province);
    expect(await scorecard()).toEqual(pending);

    // Approved: the corrected figure counts, final. (880 × 9 + 994) / 10,000 = 89.14 %.
    await aggregation.applySubmission(report(districts[0]!, 4, 'approved', 994, { kind: 'approved' }));
    expect(await dossiers()).toMatchObject({ actual: 0.8914, status: 'achieved', provisional: false, correctingUnits: 0 });
    expect(await scorecard()).toMatchObject({ provisional: false, provisionalTargets: 0 });
    expect((await scorecard()).provisionalNote).toBeUndefined();
  });

  it('marks a figure counted before approval provisional, and gives the figure as approved beside it', async () => {
    const aggregation = app.get(AggregationService);
    // A form that counts submitted reports: an eleventh unit's 500/1000 counts, not yet approved.
    await aggregation.applySubmission(report(`${province}X`, 1, 'submitted', 500, { formCode: 'DTI-FAST', countable: true }));
    const line = await dossiers();
    expect(line).toMatchObject({ provisional: true, provisionalUnits: 1, correctingUnits: 0, approvedActual: 0.8914 });
    expect(line.actual).toBeCloseTo((8_914 + 500) / 11_000, 10);
    expect((await scorecard()).provisionalNote.vi).toBe('1/2 chỉ tiêu có số liệu tạm thời: 1 chỉ tiêu gồm số liệu chưa được phê duyệt');
  });
});
