// Phase "background": what the platform reads from PostgreSQL when nobody calls it, before and
// after the stored data is multiplied (~10×). FerretDB keeps each MongoDB database as a
// PostgreSQL schema of the same name, so pg_stat_user_tables of the services' schemas shows every
// scan the services' background work (outbox relays, schedulers, …) makes.
import { MongoClient } from 'mongodb';
import { PROVINCE, psql } from './platform.mjs';
import { now, sleep } from './util.mjs';

const SCHEMAS = ['dtp_reports', 'dtp_indicators', 'dtp_notifications', 'dtp_exports'];

async function snapshot() {
  const rows = await psql(
    `select schemaname, relname, coalesce(seq_scan,0), coalesce(seq_tup_read,0), coalesce(idx_scan,0), coalesce(idx_tup_fetch,0) from pg_stat_user_tables where schemaname in (${SCHEMAS.map((s) => `'${s}'`).join(',')})`,
  );
  return new Map(rows.map(([schema, table, ...n]) => [`${schema}.${table}`, n.map(Number)]));
}

/** Deltas per second over `seconds`, summed over the services' tables, with the tables that read the most rows. */
async function sample(seconds) {
  const a = await snapshot();
  const t0 = now();
  await sleep(seconds * 1000);
  const b = await snapshot();
  const s = (now() - t0) / 1000;
  const totals = [0, 0, 0, 0];
  const perTable = [];
  for (const [table, nb] of b) {
    const na = a.get(table) ?? [0, 0, 0, 0];
    const d = nb.map((x, i) => x - na[i]);
    d.forEach((x, i) => (totals[i] += x));
    if (d[1] + d[3] > 0 || d[0] > 0) perTable.push({ table, seqScan: d[0] / s, seqTupRead: d[1] / s, idxScan: d[2] / s, idxTupFetch: d[3] / s });
  }
  perTable.sort((x, y) => y.seqTupRead + y.idxTupFetch - (x.seqTupRead + x.idxTupFetch));
  const [seqScan, seqTupRead, idxScan, idxTupFetch] = totals.map((x) => x / s);
  return { seconds: s, seqScan, seqTupRead, idxScan, idxTupFetch, rowsReadPerSecond: seqTupRead + idxTupFetch, topTables: perTable.slice(0, 5) };
}

/** The copies' province codes: readable only by reads of those provinces. */
export const copyProvince = (run, k) => `BX${run.id}${k}`;

/**
 * The collections that grow with reports, copied whole for the province: every document of
 * province 20 (demo data and every bench run) again under another province code, with an `_id`
 * of its own. What the services do with no traffic must not grow with these.
 */
const COPIED = [
  { db: 'dtp_reports', name: 'submissions' },
  { db: 'dtp_indicators', name: 'applied_submissions' },
  { db: 'dtp_indicators', name: 'unit_aggregates' },
  { db: 'dtp_indicators', name: 'receipts' },
  { db: 'dtp_exports', name: 'submission_copies' },
  // As reported: an owed copy would make the reminder planner remind the copies' units.
  { db: 'dtp_notifications', name: 'obligations', fields: { status: 'approved' } },
];

/** Inserts at once while copying. */
const COPY_CONCURRENCY = 3;

/** Copies province 20's documents `copies` times under other province codes, within the time it has. */
async function multiply(ctx, client, run, copies, reserveMs) {
  const counts = {};
  let done = 0;
  // Read once, copied many times: the copies cost inserts only.
  const sources = [];
  for (const c of COPIED) sources.push({ ...c, docs: await client.db(c.db).collection(c.name).find({ provinceCode: PROVINCE }).toArray() });
  for (let k = 1; k <= copies; k += 1) {
    const prov = copyProvince(run, k);
    for (const c of sources) {
      const collection = client.db(c.db).collection(c.name);
      // No pending outbox entries: the copies must not be published by the services' relays.
      const copied = c.docs.map((d) => ({ ...d, _id: `${prov}|${d._id}`, provinceCode: prov, ...('outbox' in d ? { outbox: {}, outboxCount: 0 } : {}), ...(c.fields ?? {}) }));
      const batches = [];
      for (let i = 0; i < copied.length; i += 200) batches.push(copied.slice(i, i + 200));
      let next = 0;
      const worker = async () => {
        for (let i = next++; i < batches.length && ctx.left() >= reserveMs; i = next++) {
          await collection.insertMany(batches[i], { ordered: false });
          counts[c.name] = (counts[c.name] ?? 0) + batches[i].length;
        }
      };
      await Promise.all(Array.from({ length: COPY_CONCURRENCY }, worker));
      if (ctx.left() < reserveMs) return { copiesDone: done, counts, cut: true };
    }
    done = k;
    ctx.reached = `${done} of ${copies} copies`;
  }
  return { copiesDone: done, counts, cut: false };
}

export async function removeCopies(mongoUrl, run, copies) {
  const client = new MongoClient(mongoUrl, { serverSelectionTimeoutMS: 10_000 });
  await client.connect();
  try {
    const provinces = Array.from({ length: copies }, (_, k) => copyProvince(run, k + 1));
    // One pass over each collection for all the copies (FerretDB reads it whole for `$in`, once), the collections at once.
    const left = await Promise.all(
      COPIED.map(async (c) => {
        const collection = client.db(c.db).collection(c.name);
        await collection.deleteMany({ provinceCode: { $in: provinces } });
        return collection.countDocuments({ provinceCode: { $in: provinces } });
      }),
    ).then((counts) => counts.reduce((a, b) => a + b, 0));
    return { left };
  } finally {
    await client.close();
  }
}

export async function backgroundPhase(ctx, run, mongoUrl) {
  const seconds = run.s.sampleSeconds;
  const client = new MongoClient(mongoUrl, { maxPoolSize: 4, serverSelectionTimeoutMS: 10_000 });
  await client.connect();
  try {
    const baseCounts = {};
    const totals = {};
    for (const c of COPIED) {
      baseCounts[c.name] = await client.db(c.db).collection(c.name).countDocuments({ provinceCode: PROVINCE });
      totals[c.name] = await client.db(c.db).collection(c.name).estimatedDocumentCount();
    }
    const one = await sample(seconds);
    ctx.reached = '1× sampled';
    const copied = await multiply(ctx, client, run, run.s.copies, (seconds + 8) * 1000);
    const multiplier = Object.keys(totals).length ? 1 + Object.entries(copied.counts).reduce((n, [, v]) => n + v, 0) / Math.max(1, Object.values(totals).reduce((n, v) => n + v, 0)) : null;
    if (ctx.left() < seconds * 1000) return { timedOut: true, figures: { one, copied, benchDocuments: baseCounts, storedDocuments: totals } };
    await sleep(Math.min(2000, ctx.left() - seconds * 1000)); // let the copies' writes leave the window
    const ten = await sample(seconds);
    const grew = ten.rowsReadPerSecond > 1.5 * one.rowsReadPerSecond + 50;
    return { figures: { one, ten, grew, copiesDone: copied.copiesDone, copied: copied.counts, benchDocuments: baseCounts, storedDocumentsBefore: totals, storedMultiplier: multiplier, cut: copied.cut } };
  } finally {
    await client.close();
  }
}
