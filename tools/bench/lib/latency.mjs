// Phase "latency": while a background load posts at half the measured ingest rate (other months),
// each probe posts a new revision of one commune's report with one value changed and polls the
// province's aggregate every ~20 ms until it shows the new total.
import { CONCURRENCY, valueOf } from './fixtures.mjs';
import { reportValues, submit } from './ingest.mjs';
import { INDICATORS, PROVINCE } from './platform.mjs';
import { call, now, percentile, sleep } from './util.mjs';

const POLL_MS = 20;

export async function latencyPhase(ctx, run, ingestValuesPerSecond, { probeTimeoutMs }) {
  const valuesPerReport = run.ingestIndicators.length;
  // Half the ingest rate; when the ingest did not finish, half of what it reached (at least one report every 10 s).
  const loadValuesPerSecond = Math.max(valuesPerReport / 10, (ingestValuesPerSecond ?? 0) / 2);
  const interval = (1000 * valuesPerReport) / loadValuesPerSecond;
  const slots = run.loadPeriods.flatMap((period, k) => run.communes.map((commune) => ({ commune, period, p: run.ingestPeriods.length + k, revision: 0 })));
  let inFlight = 0;
  let loadPosted = 0;
  let loadRefused = 0;
  let stopLoad = false;
  const loadDone = (async () => {
    let next = now();
    let slot = 0;
    while (!stopLoad && !ctx.expired()) {
      if (inFlight < CONCURRENCY) {
        const s = slots[slot % slots.length];
        slot += 1;
        const r = s.revision;
        s.revision += 1;
        inFlight += 1;
        const values = reportValues(run.ingestIndicators, s.commune.index, s.p, r);
        submit(run, s.commune, run.ingestForm, s.period, values)
          .then(() => {
            run.ledger.recordReport(s.commune.code, s.period, values);
            loadPosted += 1;
          })
          .catch(() => {
            loadRefused += 1;
          })
          .finally(() => {
            inFlight -= 1;
          });
      }
      next += interval;
      await sleep(Math.max(0, next - now()));
    }
  })();

  // Probes: commune 0, the first month, the first indicator changes each time.
  const commune = run.communes[0];
  const period = run.ingestPeriods[0];
  const indicator = run.ingestIndicators[0];
  const latencies = [];
  let timeouts = 0;
  const startedLoad = now();
  await sleep(Math.min(1000, Math.max(0, ctx.left() / 10))); // let the load settle
  for (let k = 1; k <= run.s.probes && !ctx.expired(); k += 1) {
    const values = run.ingestIndicators.map((code, i) => ({ indicatorCode: code, value: run.ledger.get(code, period, commune.code) ?? valueOf(commune.index, 0, i) }));
    values[0].value = 1000 + k;
    const t0 = now();
    await submit(run, commune, run.ingestForm, period, values);
    run.ledger.recordReport(commune.code, period, values);
    const want = run.ledger.expected(indicator, period);
    let seen = false;
    const giveUp = Math.min(t0 + probeTimeoutMs, ctx.deadline);
    while (now() < giveUp) {
      const res = await fetch(`${INDICATORS}/api/v1/aggregates/${PROVINCE}/${indicator}/${period}`).catch(() => undefined);
      if (res?.status === 200) {
        const body = await res.json();
        if (body.totals?.sum === want.sum && body.reportingUnits === want.units) {
          seen = true;
          break;
        }
      } else if (res) await res.arrayBuffer();
      await sleep(POLL_MS);
    }
    if (seen) latencies.push(now() - t0);
    else timeouts += 1;
    ctx.reached = `${latencies.length} of ${run.s.probes} probes seen${timeouts ? `, ${timeouts} not within ${probeTimeoutMs / 1000} s` : ''}`;
  }
  stopLoad = true;
  await loadDone;
  while (inFlight > 0) await sleep(50);
  const loadSeconds = (now() - startedLoad) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  const figures = {
    probes: latencies.length,
    probeTimeouts: timeouts,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    max: sorted.at(-1) ?? null,
    loadTargetValuesPerSecond: loadValuesPerSecond,
    loadValuesPerSecond: (loadPosted * valuesPerReport) / loadSeconds,
    loadReports: loadPosted,
    loadRefused,
  };
  return { ...(latencies.length < run.s.probes ? { timedOut: true } : {}), figures };
}

/** A read of one URL, for the correctness checks: the province aggregate of one cell. */
export async function provinceCell(indicator, period) {
  const res = await call('GET', `${INDICATORS}/api/v1/aggregates/${PROVINCE}/${indicator}/${period}`, { expected: [200, 404] });
  return res.status === 200 ? { sum: res.body.totals.sum, units: res.body.reportingUnits } : { sum: 0, units: 0 };
}
