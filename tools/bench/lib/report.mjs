// The one table of figures (markdown), the targets beside them, and docs/performance.md.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './platform.mjs';
import { fmt, pct } from './util.mjs';

const unfinished = (phase) => (phase?.status && phase.status !== 'ok' ? phase.message : undefined);

export function rows(r, { smoke }) {
  const out = [];
  const row = (phase, figure, value, target = '', result = '') => out.push({ phase, figure, value, target: smoke && target ? `${target} (not asserted in smoke)` : target, result: smoke && result ? '–' : result });
  const pass = (ok) => (ok === undefined || ok === null ? 'n/a' : ok ? 'pass' : 'FAIL');
  const { ingest, raw, latency, reads, rebuildLoad, rebuild, background } = r.phases;
  const s = r.sizes;

  const ig = ingest?.figures ?? {};
  const ingestRate = ingest?.status === 'ok' ? ig.valuesPerSecond : null;
  row('ingest', `end to end: ${fmt(ig.reports)} reports × ${s.ingestIndicators} values, ${r.concurrency} clients, first POST → every province aggregate right`, unfinished(ingest) ?? `${fmt(ingestRate, 1)} values/s (${fmt(ig.seconds, 1)} s)`);
  row('ingest', 'reports service alone: accepted values/s while posting', ig.acceptRate ? `${fmt(ig.acceptRate, 1)} values/s` : '–');
  const rawRate = raw?.figures?.valuesPerSecond;
  row('raw', `FerretDB insertOne of ${fmt(raw?.figures?.documents)} submission documents, ${r.concurrency} clients`, unfinished(raw) ?? `${fmt(rawRate, 1)} values/s`);
  const ratio = ingestRate && rawRate ? ingestRate / rawRate : null;
  row('ingest', 'ingest ÷ raw', ratio === null ? '–' : pct(ratio), '≥ 25 %', pass(ratio === null ? false : ratio >= 0.25));

  const lf = latency?.figures ?? {};
  row('latency', `submit → province aggregate, ${fmt(lf.probes)} probes, load ${fmt(lf.loadValuesPerSecond, 1)} values/s`, `p50 ${fmt(lf.p50)} ms, p99 ${fmt(lf.p99)} ms${unfinished(latency) ? `; ${unfinished(latency)}` : ''}`, 'p99 ≤ 1,000 ms', pass(latency?.status === 'ok' && lf.p99 !== null && lf.p99 <= 1000));

  const rf = reads?.figures ?? {};
  const hello = rf['hello-world'];
  row('reads', 'hello-world (Fastify, own process), 32 connections', hello ? `${fmt(hello.requestsPerSecond)} req/s, p99 ${fmt(hello.p99)} ms` : unfinished(reads) ?? '–');
  for (const name of ['scorecard', 'ranking', 'series', 'aggregate']) {
    const x = rf[name];
    const bad = x && (x.non2xx > 0 || x.errors > 0) ? ` (${fmt(x.non2xx)} non-2xx, ${fmt(x.errors)} errors)` : '';
    const value = x ? `${fmt(x.requestsPerSecond, 1)} req/s, p99 ${x.p99 === null ? `> ${x.seconds} s (no answer within the run)` : `${fmt(x.p99)} ms`}, ${pct(x.ofHello)} of hello-world${bad}` : unfinished(reads) ?? '–';
    if (name === 'scorecard') row('reads', 'scorecard', value, '≥ 50 % of hello-world, p99 ≤ 20 ms', pass(x ? x.ofHello >= 0.5 && x.p99 !== null && x.p99 <= 20 && !bad : false));
    else row('reads', name, value);
  }

  const lb = rebuildLoad?.figures ?? {};
  row('rebuild', `bulk load ${s.communes} × ${s.rebuildIndicators} × ${s.rebuildMonths} values (batch endpoint), posted → folded`, unfinished(rebuildLoad) ?? `${fmt(lb.valuesPerSecond, 1)} values/s (${fmt(lb.seconds, 1)} s)`);
  const rb = rebuild?.figures ?? {};
  row(
    'rebuild',
    `rebuild of the province-year (${fmt(rb.submissions)} submissions, ${fmt(rb.aggregates)} aggregates)`,
    rebuild?.status === 'ok' ? `${fmt(rb.ms)} ms (CLI wall ${fmt(rb.wallMs)} ms); totals changed: ${fmt(rb.changedCells)} of ${fmt(rb.cellsCompared)}` : (rebuild?.message ?? '–'),
    '≤ 10 s',
    pass(rebuild?.status === 'ok' && rb.ms !== null && rb.ms <= 10_000 && rebuildLoad?.status === 'ok'),
  );

  const bg = background?.figures ?? {};
  const line = (x) => (x ? `${fmt(x.rowsReadPerSecond)} rows/s (seq_scan ${fmt(x.seqScan, 1)}/s, seq_tup_read ${fmt(x.seqTupRead)}/s, idx_scan ${fmt(x.idxScan, 1)}/s, idx_tup_fetch ${fmt(x.idxTupFetch)}/s)` : '–');
  row('background', 'idle reads from PostgreSQL, stored data 1×', background?.status === 'skipped' ? background.message : line(bg.one));
  // The data must really have been multiplied about tenfold for "flat" to mean anything.
  row('background', `idle reads, stored data ×${fmt(bg.storedMultiplier, 1)}`, bg.ten ? line(bg.ten) : (unfinished(background) ?? '–'), 'flat 1× → 10×', pass(bg.ten ? !bg.grew && bg.storedMultiplier >= 9 : false));
  return out;
}

