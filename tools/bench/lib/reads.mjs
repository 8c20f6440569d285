// Phase "reads": requests/s and p99 at 32 connections with autocannon for the scorecard, ranking,
// series and one aggregate, beside a Fastify hello-world the bench starts in a child process. Each
// target gets the same unmeasured warm-up first.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { INDICATORS, PROVINCE } from './platform.mjs';

const CONNECTIONS = 32;
/** Unmeasured load before each measured one, the same for every target (JIT, connections, caches). */
const WARM_UP_SECONDS = 2;

export async function startHello() {
  const child = spawn(process.execPath, [path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'hello-server.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('hello-world did not start in 15 s')), 15_000);
    child.stdout.once('data', (chunk) => {
      clearTimeout(timer);
      resolve(Number(String(chunk).trim()));
    });
    child.once('exit', (code) => reject(new Error(`hello-world exited ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}/`, stop: () => child.kill('SIGTERM'), pid: child.pid };
}

function cannon(url, seconds) {
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url, connections: CONNECTIONS, duration: seconds, timeout: 10 }, (error, result) => (error ? reject(error) : resolve(result)));
    // A hung server must not hang the bench.
    const timer = setTimeout(() => instance.stop(), (seconds + 15) * 1000);
    instance.on('done', () => clearTimeout(timer));
  });
}

export function readTargets(run) {
  const period = run.ingestPeriods[0];
  const indicator = run.ingestIndicators[0];
  return [
    { name: 'scorecard', url: `${INDICATORS}/api/v1/scorecards/${PROVINCE}/${run.programme}/${PROVINCE}/${period}` },
    { name: 'ranking', url: `${INDICATORS}/api/v1/rankings/${PROVINCE}/${indicator}/${period}` },
    { name: 'series', url: `${INDICATORS}/api/v1/aggregates/${PROVINCE}/${indicator}?from=${run.ingestPeriods[0]}&to=${run.loadPeriods.at(-1) ?? run.ingestPeriods.at(-1)}` },
    { name: 'aggregate', url: `${INDICATORS}/api/v1/aggregates/${PROVINCE}/${indicator}/${period}` },
  ];
}

export async function readsPhase(ctx, run, hello) {
  const seconds = run.s.readSeconds;
  const warmUp = Math.min(WARM_UP_SECONDS, seconds / 2);
  const rows = {};
  const targets = [{ name: 'hello-world', url: hello.url }, ...readTargets(run)];
  for (const t of targets) {
    if (ctx.left() < (seconds + warmUp + 5) * 1000) return { timedOut: true, figures: rows };
    // One request first: a route that answers an error is reported as such, not as fast.
    const first = await fetch(t.url).catch((e) => ({ status: `${e.cause?.code ?? e.message}` }));
    if (first.arrayBuffer) await first.arrayBuffer();
    await cannon(t.url, warmUp);
    const r = await cannon(t.url, seconds);
    rows[t.name] = {
      url: t.url,
      firstStatus: first.status,
      requestsPerSecond: r.requests.average,
      // No request finished within the run: its latency is longer than the run, not 0.
      p50: r.requests.total > 0 ? r.latency.p50 : null,
      p99: r.requests.total > 0 ? r.latency.p99 : null,
      seconds,
      requests: r.requests.total,
      non2xx: r.non2xx,
      errors: r.errors,
      timeouts: r.timeouts,
    };
    ctx.reached = `${Object.keys(rows).join(', ')} measured`;
  }
  const base = rows['hello-world'].requestsPerSecond;
  for (const row of Object.values(rows)) row.ofHello = base > 0 ? row.requestsPerSecond / base : null;
  return { figures: rows };
}
