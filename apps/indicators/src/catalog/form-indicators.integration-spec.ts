import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getConnectionToken } from '@nestjs/mongoose';
import { ReportForm } from '@dtp/contracts';
import { KafkaClient } from '@dtp/messaging';
import { createService, loadConfig, OfficialTokens } from '@dtp/platform';
import { infraEnv, submissionEvent, testDatabaseName, uniqueCode } from '@dtp/testing';
import { Connection } from 'mongoose';
import { AggregationService } from '../aggregation/aggregation.service';
import { AppModule } from '../app.module';
import { indicatorsEnv } from '../config';
import { IndicatorCatalogService } from './indicator-catalog.service';

const SECRET = 'indicators-test-secret-long-enough-for-hs256';

/**
 * A province that defines its indicators on a report form only (reports' PUT /api/v1/forms) gets
 * them in this catalog from the form's event: an "all" milestone then folds as "all", not as the
 * count of units done, and files show a share as a share. The catalog's own definitions stand.
 */
describe('indicators defined on a report form reach the catalog (FerretDB)', () => {
  const province = uniqueCode('F');
  const tokens = new OfficialTokens(SECRET, 600);
  let app: NestFastifyApplication;
  let catalog: IndicatorCatalogService;

  const form = (version: number, indicators: ReportForm.FormIndicator[], code = 'FORM'): ReportForm.Payload => ({
    kind: 'saved',
    provinceCode: province,
    code,
    nameVi: 'Báo cáo thử',
    nameEn: 'Test report',
    periodType: 'year',
    calendar: 'decree-09',
    levels: ['district'],
    countSubmitted: true,
    indicators,
    version,
  });
  const milestone = (code: string, milestoneAggregation: 'all' | 'any' | 'count'): ReportForm.FormIndicator => ({ code, nameVi: `Mốc ${code}`, nameEn: `Milestone ${code}`, unitOfMeasure: '', kind: 'milestone', direction: 'higher-is-better', milestoneAggregation });

  beforeAll(async () => {
    const config = loadConfig(indicatorsEnv, { ...infraEnv(), MONGO_DB: testDatabaseName('indicators_form_catalog'), LOG_LEVEL: 'error', JWT_SECRET: SECRET });
    app = await createService(AppModule.forRoot(config), { name: 'indicators', title: 'Indicators API', description: 'test' }, 'error');
    await app.get(KafkaClient).ensureTopics();
    await app.init();
    catalog = app.get(IndicatorCatalogService);
  }, 60_000);

  afterAll(async () => {
    await app.get<Connection>(getConnectionToken()).dropDatabase();
    await app.close();
  });

  it('adopts a form’s indicators, and the fold applies the form’s "all"', async () => {
    // As FormConsumer does with each reports.form.v1 event (the platform's e2e goes through Kafka).
    expect(await catalog.adoptFormIndicators(form(1, [milestone('ALL', 'all'), { code: 'SHARE', nameVi: 'Tỷ lệ', nameEn: 'Share', unitOfMeasure: '%', kind: 'ratio', direction: 'higher-is-better' }]))).toBe(2);
    expect(await catalog.find(province, 'ALL')).toMatchObject({ kind: 'milestone', milestoneAggregation: 'all', reportedBy: ['district'], adoptedFrom: { formCode: 'FORM', formVersion: 1 } });
    expect(await catalog.find(province, 'SHARE')).toMatchObject({ kind: 'ratio', unitOfMeasure: '%' });

    const aggregation = app.get(AggregationService);
    const [d1, d2] = [`${province}D1`, `${province}D2`];
    await aggregation.applySubmission(submissionEvent({ provinceCode: province, unitCode: d1, formCode: 'FORM', period: '2025', values: [{ indicatorCode: 'ALL', done: true }] }));
    await aggregation.applySubmission(submissionEvent({ provinceCode: province, unitCode: d2, formCode: 'FORM', period: '2025', values: [{ indicatorCode: 'ALL', done: false }] }));
    const token = await tokens.issue({ kind: 'official', username: 'admin', roles: ['admin'], provinceCode: province });
    const res = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: `/api/v1/aggregates/${province}/ALL/2025`, headers: { authorization: `Bearer ${token}` } });
    // One of two districts done: "all" is not done (a count would say 1).
    expect(res.json()).toMatchObject({ value: 0, reportingUnits: 2 });
  });

  it('follows a newer save of the same form, ignores an older or repeated one', async () => {
    const code = 'CHANGING';
    await catalog.adoptFormIndicators(form(3, [milestone(code, 'count')], 'F2'));
    await catalog.adoptFormIndicators(form(4, [milestone(code, 'any')], 'F2'));
    expect(await catalog.find(province, code)).toMatchObject({ milestoneAggregation: 'any', adoptedFrom: { formCode: 'F2', formVersion: 4 } });
    expect(await catalog.adoptFormIndicators(form(3, [milestone(code, 'count')], 'F2'))).toBe(0);
    expect(await catalog.adoptFormIndicators(form(4, [milestone(code, 'count')], 'F2'))).toBe(0);
    // Another form naming the same code does not take it over.
    expect(await catalog.adoptFormIndicators(form(9, [milestone(code, 'all')], 'F3'))).toBe(0);
    expect(await catalog.find(province, code)).toMatchObject({ milestoneAggregation: 'any' });
  });

  it('never overwrites a definition saved through the catalog, and a save there ends a form’s hold on it', async () => {
    const code = 'OWNED';
    const own = { provinceCode: province, code, nameVi: 'Mốc của danh mục', nameEn: 'Catalog milestone', unitOfMeasure: '', kind: 'milestone' as const, direction: 'higher-is-better' as const, reportedBy: ['district' as const], milestoneAggregation: 'all' as const };
    await catalog.save(own);
    expect(await catalog.adoptFormIndicators(form(5, [milestone(code, 'count')], 'F4'))).toBe(0);
    expect(await catalog.find(province, code)).toMatchObject({ milestoneAggregation: 'all', adoptedFrom: null });

    const taken = 'TAKEN';
    await catalog.adoptFormIndicators(form(1, [milestone(taken, 'count')], 'F5'));
    await catalog.save({ ...own, code: taken, milestoneAggregation: 'any' });
    expect(await catalog.adoptFormIndicators(form(2, [milestone(taken, 'count')], 'F5'))).toBe(0);
    expect(await catalog.find(province, taken)).toMatchObject({ milestoneAggregation: 'any', adoptedFrom: null });
  });
});
