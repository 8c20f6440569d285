// The platform's benchmark: one command, bounded in time, each phase with its own limit.
//
//   npm run bench                                  full sizes (≤ 10 minutes), writes docs/performance.md
//   node tools/bench/bench.mjs --size=small        smoke: tiny sizes, correctness only (CI)
//   node tools/bench/bench.mjs --out=path.json     where the figures go (default reports-out/bench[-small].json)
//   --no-docs                                      do not touch docs/performance.md
//   --only=ingest,raw,latency,reads,rebuild,background   run only these phases (for tuning; implies --no-docs)
//
// Starts the platform the usual way when it is not answering (and then stops the services it
// started at the end, leaving the infrastructure up). Loads its own data, unique per run, under
// province 20. Phases: ingest, raw, latency, reads, rebuild, background (see docs/performance.md).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { backgroundPhase, removeCopies } from './lib/background.mjs';
import { CONCURRENCY, compareWithLedger, deleteKeys, loadFixtures, makeRun, SIZES } from './lib/fixtures.mjs';
import { ingestPhase, rawPhase, verifyExact, waitFolded } from './lib/ingest.mjs';
import { latencyPhase } from './lib/latency.mjs';
import { adminToken, ensurePlatform, infraEnv, machine, REPORTS, ROOT, secrets, stopAllServices, INDICATORS, waitReady } from './lib/platform.mjs';
import { readsPhase, startHello } from './lib/reads.mjs';
import { rebuildLoadPhase, rebuildPhase } from './lib/rebuild.mjs';
import { rows, table, writePerformanceDoc } from './lib/report.mjs';
import { now, runPhase } from './lib/util.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k, v ?? true];
  }),
);
const size = args.size ?? 'full';
if (!SIZES[size]) {
  console.error(`[bench] unknown --size=${size} (full or small)`);
  process.exit(2);
}
const smoke = size === 'small';
const only = typeof args.only === 'string' ? new Set(args.only.split(',')) : null;
/** Whether a phase runs: all of them unless --only names some. */
const wanted = (phase) => !only || only.has(phase);
const out = path.resolve(ROOT, args.out ?? `reports-out/bench${smoke ? '-small' : ''}.json`);
const command = `node tools/bench/bench.mjs${process.argv.slice(2).length ? ` ${process.argv.slice(2).join(' ')}` : ''}`;
const log = (...m) => console.log(...m);

const run = makeRun(size);
const { limits, budgetS } = run.s;
const t0 = now();
/** A phase's limit, cut to what is left of the total budget (keeping the clean-up's share). */
const limitOf = (phase) => Math.max(0, Math.min(limits[phase], Math.floor(budgetS - limits.cleanup - (now() - t0) / 1000)));

const phases = {};
const checks = [];
const notes = [];
const check = (name, ok, detail = '') => {
  checks.push({ name, ok, detail });
  log(`[bench] check ${ok === null ? 'NOT VERIFIED' : ok ? 'ok' : 'FAILED'}: ${name}${detail ? ` – ${detail}` : ''}`);
};

let platformStarted = false;
let admin;
let hello;
let copiesMade = false;
let mongoUrl;
let cleaning;
async function cleanup() {
  cleaning ??= (async () => {
    const tasks = [];
    if (hello) tasks.push(['hello-world', async () => hello.stop()]);
    if (copiesMade && mongoUrl)
      tasks.push([
        'copies',
        async () => {
          const { left } = await removeCopies(mongoUrl, run, run.s.copies);
          check('background: the copied documents are removed again', left === 0, `${left} left`);
        },
      ]);
    if (admin && run.keys.size > 0) tasks.push(['api keys', () => deleteKeys(run, admin)]);
    if (platformStarted) tasks.push(['services', () => stopAllServices(log)]);
    for (const [name, task] of tasks) {
      await runPhase(`cleanup: ${name}`, Math.max(15, limits.cleanup / 2), async () => {
        await task();
        return {};
      }, { log });
    }
  })();
  return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    log(`[bench] ${signal}: cleaning up`);
    cleanup().finally(() => process.exit(130));
  });
}

