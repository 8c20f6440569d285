// Phase "ingest": every commune posts its monthly reports with its own key, 16 clients at once;
// values/s from the first POST until the province's aggregates show every accepted report. Then
// the "raw" yardstick: the same number of submission-shaped documents inserted straight into
// FerretDB with the mongodb driver at the same concurrency.
import { MongoClient } from 'mongodb';
import { randomUUID } from 'node:crypto';
import { compareWithLedger, CONCURRENCY, valueOf } from './fixtures.mjs';
import { INDICATORS, PROVINCE, REPORTS } from './platform.mjs';
import { call, now, pool, sleep } from './util.mjs';

export function reportValues(indicators, c, p, r = 0) {
  return indicators.map((code, i) => ({ indicatorCode: code, value: valueOf(c, p, i, r) }));
}

export async function submit(run, commune, formCode, period, values) {
  return call('POST', `${REPORTS}/api/v1/submissions`, { headers: { 'x-api-key': run.keys.get(commune.code).key }, body: { formCode, period, values }, expected: [201] });
}

/** Polls (cheaply, then everything) until the province matches the ledger or the phase runs out. */
export async function waitFolded(ctx, ledger, indicators, periods, { everyMs = 250, total } = {}) {
  // The cheap probe: the last indicator's series (one GET) until it matches, then all of them.
  const last = [indicators.at(-1)];
  for (;;) {
    if (ctx.expired()) break;
    const probe = await compareWithLedger(ledger, last, periods).catch(() => undefined);
    if (probe?.all) {
      const full = await compareWithLedger(ledger, indicators, periods).catch(() => undefined);
      if (full?.all) return { done: true, at: now(), folded: full.folded };
      if (full) ctx.reached = `${full.folded.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} values folded`;
    } else if (probe) {
      ctx.reached = `last indicator: ${probe.folded} of ${probe.cells * (ledger.expected(last[0], periods[0])?.units ?? 0)} values folded`;
    }
    await sleep(everyMs);
  }
  const final = await compareWithLedger(ledger, indicators, periods).catch(() => undefined);
  if (final) ctx.reached = `${final.folded.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} values folded`;
  return { done: false, folded: final?.folded ?? 0, wrong: final?.wrong ?? [] };
}

/** The exact check, by the one-value endpoint: totals.sum and reportingUnits of every indicator × period. */
export async function verifyExact(ledger, indicators, periods) {
  const wrong = [];
  const cells = indicators.flatMap((code) => periods.map((period) => [code, period]));
  await pool(cells, 8, async ([code, period]) => {
    const want = ledger.expected(code, period);
    if (!want) return;
    const res = await call('GET', `${INDICATORS}/api/v1/aggregates/${PROVINCE}/${code}/${period}`, { expected: [200, 404], retries: 3 });
    const got = res.status === 200 ? { sum: res.body.totals.sum, units: res.body.reportingUnits } : { sum: 0, units: 0 };
    if (got.sum !== want.sum || got.units !== want.units) wrong.push({ indicator: code, period, want, got });
  });
  return { cells: cells.length, wrong };
}