export function table(list) {
  const esc = (s) => String(s).replaceAll('|', '\\|');
  return ['| phase | figure | value | target | result |', '|---|---|---|---|---|', ...list.map((x) => `| ${esc(x.phase)} | ${esc(x.figure)} | ${esc(x.value)} | ${esc(x.target)} | ${esc(x.result)} |`)].join('\n');
}

const BEFORE = `## Before (figures from issue #13, measured on the first version)

| figure | before |
|---|---|
| ingest, end to end | ≈ 2.5–9 values/s |
| raw inserts (FerretDB) | 1,000–4,750 values/s |
| scorecard, one reader | 3.4–3.9 s |
| scorecard, 20 readers | 0.9 req/s, p99 9.8 s |
| aggregate | 44 req/s, p99 2.4 s |
| hello-world (Fastify) | 13,500 req/s, p99 10 ms |
| background | the aggregates collection scanned ~60,000 times in under an hour |
`;

const AFTER_START = '<!-- bench:after:start -->';
const AFTER_END = '<!-- bench:after:end -->';

export function writePerformanceDoc(result, tableText) {
  const file = path.join(ROOT, 'docs/performance.md');
  const m = result.machine;
  const after = `${AFTER_START}
## After (\`${result.command}\`, ${m.date.slice(0, 10)})

Machine: ${m.cpus} cores (${m.cpuModel}), ${m.memoryGiB} GiB memory; Node.js ${m.node}, Kafka ${m.kafka}, FerretDB ${m.ferretdb}, PostgreSQL ${m.postgres}.
Commit ${m.commit}; run \`${result.runId}\`, ${result.totalSeconds.toFixed(0)} s in all.

${tableText}

${result.notes.length ? `Notes:\n\n${result.notes.map((n) => `- ${n}`).join('\n')}\n` : ''}${AFTER_END}`;
  let text;
  if (existsSync(file) && readFileSync(file, 'utf8').includes(AFTER_START)) {
    const old = readFileSync(file, 'utf8');
    text = old.slice(0, old.indexOf(AFTER_START)) + after + old.slice(old.indexOf(AFTER_END) + AFTER_END.length);
  } else {
    text = `# Performance

What \`npm run bench\` (tools/bench/bench.mjs) measures against the running platform, and the
targets. Every run loads its own data (codes carry the run id), so runs do not collide.

| phase | what |
|---|---|
| ingest | 65 communes × 7 months × 20 values posted by 16 clients, each commune with its own API key; values/s from the first POST until every province aggregate (\`GET /api/v1/aggregates/20/<indicator>/<period>\`) shows every accepted report |
| raw | the same number of submission-shaped documents inserted into a scratch FerretDB database with the mongodb driver, 16 at a time: what the store alone does |
| latency | submit → province aggregate visible (polled every 20 ms), while a background load posts at half the ingest rate |
| reads | autocannon, 32 connections, 8 s each: scorecard, ranking, series, one aggregate; beside a Fastify hello-world in its own process |
| rebuild | 65 communes × 100 indicators × 12 months posted through the batch endpoint and folded; then \`rebuild.js 20 202401..202412\` with the indicators service stopped; totals must not change |
| background | \`pg_stat_user_tables\` of the services' schemas sampled with no traffic, then again after the bench's stored documents are copied ~9 times under other province codes (removed afterwards) |

Targets: ingest ≥ 25 % of raw; submit → scorecard p99 ≤ 1 s; scorecard ≥ 50 % of hello-world
req/s with p99 ≤ 20 ms; rebuild ≤ 10 s; background reads flat from 1× to 10× the data.
A phase that runs out of its time limit says so ("did not finish in N s") with what it reached.
\`node tools/bench/bench.mjs --size=small\` is the smoke check of the test suite: tiny sizes,
correctness only (every value folded exactly once; a rebuild changes no total), no speed asserted.

${BEFORE}
${after}
`;
  }
  writeFileSync(file, text);
  return file;
}