async function main() {
  mkdirSync(path.dirname(out), { recursive: true });
  mkdirSync(path.join(ROOT, 'reports-out'), { recursive: true });
  log(`[bench] run ${run.id}, size ${size}: ${run.communes.length} communes in ${run.districts.length} districts under province 20`);

  phases.platform = await runPhase('platform', limitOf('platform'), async (ctx) => {
    const r = await ensurePlatform(ctx, log);
    platformStarted = r.started;
    return { figures: r };
  });
  if (phases.platform.status !== 'ok') return;
  const secret = secrets();
  const env = { infra: await infraEnv(), JWT_SECRET: secret.JWT_SECRET, ADMIN_PASSWORD: secret.ADMIN_PASSWORD };
  mongoUrl = env.infra.MONGO_URL;

  phases.setup = await runPhase('setup', limitOf('setup'), async (ctx) => {
    admin = await adminToken(secret.ADMIN_PASSWORD);
    return { figures: await loadFixtures(run, admin, ctx) };
  });
  if (phases.setup.status !== 'ok') return;

  // ingest, then the raw store's rate for the same number of documents
  if (wanted('ingest') || wanted('raw') || wanted('latency')) phases.ingest = await runPhase('ingest', limitOf('ingest'), (ctx) => ingestPhase(ctx, run));
  const ig = phases.ingest?.figures ?? {};
  if (!phases.ingest) {
    // skipped (--only)
  } else if (phases.ingest.status === 'ok') check('ingest: every province total equals the sum posted, reporting units exact', ig.exactWrongCount === 0, ig.exactWrongCount ? JSON.stringify(ig.exactWrong) : `${ig.exactCells} indicator × period cells`);
  else check('ingest: every province total equals the sum posted, reporting units exact', null, phases.ingest.message);
  if (wanted('raw')) phases.raw = await runPhase('raw', limitOf('raw'), (ctx) => rawPhase(ctx, run, mongoUrl, ig.reports ?? run.communes.length * run.ingestPeriods.length));

  // latency under half the ingest rate
  const ingestRate = phases.ingest?.status === 'ok' ? ig.valuesPerSecond : ig.foldedRateSoFar;
  if (wanted('latency')) await latencyAndSettle(ingestRate);
  if (wanted('reads')) await reads();
  if (wanted('rebuild')) await rebuild(env);
  if (wanted('background')) {
    phases.background = await runPhase('background', limitOf('background'), (ctx) => {
      copiesMade = true;
      return backgroundPhase(ctx, run, mongoUrl);
    });
  }
}

async function latencyAndSettle(ingestRate) {
  phases.latency = await runPhase('latency', limitOf('latency'), (ctx) => latencyPhase(ctx, run, ingestRate, { probeTimeoutMs: smoke ? 15_000 : 10_000 }));
  // Everything posted so far (ingest, probes, load) shows exactly once at the province.
  phases.settle = await runPhase('settle', Math.min(smoke ? 60 : 30, limitOf('latency')), async (ctx) => {
    const periods = [...run.ingestPeriods, ...run.loadPeriods];
    const fold = await waitFolded(ctx, run.ledger, run.ingestIndicators, periods, { total: run.ledger.values() });
    if (!fold.done) return { timedOut: true, figures: { wrong: fold.wrong?.slice(0, 5) } };
    const exact = await verifyExact(run.ledger, run.ingestIndicators, periods);
    return { figures: { cells: exact.cells, wrong: exact.wrong.slice(0, 5), wrongCount: exact.wrong.length } };
  });
  const st = phases.settle.figures ?? {};
  check(
    'after the probes and the load: every province total equals the latest values posted (revisions replace, never add)',
    phases.settle.status === 'ok' ? st.wrongCount === 0 : null,
    phases.settle.status === 'ok' ? (st.wrongCount ? JSON.stringify(st.wrong) : `${st.cells} cells`) : phases.settle.message,
  );
}

async function reads() {
  phases.reads = await runPhase('reads', limitOf('reads'), async (ctx) => {
    hello = await startHello();
    try {
      return await readsPhase(ctx, run, hello);
    } finally {
      hello.stop();
      hello = undefined;
    }
  });
  const readRows = Object.entries(phases.reads.figures ?? {}).filter(([name]) => name !== 'hello-world');
  const badReads = readRows.filter(([, x]) => x.non2xx > 0 || x.errors > 0 || x.firstStatus !== 200);
  check('reads: scorecard, ranking, series and aggregate answer 200', readRows.length === 4 ? badReads.length === 0 : null, badReads.map(([n, x]) => `${n}: first ${x.firstStatus}, ${x.non2xx} non-2xx, ${x.errors} errors`).join('; ') || phases.reads.message || '');
}

