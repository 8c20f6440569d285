// The bench's own data, unique per run (the run id is in every code): a hierarchy of districts and
// communes under the province (2024, when the district level still exists), the monthly forms, an
// API key per commune, a programme with targets, and the ledger of what was posted — the values
// the province's aggregates must end up showing, each exactly once.
import { INDICATORS, PROVINCE, REPORTS } from './platform.mjs';
import { call, pad, pool } from './util.mjs';

export const SIZES = {
  full: {
    districts: 11,
    communes: 65,
    ingestIndicators: 20,
    ingestPeriods: 7, // 65 × 7 = 455 reports
    loadPeriods: 5, // the latency phase's background load: the months after the ingest's
    probes: 80,
    readSeconds: 8,
    rebuildIndicators: 100,
    rebuildMonths: 12,
    sampleSeconds: 15,
    copies: 9, // background phase: ×10 the stored data
    limits: { platform: 240, setup: 90, ingest: 150, raw: 45, latency: 75, reads: 75, rebuildLoad: 120, rebuild: 90, background: 150, cleanup: 120 },
    budgetS: 600,
  },
  small: {
    districts: 2,
    communes: 6,
    ingestIndicators: 20,
    ingestPeriods: 2,
    loadPeriods: 1,
    probes: 5,
    readSeconds: 2,
    rebuildIndicators: 20,
    rebuildMonths: 3,
    sampleSeconds: 3,
    copies: 2,
    limits: { platform: 240, setup: 60, ingest: 90, raw: 20, latency: 45, reads: 30, rebuildLoad: 90, rebuild: 90, background: 45, cleanup: 45 },
    budgetS: 600,
  },
};

export const CONCURRENCY = 16;

export const month = (i) => `2024${pad(i + 1, 2)}`; // i = 0 → 202401

/** What commune c reports for indicator i in period p (revision r): small positive integers, all different enough. */
export const valueOf = (c, p, i, r = 0) => 1 + ((c * 37 + p * 11 + i * 7 + r * 13) % 97);

/** For each indicator × period, the value each commune's latest accepted report carries. */
export class Ledger {
  constructor() {
    this.cells = new Map();
  }

  record(indicator, period, unit, value) {
    const key = `${indicator}|${period}`;
    if (!this.cells.has(key)) this.cells.set(key, new Map());
    this.cells.get(key).set(unit, value);
  }

  recordReport(unit, period, values) {
    for (const v of values) this.record(v.indicatorCode, period, unit, v.value);
  }

  get(indicator, period, unit) {
    return this.cells.get(`${indicator}|${period}`)?.get(unit);
  }

  expected(indicator, period) {
    const cell = this.cells.get(`${indicator}|${period}`);
    if (!cell) return undefined;
    let sum = 0;
    for (const v of cell.values()) sum += v;
    return { sum, units: cell.size };
  }

  values() {
    let n = 0;
    for (const cell of this.cells.values()) n += cell.size;
    return n;
  }

  keys() {
    return [...this.cells.keys()].map((k) => k.split('|'));
  }
}

export function makeRun(size) {
  const id = Date.now().toString(36).slice(-6).toUpperCase();
  const s = SIZES[size];
  const districts = Array.from({ length: s.districts }, (_, d) => `BD${id}${pad(d + 1, 2)}`);
  const perDistrict = Math.ceil(s.communes / s.districts);
  const communes = Array.from({ length: s.communes }, (_, c) => {
    const d = Math.min(s.districts - 1, Math.floor(c / perDistrict));
    return { code: `BC${id}${pad(d + 1, 2)}${pad(c + 1, 3)}`, district: districts[d], index: c };
  });
  return {
    id,
    size,
    s,
    districts,
    communes,
    ingestForm: `BF${id}-M${s.ingestIndicators}`,
    rebuildForm: `BF${id}-R${s.rebuildIndicators}`,
    ingestIndicators: Array.from({ length: s.ingestIndicators }, (_, i) => `B${id}_I${pad(i + 1, 3)}`),
    rebuildIndicators: Array.from({ length: s.rebuildIndicators }, (_, i) => `B${id}_R${pad(i + 1, 3)}`),
    ingestPeriods: Array.from({ length: s.ingestPeriods }, (_, p) => month(p)),
    loadPeriods: Array.from({ length: s.loadPeriods }, (_, p) => month(s.ingestPeriods + p)),
    rebuildPeriods: Array.from({ length: s.rebuildMonths }, (_, p) => month(p)),
    programme: `BP${id}`,
    keys: new Map(), // commune code → { id, key }
    ledger: new Ledger(),
    rebuildLedger: new Ledger(),
  };
}

const indicator = (code, n) => ({ code, nameVi: `Chỉ tiêu đo hiệu năng ${n}`, nameEn: `Bench indicator ${n}`, unitOfMeasure: '', kind: 'count', direction: 'higher-is-better' });

