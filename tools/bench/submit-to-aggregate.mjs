// Measures how long a submitted report takes to show in the indicators service's aggregate:
// POST /api/v1/submissions on reports → outbox → Kafka → indicators → GET the aggregate.
// Runs against the platform `npm start` runs (loopback only), sequential samples, each a new
// revision of one bench unit's report; bounded in count and time. Prints p50/p90/p99/max.
//
//   node tools/bench/submit-to-aggregate.mjs [samples=200]
//
// Needs the admin password the start script keeps in $DTP_INFRA_HOME/reports-secrets.env.
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const SAMPLES = Math.min(Number(process.argv[2] ?? 200), 5000);
const REPORTS = process.env.REPORTS_URL ?? 'http://127.0.0.1:3101';
const INDICATORS = process.env.INDICATORS_URL ?? 'http://127.0.0.1:3102';
const PROVINCE = process.env.DTP_PROVINCE ?? '20';
const home = process.env.DTP_INFRA_HOME ?? path.join(tmpdir(), `dtp-infra-${process.getuid?.() ?? 0}`);
const secrets = Object.fromEntries(readFileSync(path.join(home, 'reports-secrets.env'), 'utf8').trim().split('\n').map((l) => l.split('=')));
const SAMPLE_TIMEOUT_MS = 10_000;

async function call(method, url, headers, body) {
  const res = await fetch(url, { method, headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers }, body: body ? JSON.stringify(body) : undefined });
  if (res.status >= 400) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? undefined : res.json();
}

const { accessToken } = await call('POST', `${REPORTS}/api/v1/auth/token`, {}, { username: 'admin', password: secrets.ADMIN_PASSWORD });
const admin = { authorization: `Bearer ${accessToken}` };
await call('PUT', `${REPORTS}/api/v1/forms`, admin, {
  code: 'BENCH-Y',
  provinceCode: PROVINCE,
  nameVi: 'Đo độ trễ (benchmark)',
  nameEn: 'Latency benchmark',
  periodType: 'year',
  calendar: 'calendar',
  deadline: { kind: 'day-of-month', day: 15, monthsAfterPeriodEnd: 1 },
  levels: ['district'],
  countSubmitted: true,
  indicators: [{ code: 'BENCH_COUNT', nameVi: 'Đếm', nameEn: 'Count', unitOfMeasure: '', kind: 'count', direction: 'higher-is-better' }],
});
const unit = `BENCH${Date.now().toString(36)}`;
const key = await call('POST', `${REPORTS}/api/v1/api-keys`, admin, { provinceCode: PROVINCE, unitCode: unit, expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
const period = '2020';

const latencies = [];
const started = performance.now();
try {
  for (let i = 1; i <= SAMPLES; i += 1) {
    const t0 = performance.now();
    await call('POST', `${REPORTS}/api/v1/submissions`, { 'x-api-key': key.key }, { formCode: 'BENCH-Y', period, values: [{ indicatorCode: 'BENCH_COUNT', value: i }] });
    for (;;) {
      const res = await fetch(`${INDICATORS}/api/v1/aggregates/${unit}/BENCH_COUNT/${period}`);
      if (res.status === 200 && (await res.json()).value === i) break;
      if (performance.now() - t0 > SAMPLE_TIMEOUT_MS) throw new Error(`sample ${i} not visible after ${SAMPLE_TIMEOUT_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    latencies.push(performance.now() - t0);
  }
} finally {
  await call('DELETE', `${REPORTS}/api/v1/api-keys/${key.id}`, admin);
}

latencies.sort((a, b) => a - b);
const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(1);
console.log(`submit → aggregate visible, ${latencies.length} sequential samples, ${((performance.now() - started) / 1000).toFixed(1)} s:`);
console.log(`  p50 ${at(0.5)} ms   p90 ${at(0.9)} ms   p99 ${at(0.99)} ms   max ${latencies.at(-1).toFixed(1)} ms`);