async function rebuild(env) {
  phases.rebuildLoad = await runPhase('rebuild-load', limitOf('rebuildLoad'), (ctx) => rebuildLoadPhase(ctx, run));
  if (phases.rebuildLoad.status === 'ok') {
    const exact = await verifyExact(run.rebuildLedger, run.rebuildIndicators, run.rebuildPeriods);
    check('bulk load: every province total equals the sum posted, reporting units exact', exact.wrong.length === 0, exact.wrong.length ? JSON.stringify(exact.wrong.slice(0, 5)) : `${exact.cells} cells`);
  } else check('bulk load: every province total equals the sum posted, reporting units exact', null, phases.rebuildLoad.message);
  phases.rebuild = await runPhase('rebuild', limitOf('rebuild'), (ctx) => rebuildPhase(ctx, run, env), { graceMs: 60_000 });
  const rb = phases.rebuild.figures ?? {};
  check('rebuild: leaves every province total unchanged', phases.rebuild.status === 'ok' ? rb.changedCells === 0 : phases.rebuild.status === 'error' ? false : null, phases.rebuild.status === 'ok' ? (rb.changedCells ? JSON.stringify(rb.changedExamples) : `${rb.cellsCompared} cells compared`) : phases.rebuild.message);
  if (phases.rebuild.status === 'ok' && phases.rebuildLoad.status === 'ok') {
    const again = await compareWithLedger(run.rebuildLedger, run.rebuildIndicators, run.rebuildPeriods);
    check('rebuild: the bulk-loaded totals still equal the sums posted', again.all, again.all ? '' : JSON.stringify(again.wrong.slice(0, 5)));
  }
  if (phases.rebuild.status !== 'ok' && !(await waitReady([INDICATORS], 30_000))) notes.push('the indicators service was not ready after the rebuild phase');
}

let failedHard;
try {
  await main();
} catch (error) {
  failedHard = error;
  console.error(`[bench] ${error?.stack ?? error}`);
} finally {
  await cleanup();
}

const totalSeconds = (now() - t0) / 1000;
for (const p of Object.values(phases)) if (p.status !== 'ok') notes.push(`${p.name}: ${p.message}`);
if (phases.ingest?.status !== 'ok' && phases.ingest?.figures) notes.push('a fold backlog left by a phase that did not finish keeps the indicators service busy after the run, and slows the later phases');
const result = {
  runId: run.id,
  size,
  command,
  concurrency: CONCURRENCY,
  sizes: { ...run.s, limits: undefined },
  limits: run.s.limits,
  totalSeconds,
  machine: await machine(),
  phases,
  checks,
  notes,
};
const list = rows(result, { smoke });
const text = table(list);
log(`\n${text}\n`);
if (notes.length) log(notes.map((n) => `- ${n}`).join('\n'));
result.table = list;
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
log(`[bench] figures in ${path.relative(ROOT, out)}`);
if (!smoke && !args['no-docs'] && !only && phases.setup?.status === 'ok') log(`[bench] ${path.relative(ROOT, writePerformanceDoc(result, text))} updated`);

const failed = checks.filter((c) => c.ok === false);
const unverified = checks.filter((c) => c.ok === null);
log(`[bench] ${totalSeconds.toFixed(0)} s; checks: ${checks.length - failed.length - unverified.length} ok, ${failed.length} failed, ${unverified.length} not verified`);
if (failedHard || phases.platform?.status !== 'ok' || phases.setup?.status !== 'ok') {
  console.error(`[bench] FAILED: ${failedHard?.message ?? phases.platform?.message ?? phases.setup?.message}`);
  process.exit(1);
}
if (failed.length > 0 || (smoke && unverified.length > 0)) {
  console.error(`[bench] FAILED: ${[...failed, ...(smoke ? unverified : [])].map((c) => `${c.name}${c.detail ? ` (${c.detail})` : ''}`).join('; ')}`);
  process.exit(1);
}
process.exit(0);
