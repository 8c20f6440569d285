import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { ReportSubmission } from '@dtp/contracts';
import { infraEnv, RunningService, startServiceProcess, testDatabaseName, uniqueCode, waitFor, waitForGroupToCatchUp } from '@dtp/testing';
import { MongoClient } from 'mongodb';

/**
 * A province-year as the standing agency lives it, through the public APIs of the four services:
 * districts report the first half of 2025, the district level is abolished on 2025-06-30, the new
 * communes report the second half; milestones of every aggregation, a ratio summed by its parts, a
 * province-only percentage; a correction after approval. Every published figure (API, CSV, XLSX,
 * DOCX, PDF, reminder text) is checked against values this test computes itself from what it posted.
 */
describe('a province-year with the 2025 reform in the middle: every published figure', () => {
  const env = infraEnv();
  const run = uniqueCode('py');
  const province = `P${run}`.slice(0, 30);
  const databases = {
    reports: testDatabaseName('reports'),
    indicators: testDatabaseName('indicators'),
    notifications: testDatabaseName('notifications'),
    exports: testDatabaseName('exports'),
  };
  const groups = { indicators: `indicators-${run}`, notifications: `notifications-${run}`, exports: `exports-${run}` };
  const services: Record<string, RunningService> = {};
  const scratch = mkdtempSync(join(tmpdir(), 'dtp-e2e-year-'));
  const adminPassword = `e2e-admin-${run}`;
  let admin: Record<string, string>;

  // The tree: three districts to 2025-06-30, four communes from 2025-07-01 directly under the province.
  const districts = ['D1', 'D2', 'D3'].map((d) => `${province}${d}`);
  const communes = ['N1', 'N2', 'N3', 'N4'].map((c) => `${province}${c}`);
  const code = (name: string) => `${name}_${run}`;
  const QUARTERLY = code('Q');
  const PROVINCIAL = code('PQ');
  const MONTHLY = code('M');
  const PROGRAMME = code('KH');
  const I = { dossiers: code('DOSSIERS'), bts: code('BTS'), all: code('ALL'), any: code('ANY'), count: code('COUNT'), economy: code('ECONOMY') };

  // What the units post, and what the province must show: computed here, not read back.
  type Report = { dossiers: [number, number]; bts: number; all: boolean; any: boolean; count: boolean };
  const q2: Record<string, Report> = {
    [districts[0]!]: { dossiers: [210_000, 240_000], bts: 120, all: true, any: false, count: true },
    [districts[1]!]: { dossiers: [300_485, 352_908], bts: 95, all: true, any: false, count: false },
    [districts[2]!]: { dossiers: [120_000, 140_000], bts: 60, all: false, any: true, count: true },
  };
  const q2Corrected: Report = { dossiers: [310_485, 352_908], bts: 105, all: true, any: false, count: false };
  const q4: Record<string, Report> = {
    [communes[0]!]: { dossiers: [81_000, 90_000], bts: 70, all: true, any: false, count: true },
    [communes[1]!]: { dossiers: [64_000, 80_000], bts: 85, all: true, any: false, count: false },
    [communes[2]!]: { dossiers: [99_500, 100_000], bts: 90, all: true, any: true, count: true },
    [communes[3]!]: { dossiers: [45_000, 60_000], bts: 66, all: true, any: false, count: true },
  };
  const ECONOMY_SHARE = 12.52;
  const sumOf = (reports: Report[]) => ({
    numerator: reports.reduce((s, r) => s + r.dossiers[0], 0),
    denominator: reports.reduce((s, r) => s + r.dossiers[1], 0),
    bts: reports.reduce((s, r) => s + r.bts, 0),
    all: reports.every((r) => r.all) ? 1 : 0,
    any: reports.some((r) => r.any) ? 1 : 0,
    count: reports.filter((r) => r.count).length,
  });
  const valuesOf = (r: Report) => [
    { indicatorCode: I.dossiers, numerator: r.dossiers[0], denominator: r.dossiers[1] },
    { indicatorCode: I.bts, value: r.bts },
    { indicatorCode: I.all, done: r.all },
    { indicatorCode: I.any, done: r.any },
    { indicatorCode: I.count, done: r.count },
  ];
  /** vi-VN as an official reads it: 87,39 (two decimals for a share), 1.234 (a count). */
  const vi = (n: number, decimals = 0) => n.toLocaleString('vi-VN', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });

  const indicatorDefinitions = [
    { code: I.dossiers, nameVi: 'Tỷ lệ hồ sơ được số hoá', nameEn: 'Dossiers digitized', unitOfMeasure: '%', kind: 'ratio', direction: 'higher-is-better' },
    { code: I.bts, nameVi: 'Số trạm BTS', nameEn: 'BTS stations', unitOfMeasure: 'trạm', kind: 'count', direction: 'higher-is-better' },
    { code: I.all, nameVi: 'Mọi đơn vị có trung tâm điều hành', nameEn: 'Operations centre everywhere', unitOfMeasure: '', kind: 'milestone', direction: 'higher-is-better', milestoneAggregation: 'all' },
    { code: I.any, nameVi: 'Có đơn vị thí điểm bản đồ số', nameEn: 'A digital map pilot somewhere', unitOfMeasure: '', kind: 'milestone', direction: 'higher-is-better', milestoneAggregation: 'any' },
    { code: I.count, nameVi: 'Số đơn vị có nền tảng họp trực tuyến', nameEn: 'Units with online meetings', unitOfMeasure: 'đơn vị', kind: 'milestone', direction: 'higher-is-better', milestoneAggregation: 'count' },
  ];

  const call = async (service: string, method: string, path: string, headers: Record<string, string>, body?: object) => {
    const res = await fetch(`${services[service]!.baseUrl}${path}`, { method, headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers }, ...(body ? { body: JSON.stringify(body) } : {}) });
    const text = await res.text();
    let json: unknown = undefined;
    try {
      json = JSON.parse(text);
    } catch {
      // Not every answer is JSON (files); the caller reads `text`.
    }
    return { status: res.status, json: json as any, text }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  const expectStatus = async (p: Promise<{ status: number; text: string }>, status: number) => {
    const res = await p;
    expect({ status: res.status, body: res.text.slice(0, 400) }).toMatchObject({ status });
    return res as Awaited<ReturnType<typeof call>>;
  };

  const keys = new Map<string, Record<string, string>>();
  const submissionIds = new Map<string, string>();
  const issueKey = async (unitCode: string) => {
    const issued = await expectStatus(call('reports', 'POST', '/api/v1/api-keys', admin, { provinceCode: province, unitCode, expiresAt: '2099-01-01T00:00:00Z' }), 201);
    keys.set(unitCode, { 'x-api-key': issued.json.key as string });
    return keys.get(unitCode)!;
  };
  const submit = async (unitCode: string, formCode: string, period: string, values: object[]) =>
    (await expectStatus(call('reports', 'POST', '/api/v1/submissions', keys.get(unitCode)!, { formCode, period, values }), 201)).json as { _id: string; status: string };
  const approve = async (id: string) => expectStatus(call('reports', 'POST', `/api/v1/submissions/${encodeURIComponent(id)}/approve`, admin, { comment: 'Đã thẩm định' }), 200);

  const aggregate = async (unitCode: string, indicatorCode: string, period: string) => {
    const res = await call('indicators', 'GET', `/api/v1/aggregates/${unitCode}/${indicatorCode}/${period}`, {});
    return res.status === 200 ? (res.json as { value: number | null; reportingUnits: number; totals: Record<string, number> }) : null;
  };
  type Aggregate = NonNullable<Awaited<ReturnType<typeof aggregate>>>;
  const settled = async (unitCode: string, indicatorCode: string, period: string, done: (a: Aggregate) => boolean, what: string): Promise<Aggregate> =>
    (await waitFor(() => aggregate(unitCode, indicatorCode, period), (a) => a !== null && done(a), { what, timeoutMs: 30000, intervalMs: 200 }))!;

  beforeAll(async () => {
    const common = { ...env, LOG_LEVEL: 'warn', OUTBOX_POLL_MS: '200', JWT_SECRET: `e2e-jwt-secret-${run}-padding-padding` };
    const indicatorsUrl = 'http://127.0.0.1:13402';
    const started = await Promise.all([
      startServiceProcess('reports', 13401, { ...common, MONGO_DB: databases.reports, ADMIN_PASSWORD: adminPassword, ADMIN_PROVINCE_CODE: province, INDICATORS_URL: indicatorsUrl }),
      startServiceProcess('indicators', 13402, { ...common, MONGO_DB: databases.indicators, KAFKA_GROUP_ID: groups.indicators }),
      startServiceProcess('notifications', 13403, {
        ...common,
        MONGO_DB: databases.notifications,
        KAFKA_GROUP_ID: groups.notifications,
        QUEUE_PREFIX: `y${run.toLowerCase()}`,
        INDICATORS_URL: indicatorsUrl,
        // The planner every minute, so the test sees a reminder caught up for a report owed since November.
        PLAN_CRON: '* * * * *',
        DISPATCH_EVERY_MS: '1000',
      }),
      startServiceProcess('exports', 13404, { ...common, MONGO_DB: databases.exports, KAFKA_GROUP_ID: groups.exports, QUEUE_PREFIX: `x${run.toLowerCase()}`, INDICATORS_URL: indicatorsUrl, EXPORTS_DIR: scratch }),
    ]);
    for (const service of started) services[service.name] = service;
    await waitForGroupToCatchUp(env.KAFKA_BROKERS, `${groups.indicators}-fold`, ReportSubmission.TOPIC, 110000);
    const token = await expectStatus(call('reports', 'POST', '/api/v1/auth/token', {}, { username: 'admin', password: adminPassword }), 200);
    admin = { authorization: `Bearer ${token.json.accessToken}` };

    const units = [
      { id: province, name: 'Tỉnh Thử Nghiệm', level: 'province', parents: [], successors: [] },
      ...districts.map((id, i) => ({
        id,
        name: `Huyện Số ${i + 1}`,
        level: 'district',
        validTo: '2025-06-30',
        parents: [{ parentId: province }],
        // The reform: D2's communes went to N2 and N3 in halves; D1 and D3 became N1 and N4 whole.
        successors: i === 1 ? [{ unitId: communes[1]!, on: '2025-07-01', share: 0.5 }, { unitId: communes[2]!, on: '2025-07-01', share: 0.5 }] : [{ unitId: communes[i === 0 ? 0 : 3]!, on: '2025-07-01', share: 1 }],
      })),
      ...communes.map((id, i) => ({ id, name: `Xã Số ${i + 1}`, level: 'commune', validFrom: '2025-07-01', parents: [{ parentId: province }], successors: [] })),
    ];
    await expectStatus(call('indicators', 'POST', '/api/v1/units/import.json', admin, { units }), 200);
    const form = (overrides: object) => ({
      provinceCode: province,
      calendar: 'decree-09',
      countSubmitted: false,
      approvers: ['admin'],
      ...overrides,
    });
    await expectStatus(
      call('reports', 'PUT', '/api/v1/forms', admin, form({ code: QUARTERLY, nameVi: 'Báo cáo chuyển đổi số hằng quý', nameEn: 'Quarterly report', periodType: 'quarter', deadline: { kind: 'day-of-month', day: 15, monthsAfterPeriodEnd: 0 }, levels: ['district', 'commune'], indicators: indicatorDefinitions })),
      200,
    );
    await expectStatus(
      call('reports', 'PUT', '/api/v1/forms', admin, form({
        code: PROVINCIAL,
        nameVi: 'Số liệu cấp tỉnh hằng quý',
        nameEn: 'Provincial figures',
        periodType: 'quarter',
        countSubmitted: true,
        deadline: { kind: 'day-of-month', day: 15, monthsAfterPeriodEnd: 0 },
        levels: ['province'],
        indicators: [{ code: I.economy, nameVi: 'Tỷ trọng kinh tế số trong GRDP', nameEn: 'Digital economy share of GRDP', unitOfMeasure: '%', kind: 'province-percentage', direction: 'higher-is-better' }],
      })),
      200,
    );
    await expectStatus(
      call('reports', 'PUT', '/api/v1/forms', admin, form({ code: MONTHLY, nameVi: 'Báo cáo nhanh hằng tháng', nameEn: 'Monthly flash report', periodType: 'month', countSubmitted: true, deadline: { kind: 'day-of-month', day: 15, monthsAfterPeriodEnd: 1 }, levels: ['commune'], indicators: [indicatorDefinitions[1]] })),
      200,
    );
    const programme = {
      code: PROGRAMME,
      provinceCode: province,
      nameVi: 'Kế hoạch chuyển đổi số năm 2025',
      nameEn: 'Digital transformation plan 2025',
      pillars: [
        { code: 'gov', nameVi: 'Chính quyền số', nameEn: 'Digital government' },
        { code: 'eco', nameVi: 'Kinh tế số', nameEn: 'Digital economy' },
        { code: 'infra', nameVi: 'Hạ tầng số', nameEn: 'Digital infrastructure' },
      ],
      targets: [
        { indicatorCode: I.dossiers, year: 2025, value: 0.8, comparison: 'at-least', pillar: 'gov' },
        { indicatorCode: I.all, year: 2025, value: 1, comparison: 'done', pillar: 'gov' },
        { indicatorCode: I.any, year: 2025, value: 1, comparison: 'done', pillar: 'gov' },
        { indicatorCode: I.count, year: 2025, value: 1, comparison: 'done', pillar: 'gov' },
        { indicatorCode: I.economy, year: 2025, value: 20, comparison: 'at-least', pillar: 'eco' },
        { indicatorCode: I.bts, year: 2025, value: 300, comparison: 'at-least', pillar: 'infra' },
      ],
    };
    await expectStatus(call('indicators', 'PUT', '/api/v1/programmes', admin, programme), 200);
    for (const unit of [province, ...districts, ...communes]) await issueKey(unit);
    // The forms reach indicators as events (a new consumer group reads the topic's history first):
    // their indicators must be in the catalog before a figure that depends on their kind is read.
    for (const indicatorCode of [I.all, I.economy, I.bts]) {
      await waitFor(async () => (await call('indicators', 'GET', `/api/v1/indicators/${province}/${indicatorCode}`, admin)).status, (status) => status === 200, { what: `${indicatorCode} in the catalog`, timeoutMs: 120_000, intervalMs: 500 });
    }
  }, 360_000);

  afterAll(async () => {
    await Promise.all(Object.values(services).map((s) => s.stop()));
    const client = await MongoClient.connect(env.MONGO_URL);
    for (const name of Object.values(databases)) await client.db(name).dropDatabase();
    await client.close();
  });

  it('refuses a key for a unit that is in no tree, and reports from units outside their validity, naming the dates', async () => {
    const unknown = await call('reports', 'POST', '/api/v1/api-keys', admin, { provinceCode: province, unitCode: `${province}X9`, expiresAt: '2099-01-01T00:00:00Z' });
    expect(unknown.status).toBe(422);
    // A district abolished on 2025-06-30 cannot report the fourth quarter; a new commune cannot report the second.
    const late = await call('reports', 'POST', '/api/v1/submissions', keys.get(districts[0]!)!, { formCode: QUARTERLY, period: '2025Q4', values: valuesOf(q2[districts[0]!]!) });
    expect(late.status).toBe(422);
    expect(late.text).toContain('2025-06-30');
    const early = await call('reports', 'POST', '/api/v1/submissions', keys.get(communes[0]!)!, { formCode: QUARTERLY, period: '2025Q2', values: valuesOf(q4[communes[0]!]!) });
    expect(early.status).toBe(422);
    expect(early.text).toContain('2025-07-01');
  });

  it('folds the districts’ second quarter and the communes’ fourth: sums, ratios by parts, milestones all / any / count', async () => {
    const ids = new Map<string, string>();
    for (const [unit, report] of Object.entries(q2)) ids.set(unit, (await submit(unit, QUARTERLY, '2025Q2', valuesOf(report)))._id);
    for (const [unit, report] of Object.entries(q4)) ids.set(unit, (await submit(unit, QUARTERLY, '2025Q4', valuesOf(report)))._id);
    await submit(province, PROVINCIAL, '2025Q4', [{ indicatorCode: I.economy, value: ECONOMY_SHARE }]);
    // Nothing counts before approval on this form.
    await settled(province, I.economy, '2025Q4', (a) => a.value === ECONOMY_SHARE, 'the province-only share');
    expect((await aggregate(province, I.bts, '2025Q2'))?.reportingUnits ?? 0).toBe(0);
    for (const id of ids.values()) await approve(id);
    for (const [unit, id] of ids) submissionIds.set(unit, id);

    for (const [period, reports] of [['2025Q2', Object.values(q2)], ['2025Q4', Object.values(q4)]] as const) {
      const want = sumOf([...reports]);
      const dossiers = await settled(province, I.dossiers, period, (a) => a.reportingUnits === reports.length, `${period} dossiers from every unit`);
      expect(dossiers.totals).toMatchObject({ numerator: want.numerator, denominator: want.denominator });
      expect(dossiers.value).toBeCloseTo(want.numerator / want.denominator, 12);
      const bts = await settled(province, I.bts, period, (a) => a.reportingUnits === reports.length, `${period} BTS`);
      expect(bts.value).toBe(want.bts);
      expect((await settled(province, I.all, period, (a) => a.reportingUnits === reports.length, `${period} all`)).value).toBe(want.all);
      expect((await settled(province, I.any, period, (a) => a.reportingUnits === reports.length, `${period} any`)).value).toBe(want.any);
      expect((await settled(province, I.count, period, (a) => a.reportingUnits === reports.length, `${period} count`)).value).toBe(want.count);
    }
  });

  it('keeps every unit’s own figure and counts only the units that existed in the period as expected and reporting', async () => {
    const rates = async (period: string) => (await expectStatus(call('indicators', 'GET', `/api/v1/reporting-rates/${province}/${QUARTERLY}/${period}`, admin), 200)).json;
    // The set that reports (aggregates' reporting units) is the set expected (rates): the districts
    // before the reform, the communes after, each all received.
    for (const [period, units] of [['2025Q2', districts], ['2025Q4', communes]] as const) {
      const answer = (await rates(period)) as { province: { expected: number; received: number }; units: Array<{ unitCode: string; received: boolean }> };
      expect(answer.province).toMatchObject({ expected: units.length, received: units.length });
      expect(answer.units.map((u) => u.unitCode).sort()).toEqual([...units].sort());
      expect((await aggregate(province, I.bts, period))?.reportingUnits).toBe(units.length);
    }
    for (const [unit, report] of Object.entries(q4)) expect((await aggregate(unit, I.bts, '2025Q4'))?.value).toBe(report.bts);
    const ranking = (await expectStatus(call('indicators', 'GET', `/api/v1/rankings/${province}/${I.bts}/2025Q4?level=commune&pageSize=20`, {}), 200)).json as { items: Array<{ unitCode: string; value: number; rank: number }> };
    const byBts = Object.entries(q4).sort((a, b) => b[1].bts - a[1].bts);
    expect(ranking.items.map((r) => [r.unitCode, r.value, r.rank])).toEqual(byBts.map(([unit, r], i) => [unit, r.bts, i + 1]));
  });

  const scorecardOf = async (period: string) =>
    (await expectStatus(call('indicators', 'GET', `/api/v1/scorecards/${province}/${PROGRAMME}/${province}/${period}`, {}), 200)).json as {
      summary: { ratio: string; vi: string };
      targets: Array<{ indicatorCode: string; actual: number | null; status: string; gap: number | null; target: number }>;
    };

  it('scores the fourth quarter against the year’s targets: each status and the count computed here', async () => {
    const want = sumOf(Object.values(q4));
    const card = await scorecardOf('2025Q4');
    const expected: Array<[string, number, string]> = [
      [I.dossiers, want.numerator / want.denominator, want.numerator / want.denominator >= 0.8 ? 'achieved' : 'not-achieved'],
      [I.all, want.all, want.all >= 1 ? 'achieved' : 'not-achieved'],
      [I.any, want.any, want.any >= 1 ? 'achieved' : 'not-achieved'],
      [I.count, want.count, want.count >= 1 ? 'achieved' : 'not-achieved'],
      [I.economy, ECONOMY_SHARE, ECONOMY_SHARE >= 20 ? 'achieved' : 'not-achieved'],
      [I.bts, want.bts, want.bts >= 300 ? 'achieved' : 'not-achieved'],
    ];
    for (const [indicatorCode, actual, status] of expected) {
      const line = card.targets.find((t) => t.indicatorCode === indicatorCode)!;
      expect({ indicatorCode, actual: line.actual, status: line.status }).toEqual({ indicatorCode, actual: expect.closeTo(actual, 12), status });
    }
    const achieved = expected.filter(([, , s]) => s === 'achieved').length;
    expect(card.summary.ratio).toBe(`${achieved}/${expected.length}`);
  });

  it('publishes the same figures in CSV, XLSX, DOCX and PDF, percentages as percentages, counts without decimals', async () => {
    const want = sumOf(Object.values(q4));
    const share = (want.numerator / want.denominator) * 100;
    const files: Record<string, Buffer> = {};
    for (const format of ['csv', 'xlsx', 'docx', 'pdf'] as const) {
      const created = await expectStatus(call('exports', 'POST', '/api/v1/exports', admin, { kind: 'scorecard', format, provinceCode: province, programmeCode: PROGRAMME, period: '2025Q4' }), 202);
      const job = await waitFor(async () => (await call('exports', 'GET', `/api/v1/exports/${created.json.id}`, admin)).json as { status: string; downloadPath?: string; error?: unknown }, (j) => ['completed', 'failed'].includes(j.status), {
        what: `the ${format} export`,
        timeoutMs: 60000,
        intervalMs: 300,
      });
      expect(job).toMatchObject({ status: 'completed' });
      const res = await fetch(`${services['exports']!.baseUrl}${job.downloadPath}`, { headers: admin });
      files[format] = Buffer.from(await res.arrayBuffer());
    }

    const csv = files['csv']!.toString('utf8');
    const csvLine = (indicatorCode: string) => csv.split(/\r?\n/).find((l) => l.includes(`,${indicatorCode},`)) ?? '';
    expect(csvLine(I.bts)).toContain(`,${want.bts},`);
    expect(csvLine(I.economy)).toContain(`,${ECONOMY_SHARE},`);
    expect(csvLine(I.count)).toContain(`,${want.count},`);
    expect(Number(csvLine(I.dossiers).split(',')[6])).toBeCloseTo(share, 5);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(files['xlsx']! as never);
    const cells = new Map<string, ExcelJS.Row>();
    workbook.eachSheet((sheet) => sheet.eachRow((row) => cells.set(String(row.getCell(2).value), row)));
    const row = (indicatorCode: string) => cells.get(indicatorCode)!;
    // Shares in percentage points with two decimals beside their unit "%", as on the screen: a ratio's
    // share from its summed parts, a province percentage as reported (never ×100); counts as integers.
    expect(row(I.dossiers).getCell(4).value).toBe('%');
    expect(row(I.dossiers).getCell(7).value).toBeCloseTo(share, 5);
    expect(row(I.dossiers).getCell(7).numFmt).toBe('#,##0.00');
    expect(row(I.economy).getCell(4).value).toBe('%');
    expect(row(I.economy).getCell(7).value).toBe(ECONOMY_SHARE);
    expect(row(I.economy).getCell(6).value).toBe(20);
    expect(row(I.bts).getCell(7).value).toBe(want.bts);
    expect(row(I.bts).getCell(7).numFmt).toBe('#,##0');
    expect(row(I.count).getCell(7).value).toBe(want.count);
    // Milestones by their rule: "all" and "any" as done (1) or not (0), never the count of units done.
    expect([row(I.all).getCell(7).value, row(I.any).getCell(7).value]).toEqual([want.all, want.any]);

    const zip = await JSZip.loadAsync(files['docx']!);
    const docx = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    writeFileSync(join(scratch, 'scorecard.pdf'), files['pdf']!);
    const pdf = execFileSync('pdftotext', ['-layout', join(scratch, 'scorecard.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const [name, text] of [['docx', docx], ['pdf', pdf]] as const) {
      expect({ name, share: text.includes(vi(share, 2)) }).toEqual({ name, share: true });
      expect({ name, economy: text.includes(vi(ECONOMY_SHARE, 2)) }).toEqual({ name, economy: true });
      expect({ name, bts: new RegExp(`(^|[^\\d,.])${want.bts}([^\\d,]|,[^\\d])`).test(text) }).toEqual({ name, bts: true });
      // Never a province percentage multiplied by 100 again (1.252 against 2.000).
      expect({ name, scaled: text.includes(vi(ECONOMY_SHARE * 100, 0)) }).toEqual({ name, scaled: false });
      // Dated after the reform: no district is a recipient.
      expect({ name, districts: /UBND các huyện/.test(text) }).toEqual({ name, districts: false });
    }
  });

  it('corrects an approved district report: the approved figure stands, marked, until the correction is approved', async () => {
    const d2 = districts[1]!;
    const approvedQ2 = sumOf(Object.values(q2));
    const correction = await expectStatus(call('reports', 'POST', `/api/v1/submissions/${encodeURIComponent(submissionIds.get(d2)!)}/corrections`, keys.get(d2)!, { reason: 'Điều chỉnh theo số liệu của Cục Thống kê', values: valuesOf(q2Corrected) }), 201);
    // While it awaits approval: the three districts still counted at their approved figures, and the readers told so.
    const held = await settled(province, I.bts, '2025Q2', (a) => (a.totals['correcting'] ?? 0) === 1, 'the correction to be seen as pending');
    expect({ value: held.value, reporting: held.reportingUnits }).toEqual({ value: approvedQ2.bts, reporting: 3 });
    const pending = (await expectStatus(call('indicators', 'GET', `/api/v1/scorecards/${province}/${PROGRAMME}/${province}/2025Q2`, {}), 200)).json as {
      provisional: boolean;
      provisionalNote?: { vi: string };
      targets: Array<{ indicatorCode: string; actual: number | null; provisional: boolean; correctingUnits: number }>;
    };
    expect(pending.provisional).toBe(true);
    expect(pending.provisionalNote?.vi).toContain('chờ phê duyệt bản điều chỉnh');
    const pendingShare = pending.targets.find((t) => t.indicatorCode === I.dossiers)!;
    expect(pendingShare).toMatchObject({ provisional: true, correctingUnits: 1 });
    expect(pendingShare.actual).toBeCloseTo(approvedQ2.numerator / approvedQ2.denominator, 12);

    await approve(correction.json._id as string);
    const want = sumOf([q2[districts[0]!]!, q2Corrected, q2[districts[2]!]!]);
    const bts = await settled(province, I.bts, '2025Q2', (a) => a.value === want.bts && a.reportingUnits === 3, 'the corrected BTS count');
    expect(bts.value).toBe(want.bts);
    const dossiers = await settled(province, I.dossiers, '2025Q2', (a) => a.totals['numerator'] === want.numerator, 'the corrected dossiers');
    expect(dossiers.totals).toMatchObject({ numerator: want.numerator, denominator: want.denominator, correcting: 0 });
    const final = (await expectStatus(call('indicators', 'GET', `/api/v1/scorecards/${province}/${PROGRAMME}/${province}/2025Q2`, {}), 200)).json as { provisional: boolean; targets: Array<{ indicatorCode: string; actual: number | null }> };
    expect(final.provisional).toBe(false);
    expect(final.targets.find((t) => t.indicatorCode === I.dossiers)!.actual).toBeCloseTo(want.numerator / want.denominator, 12);
  });

  it('carries a new commune’s series back across the reform from the districts it took over, marked as derived', async () => {
    type Point = { period: string; value: number | null; derived?: boolean; predecessors?: Array<{ unitCode: string; share: number }>; notDerivedReason?: string };
    const series = async (unitCode: string, indicatorCode: string) => (await expectStatus(call('indicators', 'GET', `/api/v1/aggregates/${unitCode}/${indicatorCode}?from=2025Q2&to=2025Q4`, {}), 200)).json as Point[];
    // N1 took D1 over whole; N2 half of D2 (as corrected and approved); the fourth quarter is their own.
    const n1 = await series(communes[0]!, I.bts);
    expect(n1.map((p) => [p.period, p.value, p.derived ?? false])).toEqual([
      ['2025Q2', q2[districts[0]!]!.bts, true],
      ['2025Q3', null, false],
      ['2025Q4', q4[communes[0]!]!.bts, false],
    ]);
    expect(n1[0]!.predecessors).toEqual([{ unitCode: districts[0], share: 1 }]);
    const n2 = await series(communes[1]!, I.bts);
    expect(n2[0]).toMatchObject({ period: '2025Q2', value: 0.5 * q2Corrected.bts, derived: true, predecessors: [{ unitCode: districts[1], share: 0.5 }] });
    // A share is derived from the halves of both parts, so it stays the district's own share.
    const share = await series(communes[1]!, I.dossiers);
    expect(share[0]!.value).toBeCloseTo((0.5 * q2Corrected.dossiers[0]) / (0.5 * q2Corrected.dossiers[1]), 12);
    // A milestone has no share of a part: not derived, and said why.
    expect((await series(communes[0]!, I.all))[0]).toMatchObject({ value: null, derived: false, notDerivedReason: 'kind-not-derivable' });
  });

  it('scores a commune only against targets set for it: the province’s targets are not its own', async () => {
    const card = (await expectStatus(call('indicators', 'GET', `/api/v1/scorecards/${province}/${PROGRAMME}/${communes[0]}/2025Q4`, {}), 200)).json as { targetsFor: string; targets: unknown[]; note?: { vi: string } };
    expect(card).toMatchObject({ targetsFor: 'none', targets: [] });
    expect(card.note?.vi).toBeTruthy();
  });

  it('states a report’s real lateness in working days in a caught-up reminder, subject and body alike', async () => {
    // A commune that has not sent the flash report of the month before last (due mid last month): the
    // planner catches up the reminders it missed, each stating the delay on the day it goes out.
    const today = new Date(Date.now() + 7 * 3600_000);
    const owedMonth = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 2, 1));
    const period = `${owedMonth.getUTCFullYear()}${String(owedMonth.getUTCMonth() + 1).padStart(2, '0')}`;
    const dueMonth = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
    const calendar = await waitFor(
      async () => (await call('notifications', 'GET', `/api/v1/calendar/${province}?unit=${communes[3]}&form=${MONTHLY}`, admin)).json as Array<{ period: string; deadline: string; state: string }>,
      (rows) => Array.isArray(rows) && rows.some((r) => r.period === period),
      { what: `the calendar to owe ${period}`, timeoutMs: 60000, intervalMs: 1000 },
    );
    const deadline = calendar.find((r) => r.period === period)!.deadline;
    // The 15th of the month after, moved to a working day if it is not one.
    expect(deadline.slice(0, 7)).toBe(dueMonth);
    expect(Number(deadline.slice(8))).toBeGreaterThanOrEqual(15);
    const owed = await waitFor(
      async () => (await call('notifications', 'GET', `/api/v1/deliveries/${province}?unit=${communes[3]}&form=${MONTHLY}&period=${period}`, admin)).json as Array<{ notice: string; sendAt: string; variables: Record<string, unknown> }>,
      (rows) => Array.isArray(rows) && rows.some((r) => r.notice === 'reminder-overdue'),
      { what: `an overdue reminder for ${period}`, timeoutMs: 150000, intervalMs: 2000 },
    );
    const reminder = owed.find((r) => r.notice === 'reminder-overdue')!;
    // Working days after the deadline up to the day it is sent (Vietnam's date), counted here: Monday
    // to Friday, less the days off and plus the Saturdays worked that the province's calendar lists.
    const sentOn = new Date(new Date(reminder.sendAt).getTime() + 7 * 3600_000).toISOString().slice(0, 10);
    const daysOff = new Set<string>();
    const weekendsWorked = new Set<string>();
    for (const year of new Set([deadline.slice(0, 4), sentOn.slice(0, 4)])) {
      const days = (await expectStatus(call('reports', 'GET', `/api/v1/working-calendar/${province}?year=${year}`, admin), 200)).json as { daysOff: Array<{ date: string }>; workingWeekendDays: Array<{ date: string }> };
      for (const d of days.daysOff) daysOff.add(d.date);
      for (const d of days.workingWeekendDays) weekendsWorked.add(d.date);
    }
    let late = 0;
    for (let d = new Date(`${deadline}T00:00:00Z`); ; ) {
      d = new Date(d.getTime() + 86_400_000);
      const date = d.toISOString().slice(0, 10);
      if (date > sentOn) break;
      const weekday = d.getUTCDay() !== 0 && d.getUTCDay() !== 6;
      if ((weekday && !daysOff.has(date)) || weekendsWorked.has(date)) late += 1;
    }
    expect(late).toBeGreaterThan(3);
    expect(reminder.variables['workingDays']).toBe(late);
    const rendered = (await expectStatus(call('notifications', 'POST', '/api/v1/templates/reminder-overdue/preview', admin, reminder.variables), 200)).json as { subject: string; text: string };
    expect(rendered.subject).toContain(`Quá hạn ${late} ngày làm việc`);
    expect(rendered.text).toContain(`đã quá hạn ${late} ngày làm việc`);
    expect(rendered.text).toContain(`${late} working days overdue`);
  });
});