export async function ingestPhase(ctx, run) {
  const jobs = run.ingestPeriods.flatMap((period, p) => run.communes.map((commune) => ({ commune, period, p })));
  const total = jobs.length * run.ingestIndicators.length;
  let accepted = 0;
  let refused = 0;
  let lastAccepted = 0;
  const errors = [];
  const t0 = now();
  // Posting and watching the fold run side by side; the clock stops when both are done.
  const posting = pool(
    jobs,
    CONCURRENCY,
    async ({ commune, period, p }) => {
      const values = reportValues(run.ingestIndicators, commune.index, p);
      try {
        await submit(run, commune, run.ingestForm, period, values);
        run.ledger.recordReport(commune.code, period, values);
        accepted += 1;
        lastAccepted = now();
      } catch (error) {
        refused += 1;
        if (errors.length < 3) errors.push(error.message);
      }
      ctx.reached = `${accepted} of ${jobs.length} reports accepted`;
    },
    () => ctx.expired(),
  );
  await posting;
  const postedS = (lastAccepted - t0) / 1000;
  const acceptedValues = accepted * run.ingestIndicators.length;
  if (refused > 0) console.log(`[bench] ingest: ${refused} reports refused, e.g. ${errors.join(' | ')}`);
  const fold = await waitFolded(ctx, run.ledger, run.ingestIndicators, run.ingestPeriods, { total: acceptedValues });
  const figures = {
    reports: jobs.length,
    acceptedReports: accepted,
    refusedReports: refused,
    values: total,
    acceptedValues,
    acceptRate: postedS > 0 ? acceptedValues / postedS : null,
    postSeconds: postedS,
  };
  if (!fold.done) {
    const elapsed = (now() - t0) / 1000;
    return { timedOut: true, figures: { ...figures, foldedValues: fold.folded, foldedRateSoFar: fold.folded / elapsed, seconds: elapsed } };
  }
  const seconds = (fold.at - t0) / 1000;
  const exact = await verifyExact(run.ledger, run.ingestIndicators, run.ingestPeriods);
  return { figures: { ...figures, foldedValues: acceptedValues, seconds, valuesPerSecond: acceptedValues / seconds, exactCells: exact.cells, exactWrong: exact.wrong.slice(0, 5), exactWrongCount: exact.wrong.length } };
}

/** A document shaped as reports stores a submitted report: state, values, one revision of history, the outbox entry. */
function submissionDocument(run, commune, period, p, db) {
  const values = reportValues(run.ingestIndicators, commune.index, p).map((v) => ({ ...v, comment: 'bench' }));
  const at = new Date();
  const id = `${PROVINCE}:${commune.code}:${run.ingestForm}:${period}`;
  const eventId = randomUUID();
  return {
    _id: `${id}:${db}`,
    provinceCode: PROVINCE,
    unitCode: commune.code,
    formCode: run.ingestForm,
    period,
    status: 'submitted',
    revision: 1,
    values,
    history: [{ revision: 1, action: 'submit', status: 'submitted', values, changedAt: at, changedBy: `api-key:${commune.code}` }],
    deadline: '2024-02-15',
    firstSubmittedAt: at,
    late: true,
    outbox: {
      [eventId]: {
        topic: 'reports.submission.v1',
        key: `${PROVINCE}:${commune.code}:${period}`,
        payload: JSON.stringify({ id: eventId, type: 'reports.submission.v1', source: 'reports', correlationId: 'bench', occurredAt: at.toISOString(), data: { submissionId: id, provinceCode: PROVINCE, unitCode: commune.code, formCode: run.ingestForm, period, revision: 1, status: 'submitted', late: true, countable: true, values } }),
        seq: 1,
        createdAt: at,
      },
    },
    outboxCount: 1,
    updatedAt: at,
  };
}

export async function rawPhase(ctx, run, mongoUrl, reportCount) {
  const client = new MongoClient(mongoUrl, { maxPoolSize: CONCURRENCY + 2, serverSelectionTimeoutMS: 10_000 });
  const dbName = `bench_raw_${run.id.toLowerCase()}`;
  await client.connect();
  try {
    const collection = client.db(dbName).collection('submissions');
    await collection.createIndex({ provinceCode: 1 }); // the schema's index, as reports has it
    await collection.createIndex({ provinceCode: 1, period: 1, formCode: 1 });
    const jobs = [];
    for (let r = 0; jobs.length < reportCount; r += 1) {
      for (const [p, period] of run.ingestPeriods.entries()) for (const commune of run.communes) if (jobs.length < reportCount) jobs.push({ commune, period, p, r });
    }
    let inserted = 0;
    const t0 = now();
    await pool(
      jobs,
      CONCURRENCY,
      async ({ commune, period, p, r }) => {
        await collection.insertOne(submissionDocument(run, commune, period, p, r));
        inserted += 1;
        ctx.reached = `${inserted} of ${jobs.length} documents`;
      },
      () => ctx.expired(),
    );
    const seconds = (now() - t0) / 1000;
    const values = inserted * run.ingestIndicators.length;
    return { ...(inserted < jobs.length ? { timedOut: true } : {}), figures: { documents: inserted, values, seconds, valuesPerSecond: values / seconds, database: dbName } };
  } finally {
    await client.db(dbName).dropDatabase().catch(() => undefined);
    await client.close();
  }
}
