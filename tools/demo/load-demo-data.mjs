// Loads the DEMO data set through the reports API, the same path a unit's system uses: the
// administrator defines the form, issues each district a key, each district submits with its key,
// and the 2022 and 2023 reports are approved. Everything is labelled demo: indicator codes start with DEMO_
// and the form is DEMO-CDS. The provincial totals for Lạng Sơn 2023 are the published ones (seed
// 003: 630,485 / 732,908 dossiers digitized; 3,294 BTS stations); how they split across districts,
// and all of 2022 and 2024, is invented. Safe to run again: a report that already exists is left
// alone.
const REPORTS = process.env.REPORTS_URL ?? 'http://127.0.0.1:3101';
const INDICATORS = process.env.INDICATORS_URL ?? 'http://127.0.0.1:3102';
const PROVINCE = { code: '20', districts: ['178', '180', '181', '182', '183', '184', '185', '186', '187', '188', '189'] };

async function call(method, path, headers, body, expected, base = REPORTS) {
  // A 503 says "try again in a few seconds" (a service still reading what it depends on at start).
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), 'x-correlation-id': 'demo-data', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status === 503 && !expected.includes(503) && attempt < 30) {
      await res.text();
      await new Promise((resolve) => setTimeout(resolve, 2000));
      continue;
    }
    return answered(method, path, res, expected);
  }
}

async function answered(method, path, res, expected) {
  const text = await res.text();
  if (!expected.includes(res.status)) {
    console.error(`[demo] ${method} ${path}: ${res.status} ${text}`);
    process.exit(1);
  }
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** Splits a total into parts proportional to the weights, summing exactly to the total. */
function split(total, weights) {
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => Math.floor((total * w) / sum));
  parts[parts.length - 1] += total - parts.reduce((a, b) => a + b, 0);
  return parts;
}

const weightsOf = (n, seed) => Array.from({ length: n }, (_, i) => 5 + ((i * 7 + seed) % 11));

const demo = (code, vi, en, unit, kind, extra = {}) => ({ code, nameVi: `${vi} (demo)`, nameEn: `${en} (demo)`, unitOfMeasure: unit, kind, direction: 'higher-is-better', ...extra });
const FORM = {
  code: 'DEMO-CDS',
  provinceCode: PROVINCE.code,
  nameVi: 'Báo cáo chuyển đổi số hằng năm (dữ liệu minh hoạ)',
  nameEn: 'Annual digital transformation report (demo data)',
  periodType: 'year',
  calendar: 'decree-09',
  deadline: { kind: 'working-days-after-cut-off', days: 5 },
  levels: ['district'],
  countSubmitted: true,
  indicators: [
    demo('DEMO_DOSSIERS_DIGITIZED', 'Tỷ lệ hồ sơ được số hoá', 'Dossiers digitized', '%', 'ratio'),
    demo('DEMO_BTS_STATIONS', 'Số trạm BTS', 'BTS stations', 'trạm', 'count'),
    demo('DEMO_ONLINE_EXAM_PILOT', 'Thí điểm thi trực tuyến', 'Online exam pilot', '', 'milestone', { milestoneAggregation: 'count' }),
  ],
};

function valuesFor(totals) {
  const n = PROVINCE.districts.length;
  const denominators = split(totals.dossiers[1], weightsOf(n, 3));
  const numerators = split(totals.dossiers[0], denominators);
  const bts = split(totals.bts, weightsOf(n, 5));
  return PROVINCE.districts.map((_, i) => [
    { indicatorCode: 'DEMO_DOSSIERS_DIGITIZED', numerator: Math.min(numerators[i], denominators[i]), denominator: denominators[i], comment: 'Dữ liệu minh hoạ (demo)' },
    { indicatorCode: 'DEMO_BTS_STATIONS', value: bts[i], comment: 'Dữ liệu minh hoạ (demo)' },
    { indicatorCode: 'DEMO_ONLINE_EXAM_PILOT', done: i % 3 !== 0, comment: 'Dữ liệu minh hoạ (demo)' },
  ]);
}

const YEARS = {
  2022: valuesFor({ dossiers: [540_210, 690_300], bts: 3_050 }),
  2023: valuesFor({ dossiers: [630_485, 732_908], bts: 3_294 }),
  2024: valuesFor({ dossiers: [702_110, 781_450], bts: 3_420 }),
};

const { body: token } = await call('POST', '/api/v1/auth/token', {}, { username: 'admin', password: process.env.DEMO_ADMIN_PASSWORD }, [200]);
const admin = { authorization: `Bearer ${token.accessToken}` };
await call('PUT', '/api/v1/forms', admin, FORM, [200]);

let created = 0;
let approved = 0;
const keyExpiry = new Date(Date.now() + 3_600_000).toISOString();
for (const [i, unitCode] of PROVINCE.districts.entries()) {
  const { body: key } = await call('POST', '/api/v1/api-keys', admin, { provinceCode: PROVINCE.code, unitCode, expiresAt: keyExpiry }, [201]);
  for (const [period, values] of Object.entries(YEARS)) {
    const id = `${PROVINCE.code}:${unitCode}:${FORM.code}:${period}`;
    const existing = await call('GET', `/api/v1/submissions/${id}`, admin, undefined, [200, 404]);
    if (existing.status === 404) {
      await call('POST', '/api/v1/submissions', { 'x-api-key': key.key }, { formCode: FORM.code, period, values: values[i] }, [201]);
      created += 1;
    }
    if (period !== '2024' && existing.body?.status !== 'approved') {
      await call('POST', `/api/v1/submissions/${id}/approve`, admin, { comment: 'Dữ liệu minh hoạ (demo)' }, [200]);
      approved += 1;
    }
  }
  // The demo's keys were only for loading: nothing keeps them.
  await call('DELETE', `/api/v1/api-keys/${key.id}`, admin, undefined, [204]);
}
// The indicators' definitions in the indicators catalog, so scorecards, rankings and exported
// files carry their names and units (and ratios read as percentages).
for (const indicator of FORM.indicators) {
  await call('PUT', '/api/v1/indicators', admin, { provinceCode: PROVINCE.code, reportedBy: FORM.levels, ...indicator }, [200], INDICATORS);
}
// A demo programme with targets for both years, so the scorecard has something to show.
const target = (indicatorCode, year, value, comparison, pillar) => ({ indicatorCode, year, value, comparison, pillar });
await call('PUT', '/api/v1/programmes', admin, {
  code: 'DEMO-49',
  provinceCode: PROVINCE.code,
  nameVi: 'Chương trình minh hoạ theo Nghị quyết 49-NQ/TU (demo)',
  nameEn: 'Demo programme after Resolution 49-NQ/TU (demo)',
  pillars: [
    { code: 'digital-government', nameVi: 'Chính quyền số', nameEn: 'Digital government' },
    { code: 'digital-society', nameVi: 'Xã hội số', nameEn: 'Digital society' },
  ],
  targets: [2022, 2023, 2024].flatMap((year) => [
    target('DEMO_DOSSIERS_DIGITIZED', year, 0.8, 'at-least', 'digital-government'),
    target('DEMO_BTS_STATIONS', year, 3000, 'at-least', 'digital-society'),
    target('DEMO_ONLINE_EXAM_PILOT', year, 11, 'at-least', 'digital-society'),
  ]),
}, [200], INDICATORS);
console.log(`[demo] ${created} demo reports submitted, ${approved} approved, programme DEMO-49 with its targets (province ${PROVINCE.code})`);
