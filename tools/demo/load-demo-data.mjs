// Loads the DEMO data set through the reports API, the same path a unit's system uses.
// Everything here is labelled demo: indicator codes start with DEMO_ and the form is DEMO-CDS.
// The provincial totals for Lạng Sơn 2023 are the published ones (seed 003: 630,485 / 732,908
// dossiers digitized; 3,294 BTS stations); how they split across districts is invented.
// Safe to run again: a report that already exists is left alone.
const REPORTS = process.env.REPORTS_URL ?? 'http://127.0.0.1:3101';

const LANG_SON = { code: '20', districts: ['178', '180', '181', '182', '183', '184', '185', '186', '187', '188', '189'] };
const HA_TINH = { code: '42', districts: ['436', '437', '439', '440', '441', '442', '443', '444', '445', '446', '447', '448', '449'] };

/** Splits a total into parts proportional to the weights, summing exactly to the total. */
function split(total, weights) {
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => Math.floor((total * w) / sum));
  parts[parts.length - 1] += total - parts.reduce((a, b) => a + b, 0);
  return parts;
}

const weightsOf = (n, seed) => Array.from({ length: n }, (_, i) => 5 + ((i * 7 + seed) % 11));

function reportsFor(province, period, totals) {
  const n = province.districts.length;
  const denominators = split(totals.dossiers[1], weightsOf(n, 3));
  const numerators = split(totals.dossiers[0], denominators);
  const bts = split(totals.bts, weightsOf(n, 5));
  return province.districts.map((unitCode, i) => ({
    provinceCode: province.code,
    unitCode,
    formCode: 'DEMO-CDS',
    period,
    values: [
      { indicatorCode: 'DEMO_DOSSIERS_DIGITIZED', numerator: Math.min(numerators[i], denominators[i]), denominator: denominators[i], comment: 'Dữ liệu minh hoạ (demo)' },
      { indicatorCode: 'DEMO_BTS_STATIONS', value: bts[i], comment: 'Dữ liệu minh hoạ (demo)' },
      { indicatorCode: 'DEMO_ONLINE_EXAM_PILOT', done: i % 3 !== 0, comment: 'Dữ liệu minh hoạ (demo)' },
    ],
  }));
}

const reports = [
  ...reportsFor(LANG_SON, '2023', { dossiers: [630_485, 732_908], bts: 3_294 }),
  ...reportsFor(LANG_SON, '2024', { dossiers: [702_110, 781_450], bts: 3_420 }),
  ...reportsFor(HA_TINH, '2024', { dossiers: [655_300, 760_200], bts: 3_870 }),
];

let created = 0;
for (const report of reports) {
  const id = `${report.provinceCode}:${report.unitCode}:${report.formCode}:${report.period}`;
  const existing = await fetch(`${REPORTS}/api/v1/submissions/${encodeURIComponent(id)}`);
  if (existing.status === 200) continue;
  const res = await fetch(`${REPORTS}/api/v1/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-correlation-id': 'demo-data' },
    body: JSON.stringify(report),
  });
  if (res.status !== 201) {
    console.error(`[demo] ${id}: ${res.status} ${await res.text()}`);
    process.exit(1);
  }
  created += 1;
}
console.log(`[demo] ${created} demo reports submitted, ${reports.length - created} already there`);
