// The platform the bench measures: where it listens, its environment, starting it the usual way
// when it is not answering, and stopping / restarting the indicators service around a rebuild.
import { execFile, spawn } from 'node:child_process';
import { existsSync, openSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { call, now, sleep } from './util.mjs';

const run = promisify(execFile);

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
export const REPORTS = process.env.REPORTS_URL ?? 'http://127.0.0.1:3101';
export const INDICATORS = process.env.INDICATORS_URL ?? 'http://127.0.0.1:3102';
export const PROVINCE = process.env.DTP_PROVINCE ?? '20';
export const HOME = process.env.DTP_INFRA_HOME ?? path.join(process.env.TMPDIR ?? tmpdir(), `dtp-infra-${process.getuid?.() ?? 0}`);
export const RUN_DIR = path.join(HOME, 'run');
export const LOG_DIR = path.join(HOME, 'logs');

export async function isReady(base) {
  try {
    const res = await fetch(`${base}/health/ready`, { signal: AbortSignal.timeout(3000) });
    return res.status === 200;
  } catch {
    return false;
  }
}

export async function waitReady(bases, ms) {
  const until = now() + ms;
  for (;;) {
    const ready = await Promise.all(bases.map(isReady));
    if (ready.every(Boolean)) return true;
    if (now() > until) return false;
    await sleep(500);
  }
}

export function secrets() {
  const file = path.join(HOME, 'reports-secrets.env');
  if (!existsSync(file)) throw new Error(`no ${file}: start the platform once (bash tools/platform.sh up)`);
  return Object.fromEntries(
    readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

/** `bash tools/infra/infra.sh env`: KAFKA_BROKERS, MONGO_URL, REDIS_URL. */
export async function infraEnv() {
  const { stdout } = await run('bash', ['tools/infra/infra.sh', 'env'], { cwd: ROOT, env: { ...process.env, DTP_INFRA_HOME: HOME } });
  return Object.fromEntries(
    stdout
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}

/** The service pids platform.sh keeps, by name. */
export function servicePids() {
  if (!existsSync(RUN_DIR)) return {};
  return Object.fromEntries(
    readdirSync(RUN_DIR)
      .filter((f) => /^service-.+\.pid$/.test(f))
      .map((f) => [f.slice('service-'.length, -'.pid'.length), Number(readFileSync(path.join(RUN_DIR, f), 'utf8').trim())]),
  );
}

export function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts the platform the usual way (`DTP_DETACH=1 bash tools/platform.sh up`: build, infra,
 * services, demo data) unless reports and indicators already answer. Says whether it started it.
 */
export async function ensurePlatform(ctx, log) {
  if (await waitReady([REPORTS, INDICATORS], 3000)) return { started: false };
  // A service being restarted (by someone else) comes back within seconds: wait a little first.
  const pids = servicePids();
  if (Object.values(pids).some(alive) && (await waitReady([REPORTS, INDICATORS], 30_000))) return { started: false };
  log('[bench] the platform is not answering: DTP_DETACH=1 bash tools/platform.sh up');
  const logFile = path.join(ROOT, 'reports-out', 'bench-platform-up.log');
  const out = openSync(logFile, 'w');
  const child = spawn('bash', ['tools/platform.sh', 'up'], { cwd: ROOT, env: { ...process.env, DTP_DETACH: '1', DTP_INFRA_HOME: HOME }, stdio: ['ignore', out, out] });
  const code = await new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      resolve('timeout');
    }, Math.max(1000, ctx.left()));
    child.on('exit', (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  if (code !== 0) throw new Error(`platform.sh up ${code === 'timeout' ? `did not finish in ${ctx.limitS} s` : `exited ${code}`} (log: ${logFile})`);
  if (!(await waitReady([REPORTS, INDICATORS], Math.max(5000, ctx.left())))) throw new Error('reports or indicators not ready after platform.sh up');
  return { started: true };
}

/** Stops the service platform.sh started under `name` (its pid file), waiting for it to exit. */
export async function stopService(name, ms = 30_000) {
  const file = path.join(RUN_DIR, `service-${name}.pid`);
  if (!existsSync(file)) return false;
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (!alive(pid)) return false;
  process.kill(pid, 'SIGTERM');
  const until = now() + ms;
  while (alive(pid) && now() < until) await sleep(200);
  if (alive(pid)) {
    process.kill(pid, 'SIGKILL');
    await sleep(500);
  }
  return true;
}

const PORTS = { reports: 3101, indicators: 3102, notifications: 3103, exports: 3104, dashboard: 3100 };

/** Starts one service as platform.sh's start_services does (same environment, log, pid file), without rebuilding. */
export async function startService(name, env) {
  const pidFile = path.join(RUN_DIR, `service-${name}.pid`);
  const logFd = openSync(path.join(LOG_DIR, `${name}.log`), 'a');
  const extra = { JWT_SECRET: env.JWT_SECRET };
  if (name === 'reports') Object.assign(extra, { ADMIN_PASSWORD: env.ADMIN_PASSWORD, ADMIN_PROVINCE_CODE: PROVINCE });
  if (name === 'notifications' || name === 'exports') extra.INDICATORS_URL = 'http://127.0.0.1:3102';
  if (name === 'exports') extra.EXPORTS_DIR = path.join(HOME, 'exports');
  const child = spawn('node', [`dist/apps/${name}/src/main.js`], {
    cwd: ROOT,
    env: { ...process.env, ...env.infra, ...extra, PORT: String(PORTS[name]), KAFKAJS_NO_PARTITIONER_WARNING: '1' },
    stdio: ['ignore', logFd, logFd],
    detached: true,
  });
  child.unref();
  writeFileSync(pidFile, `${child.pid}\n`);
  return child.pid;
}

/** Kills the service processes named in $DTP_INFRA_HOME/run/service-*.pid (only those), leaving the infrastructure up. */
export async function stopAllServices(log) {
  for (const name of Object.keys(servicePids())) {
    if (await stopService(name, 20_000)) log(`[bench] stopped ${name}`);
  }
}

export async function adminToken(password) {
  const { body } = await call('POST', `${REPORTS}/api/v1/auth/token`, { body: { username: 'admin', password }, expected: [200] });
  return { authorization: `Bearer ${body.accessToken}` };
}

export async function psql(sql) {
  const port = process.env.DTP_POSTGRES_PORT ?? '15432';
  const candidates = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort().reverse().map((v) => `/usr/lib/postgresql/${v}/bin/psql`) : [];
  const bin = candidates.find((c) => existsSync(c)) ?? 'psql';
  const { stdout } = await run(bin, ['-h', '127.0.0.1', '-p', port, '-U', 'postgres', '-d', 'ferretdb', '-tAF', '\t', '-c', sql], { timeout: 15_000 });
  return stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split('\t'));
}

export async function machine() {
  const os = await import('node:os');
  const versions = Object.fromEntries(
    readFileSync(path.join(ROOT, 'tools/infra/versions.env'), 'utf8')
      .split('\n')
      .filter((l) => /^[A-Z_]+=/.test(l))
      .map((l) => l.split('=')),
  );
  let postgres = '?';
  try {
    postgres = (await psql('show server_version'))[0]?.[0] ?? '?';
  } catch {
    /* reported as ? */
  }
  let commit = '?';
  try {
    commit = (await run('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT })).stdout.trim();
    const dirty = (await run('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT })).stdout.trim();
    if (dirty) commit += ' (with uncommitted changes)';
  } catch {
    /* reported as ? */
  }
  return {
    cpus: os.availableParallelism?.() ?? os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? '?',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    kafka: versions.KAFKA_VERSION ?? '?',
    ferretdb: versions.FERRETDB_VERSION ?? '?',
    postgres,
    date: new Date().toISOString(),
    commit,
  };
}
