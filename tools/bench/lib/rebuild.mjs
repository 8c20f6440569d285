// Phase "rebuild": every commune posts a year of monthly reports of the big form in bulk (the
// batch endpoint, one request per commune), the bench waits until they are folded, then times
// the rebuild CLI over the province-year with the indicators service stopped, restarts the
// service and checks that the rebuild left every total as it was.
import { execFile } from 'node:child_process';
import { CONCURRENCY, compareWithLedger, provinceSeries } from './fixtures.mjs';
import { reportValues, waitFolded } from './ingest.mjs';
import { INDICATORS, PROVINCE, REPORTS, ROOT, startService, stopService, waitReady } from './platform.mjs';
import { call, now, pool } from './util.mjs';

export async function rebuildLoadPhase(ctx, run) {
  const perBatch = 100;
  const batches = run.communes.flatMap((commune) => {
    const reports = run.rebuildPeriods.map((period, p) => ({ formCode: run.rebuildForm, period, values: reportValues(run.rebuildIndicators, commune.index, p) }));
    const out = [];
    for (let i = 0; i < reports.length; i += perBatch) out.push({ commune, reports: reports.slice(i, i + perBatch) });
    return out;
  });
  const total = run.communes.length * run.rebuildPeriods.length * run.rebuildIndicators.length;
  let accepted = 0;
  let refused = 0;
  let lastAccepted = 0;
  const t0 = now();
  await pool(
    batches,
    CONCURRENCY,
    async ({ commune, reports }) => {
      try {
        const { body } = await call('POST', `${REPORTS}/api/v1/submissions/batch`, { headers: { 'x-api-key': run.keys.get(commune.code).key }, body: { reports }, expected: [200], timeoutMs: 120_000 });
        for (const [i, item] of body.entries()) {
          if (item.status === 201) {
            run.rebuildLedger.recordReport(commune.code, reports[i].period, reports[i].values);
            accepted += 1;
          } else refused += 1;
        }
        lastAccepted = now();
      } catch {
        refused += reports.length;
      }
      ctx.reached = `${accepted} reports accepted`;
    },
    () => ctx.expired(),
  );
  const acceptedValues = accepted * run.rebuildIndicators.length;
  const postSeconds = (lastAccepted - t0) / 1000;
  const fold = await waitFolded(ctx, run.rebuildLedger, run.rebuildIndicators, run.rebuildPeriods, { everyMs: 500, total: acceptedValues });
  const figures = { reports: batches.reduce((n, b) => n + b.reports.length, 0), acceptedReports: accepted, refusedReports: refused, values: total, acceptedValues, acceptRate: postSeconds > 0 ? acceptedValues / postSeconds : null };
  if (!fold.done) return { timedOut: true, figures: { ...figures, foldedValues: fold.folded } };
  const seconds = (fold.at - t0) / 1000;
  return { figures: { ...figures, foldedValues: acceptedValues, seconds, valuesPerSecond: acceptedValues / seconds } };
}

function runRebuild(args, env, ms) {
  return new Promise((resolve) => {
    const t0 = now();
    execFile(process.execPath, ['dist/apps/indicators/src/rebuild.js', ...args], { cwd: ROOT, env, timeout: ms, maxBuffer: 16 * 2 ** 20 }, (error, stdout, stderr) => {
      const wallMs = now() - t0;
      const line = stdout.trim().split('\n').reverse().find((l) => l.startsWith('{') && l.includes('"ms"'));
      let report;
      try {
        report = line ? JSON.parse(line) : undefined;
      } catch {
        report = undefined;
      }
      resolve({ error: error ? (error.killed ? `killed after ${ms / 1000} s` : `exit ${error.code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`) : undefined, report, wallMs });
    });
  });
}

export async function rebuildPhase(ctx, run, env) {
  const indicators = [...run.ingestIndicators, ...run.rebuildIndicators];
  const periods = run.rebuildPeriods;
  const all = [...new Set([...run.ingestPeriods, ...run.loadPeriods, ...periods])].sort();
  const range = [all[0], all.at(-1)];
  const before = await provinceSeries(indicators, allBetween(range));
  ctx.reached = 'totals read before';
  await stopService('indicators');
  ctx.reached = 'indicators stopped';
  let result;
  try {
    const args = [PROVINCE, `${periods[0]}..${periods.at(-1)}`];
    result = await runRebuild(args, { ...process.env, ...env.infra, JWT_SECRET: env.JWT_SECRET, KAFKAJS_NO_PARTITIONER_WARNING: '1', LOG_LEVEL: 'warn' }, Math.round(Math.max(5000, ctx.left() - 30_000)));
    result.command = `node dist/apps/indicators/src/rebuild.js ${args.join(' ')}`;
  } finally {
    // Back as platform.sh starts it (same environment, log and pid file), without a rebuild of dist/.
    await startService('indicators', env);
    ctx.reached = 'indicators restarting';
  }
  const ready = await waitReady([INDICATORS], Math.max(10_000, ctx.left()));
  if (!ready) throw new Error('the indicators service did not become ready again after the rebuild');
  const after = await provinceSeries(indicators, allBetween(range));
  const changed = [];
  for (const [key, b] of before) {
    const a = after.get(key) ?? { sum: 0, units: 0 };
    if (a.sum !== b.sum || a.units !== b.units) changed.push({ cell: key, before: b, after: a });
  }
  const figures = {
    command: result.command,
    ms: result.report?.ms ?? null,
    wallMs: result.wallMs,
    submissions: result.report?.submissions ?? null,
    aggregates: result.report?.aggregates ?? null,
    error: result.error,
    cellsCompared: before.size,
    changedCells: changed.length,
    changedExamples: changed.slice(0, 5),
  };
  if (result.error) throw Object.assign(new Error(`rebuild: ${result.error}`), { figures });
  return { figures };
}

function allBetween([from, to]) {
  const out = [];
  for (let y = Number(from.slice(0, 4)), m = Number(from.slice(4)); `${y}${String(m).padStart(2, '0')}` <= to; m === 12 ? ((m = 1), (y += 1)) : (m += 1)) out.push(`${y}${String(m).padStart(2, '0')}`);
  return out;
}

export { compareWithLedger };
