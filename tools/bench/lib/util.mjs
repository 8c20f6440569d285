// Small helpers the bench's phases share: HTTP with a short retry for a service that is briefly
// away, a bounded worker pool, percentiles, number formatting and the phase runner that turns a
// phase running out of time into "did not finish in N s" instead of a hang.

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export const now = () => performance.now();

export class HttpError extends Error {
  constructor(method, url, status, text) {
    super(`${method} ${url}: ${status} ${text.slice(0, 400)}`);
    this.status = status;
    this.text = text;
  }
}

/**
 * One JSON call. Retries a refused connection or a 502/503 (a service restarting) a few times;
 * anything else not in `expected` throws an HttpError.
 */
export async function call(method, url, { headers = {}, body, expected = [200, 201, 204], retries = 6, timeoutMs = 30_000 } = {}) {
  const raw = typeof body === 'string' || Buffer.isBuffer(body);
  for (let attempt = 0; ; attempt += 1) {
    let res;
    try {
      res = await fetch(url, {
        method,
        headers: { ...(body === undefined || raw ? {} : { 'content-type': 'application/json' }), 'x-correlation-id': 'bench', ...headers },
        body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      if (attempt < retries && error?.name !== 'TimeoutError') {
        await sleep(500 * (attempt + 1));
        continue;
      }
      throw new Error(`${method} ${url}: ${error?.cause?.code ?? error?.message ?? error}`);
    }
    const text = await res.text();
    if ((res.status === 502 || res.status === 503) && attempt < retries && !expected.includes(res.status)) {
      await sleep(500 * (attempt + 1));
      continue;
    }
    if (!expected.includes(res.status)) throw new HttpError(method, url, res.status, text);
    let json;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = text;
    }
    return { status: res.status, body: json };
  }
}

/** Runs `task(item, index)` over the items with at most `concurrency` at once; stops taking new items once `stop()` says so. */
export async function pool(items, concurrency, task, stop = () => false) {
  let next = 0;
  const results = new Array(items.length);
  const worker = async () => {
    while (next < items.length && !stop()) {
      const index = next;
      next += 1;
      results[index] = await task(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

export function percentile(sorted, q) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export const fmt = (n, digits = 0) =>
  n === null || n === undefined || Number.isNaN(n) ? '–' : Number(n).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export const pct = (ratio) => (ratio === null || ratio === undefined || !Number.isFinite(ratio) ? '–' : `${(ratio * 100).toFixed(ratio < 0.01 ? 2 : 1)} %`);

export const pad = (n, width) => String(n).padStart(width, '0');

/**
 * Runs one phase within its time limit. The phase gets `ctx` with `deadline`, `left()`,
 * `expired()` and `reached` (what it has done so far, for the message when it runs out); it is
 * expected to notice `expired()` itself and return `{ timedOut: true, ... }`. As a backstop the
 * runner stops waiting `graceMs` after the limit, so a stuck call never hangs the bench.
 */
export async function runPhase(name, limitS, fn, { graceMs = 20_000, log = console.log } = {}) {
  const started = now();
  const limitMs = Math.max(0, limitS * 1000);
  const ctx = {
    name,
    limitS,
    deadline: started + limitMs,
    left: () => ctx.deadline - now(),
    expired: () => now() >= ctx.deadline || ctx.stopped,
    stopped: false,
    reached: '',
  };
  if (limitMs <= 0) return { name, status: 'skipped', seconds: 0, message: 'skipped: the total time budget is used up' };
  log(`[bench] phase ${name} (limit ${limitS} s)`);
  let timer;
  const backstop = new Promise((resolve) => {
    timer = setTimeout(() => resolve({ __backstop: true }), limitMs + graceMs);
  });
  let outcome;
  try {
    const result = await Promise.race([fn(ctx), backstop]);
    if (result?.__backstop) {
      outcome = { status: 'timeout', message: `did not finish in ${limitS} s${ctx.reached ? ` (reached ${ctx.reached})` : ''}; stopped waiting` };
    } else if (result?.timedOut) {
      outcome = { ...result, status: 'timeout', message: `did not finish in ${limitS} s${ctx.reached ? ` (reached ${ctx.reached})` : ''}` };
    } else {
      outcome = { ...result, status: 'ok' };
    }
  } catch (error) {
    outcome = { status: 'error', message: `failed: ${error?.message ?? error}`, ...(error?.figures ? { figures: error.figures } : {}) };
  } finally {
    clearTimeout(timer);
    ctx.stopped = true;
  }
  delete outcome.timedOut;
  const seconds = (now() - started) / 1000;
  log(`[bench] phase ${name}: ${outcome.status}${outcome.message ? ` – ${outcome.message}` : ''} (${seconds.toFixed(1)} s)`);
  return { name, seconds, ...outcome };
}