function form(code, nameEn, indicators) {
  return {
    code,
    provinceCode: PROVINCE,
    nameVi: `Đo hiệu năng ${code}`,
    nameEn,
    periodType: 'month',
    calendar: 'calendar',
    deadline: { kind: 'day-of-month', day: 15, monthsAfterPeriodEnd: 1 },
    levels: ['commune'],
    // Submitted values count at once, without an approval (as the demo's form does).
    countSubmitted: true,
    indicators: indicators.map((c, i) => indicator(c, i + 1)),
  };
}

/** Units, forms, indicator definitions, programme, one API key per commune. */
export async function loadFixtures(run, admin, ctx) {
  const units = [
    ...run.districts.map((id, d) => ({ id, officialCode: id, name: `Huyện đo hiệu năng ${d + 1} (${run.id})`, level: 'district', validTo: '2025-06-30', parents: [{ parentId: PROVINCE }], successors: [] })),
    ...run.communes.map((c) => ({
      id: c.code,
      officialCode: c.code,
      name: `Xã đo hiệu năng ${c.index + 1} (${run.id})`,
      level: 'commune',
      // Under its district while the level exists, straight under the province after (2025-07-01).
      parents: [{ parentId: c.district, to: '2025-06-30' }, { parentId: PROVINCE, from: '2025-07-01' }],
      successors: [],
    })),
  ];
  await call('POST', `${INDICATORS}/api/v1/units/import.json`, { headers: admin, body: { units }, expected: [200] });
  ctx.reached = 'units imported';
  await call('PUT', `${REPORTS}/api/v1/forms`, { headers: admin, body: form(run.ingestForm, 'Bench: ingest form', run.ingestIndicators), expected: [200] });
  await call('PUT', `${REPORTS}/api/v1/forms`, { headers: admin, body: form(run.rebuildForm, 'Bench: rebuild form', run.rebuildIndicators), expected: [200] });
  ctx.reached = 'forms saved';
  await pool(run.ingestIndicators, 4, (code, i) =>
    call('PUT', `${INDICATORS}/api/v1/indicators`, { headers: admin, body: { provinceCode: PROVINCE, reportedBy: ['commune'], ...indicator(code, i + 1) }, expected: [200] }),
  );
  const targets = run.ingestIndicators.slice(0, 10).map((code, i) => ({ indicatorCode: code, year: 2024, value: 50 * run.communes.length, comparison: 'at-least', pillar: i % 2 ? 'digital-society' : 'digital-government' }));
  await call('PUT', `${INDICATORS}/api/v1/programmes`, {
    headers: admin,
    body: {
      code: run.programme,
      provinceCode: PROVINCE,
      nameVi: `Chương trình đo hiệu năng ${run.id}`,
      nameEn: `Bench programme ${run.id}`,
      pillars: [
        { code: 'digital-government', nameVi: 'Chính quyền số', nameEn: 'Digital government' },
        { code: 'digital-society', nameVi: 'Xã hội số', nameEn: 'Digital society' },
      ],
      targets,
    },
    expected: [200],
  });
  ctx.reached = 'programme saved';
  const expiresAt = new Date(Date.now() + 3 * 3_600_000).toISOString();
  await pool(run.communes, 8, async (c) => {
    const { body } = await call('POST', `${REPORTS}/api/v1/api-keys`, { headers: admin, body: { provinceCode: PROVINCE, unitCode: c.code, expiresAt }, expected: [201] });
    run.keys.set(c.code, { id: body.id, key: body.key });
  });
  ctx.reached = `${run.keys.size} API keys`;
  return { units: units.length, keys: run.keys.size };
}

export async function deleteKeys(run, admin) {
  await pool([...run.keys.values()], 8, (k) => call('DELETE', `${REPORTS}/api/v1/api-keys/${k.id}`, { headers: admin, expected: [204, 404] }).catch(() => undefined));
}

/** The province's aggregates of these indicators over these (contiguous, monthly) periods, by the series endpoint: one GET per indicator. */
export async function provinceSeries(indicators, periods, concurrency = 8) {
  const from = periods[0];
  const to = periods.at(-1);
  const out = new Map();
  await pool(indicators, concurrency, async (code) => {
    const { body } = await call('GET', `${INDICATORS}/api/v1/aggregates/${PROVINCE}/${code}?from=${from}&to=${to}`, { expected: [200], retries: 3 });
    for (const point of body) out.set(`${code}|${point.period}`, { sum: point.value ?? 0, units: point.reportingUnits ?? 0 });
  });
  return out;
}

/** How far the province's aggregates are from the ledger: cells matching, values folded (Σ reporting units, capped per cell). */
export async function compareWithLedger(ledger, indicators, periods) {
  const seen = await provinceSeries(indicators, periods);
  let matched = 0;
  let cells = 0;
  let folded = 0;
  const wrong = [];
  for (const code of indicators) {
    for (const period of periods) {
      const want = ledger.expected(code, period);
      if (!want) continue;
      cells += 1;
      const got = seen.get(`${code}|${period}`) ?? { sum: 0, units: 0 };
      folded += Math.min(got.units, want.units);
      if (got.sum === want.sum && got.units === want.units) matched += 1;
      else wrong.push({ indicator: code, period, want, got });
    }
  }
  return { matched, cells, folded, wrong, all: matched === cells };
}
