import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ReportSubmission, Scorecard } from '@dtp/contracts';
import { targetStatus } from '@dtp/domain';
import { bulkWriteInChunks, DocumentLocks, mapLimited, outboxAppend } from '@dtp/messaging';
import { AnyBulkWriteOperation, Model } from 'mongoose';
import { FoldNoticesRelay } from './fold-notices.relay';
import { AppliedState, emptyUnitPeriod, foldSubmissions, HeldBefore, statesAlsoTouched, statesTouchedBy, unitPeriodIdOf, UnitPeriodState } from './fold';
import { FoldGenerations } from '../read-models/fold-generations.service';
import { CachedApplied, CachedState, FoldCache } from './fold-cache';
import { AggregateValues } from './aggregate-values.service';
import { carriedValuesOf, countsIn, periodEndOf } from './submission-rules';
import { ProgrammesService } from '../programmes/programmes.service';
import { HierarchyService } from '../units/hierarchy.service';
import { Aggregate, aggregatesIn, packedStateOf, stateOf, UnitAggregate } from './schemas/aggregate.schema';
import { FoldJournal, JournalContent, JournalEntry } from './schemas/fold-journal.schema';
import { appliedApprovedOf, AppliedSubmission, appliedValuesOf } from './schemas/applied-submission.schema';
import { Receipts, receiptsIdOf, receiptsOf } from './schemas/receipts.schema';
import { FoldNotices } from './schemas/fold-notices.schema';
import { FoldIndex, foldIndexIdOf, foldIndexWrites } from './schemas/fold-index.schema';

const SOURCE = 'indicators';

/** The lock every writer of a province's aggregates holds: the fold, the rebuild, the outbox relays. */
export const FOLD_LOCK = 'fold';

/** Reads at once against the store, so a large batch does not open hundreds of queries together. */
export const READ_CONCURRENCY = 16;

/**
 * Folds `reports.submission.v1` into aggregates at the reporting unit and every level above it,
 * a batch at a time: each touched unit-period document is read once and written once per batch
 * (libs: fold.ts does the arithmetic). One writer per province: the events are keyed by province,
 * the consumer that owns the partition folds them, and in this process the province's lock
 * serialises the fold with the rebuild and the outbox relays (docs/adr/0007).
 */
@Injectable()
export class AggregationService {
  private readonly logger = new Logger(AggregationService.name);

  constructor(
    @InjectModel(UnitAggregate.name) private readonly aggregates: Model<UnitAggregate>,
    @InjectModel(AppliedSubmission.name) private readonly applied: Model<AppliedSubmission>,
    @InjectModel(Receipts.name) private readonly receipts: Model<Receipts>,
    @InjectModel(FoldNotices.name) private readonly notices: Model<FoldNotices>,
    @InjectModel(FoldIndex.name) private readonly index: Model<FoldIndex>,
    @InjectModel(FoldJournal.name) private readonly journal: Model<FoldJournal>,
    private readonly relay: FoldNoticesRelay,
    private readonly locks: DocumentLocks,
    private readonly hierarchy: HierarchyService,
    private readonly programmes: ProgrammesService,
    private readonly generations: FoldGenerations,
    private readonly cache: FoldCache,
    private readonly values: AggregateValues,
  ) {}

  applySubmission(event: ReportSubmission.Envelope): Promise<void> {
    return this.applyBatch([event]);
  }

  /** Folds a batch of events (any provinces, in delivery order); resolves once everything is stored. */
  async applyBatch(events: readonly ReportSubmission.Envelope[]): Promise<void> {
    const byProvince = new Map<string, ReportSubmission.Envelope[]>();
    for (const e of events) byProvince.set(e.data.provinceCode, [...(byProvince.get(e.data.provinceCode) ?? []), e]);
    await Promise.all([...byProvince].map(([provinceCode, mine]) => this.locks.run(FOLD_LOCK, provinceCode, () => this.foldProvince(provinceCode, mine))));
  }

  private async foldProvince(provinceCode: string, events: ReportSubmission.Envelope[]): Promise<void> {
    await this.hierarchy.refresh();
    // What this process holds of the province is kept only if nobody else wrote since its last batch.
    this.cache.validate(provinceCode, await this.generations.stored(provinceCode));
    if (await this.completeInterruptedBatch(provinceCode)) this.cache.forget(provinceCode);
    try {
      await this.foldBatch(provinceCode, events);
    } catch (error) {
      this.cache.forget(provinceCode);
      throw error;
    }
  }

  private async foldBatch(provinceCode: string, events: ReportSubmission.Envelope[]): Promise<void> {
    const started = performance.now();
    const payloads = events.map((e) => e.data);
    const correlationOf = new Map(events.map((e) => [e.data.submissionId, e.correlationId]));
    const targetsOf = this.hierarchy.targetsOf.bind(this.hierarchy);

    const direct = statesTouchedBy(payloads, targetsOf);
    const [applied, found] = await Promise.all([this.readApplied(provinceCode, [...new Set(payloads.map((s) => s.submissionId))]), this.readStates(provinceCode, direct)]);
    // Where units' earlier revisions are counted, if the hierarchy moved since (rare: a second read).
    const moved = statesAlsoTouched(payloads, new Map(direct.map((t) => [t._id, found.get(t._id)?.state ?? emptyUnitPeriod(t.provinceCode, t.unitCode, t.period)])));
    const stored = moved.length > 0 ? new Map([...found, ...(await this.readStates(provinceCode, moved))]) : found;
    const touched = [...direct, ...moved];
    const before = new Map(touched.map((t) => [t._id, stored.get(t._id)?.state]));
    const states = new Map(touched.map((t) => [t._id, structuredClone(stored.get(t._id)?.state) ?? emptyUnitPeriod(t.provinceCode, t.unitCode, t.period)]));

    const read = performance.now();
    const outcome = foldSubmissions(payloads, states, applied, targetsOf);
    if (outcome.changed.size === 0 && outcome.applied.size === 0) return;

    const now = new Date();
    const entries: JournalEntry[] = [];
    const notices: Scorecard.Envelope[] = [];
    const held = (state: UnitPeriodState, indicatorCode: string, a: HeldBefore) => ({ provinceCode, unitCode: state.unitCode, indicatorCode, period: state.period, kind: a.kind, totals: a.totals });
    // Values as readers will see them, after the batch (its states, not yet written) and before it.
    const changed = [...outcome.changed.values()];
    const valueOf = await this.values.valuerFor(
      changed.flatMap(({ state, before: heldBefore }) => [...heldBefore.keys()].flatMap((code) => (state.indicators[code] ? [held(state, code, state.indicators[code])] : []))),
      states,
    );
    const beforeStates = new Map(touched.map((t) => [t._id, before.get(t._id) ?? emptyUnitPeriod(t.provinceCode, t.unitCode, t.period)]));
    const valueBeforeOf = await this.values.valuerFor(
      changed.flatMap(({ state, before: heldBefore }) => [...heldBefore].flatMap(([code, was]) => (was ? [held(state, code, was)] : []))),
      beforeStates,
    );
    for (const [_id, { state, before: heldBefore, lastSubmissionId }] of outcome.changed) {
      const correlationId = correlationOf.get(lastSubmissionId) ?? lastSubmissionId;
      for (const [indicatorCode, was] of heldBefore) {
        const aggregate = state.indicators[indicatorCode];
        if (!aggregate) continue;
        const value = valueOf(held(state, indicatorCode, aggregate));
        const valueBefore = was ? valueBeforeOf(held(state, indicatorCode, was)) : null;
        const where = { provinceCode, unitCode: state.unitCode, indicatorCode, period: state.period };
        // A unit's aggregate of nothing but its own report is that report, already announced on
        // reports.submission.v1: only aggregates that fold (or folded) other units' reports are
        // announced (nine in ten notices fewer for a commune's report; docs/adr/0007).
        if (othersIn(aggregate) > 0 || othersIn(before.get(_id)?.indicators[indicatorCode]) > 0) {
          notices.push(Scorecard.envelope({ source: SOURCE, correlationId, data: { kind: 'aggregate-changed', ...where, value, reportingUnits: aggregate.totals.reporting } }));
        }
        for (const data of await this.statusChanges(where, valueBefore, value)) notices.push(Scorecard.envelope({ source: SOURCE, correlationId, data }));
      }
      entries.push({ _id, provinceCode, unitCode: state.unitCode, period: state.period, packed: packedStateOf(state), version: (stored.get(_id)?.version ?? 0) + 1 });
    }
    // A report newly late is announced with the batch.
    for (const s of outcome.newlyLate) {
      notices.push(Scorecard.envelope({ source: SOURCE, correlationId: correlationOf.get(s.submissionId) ?? s.submissionId, data: { kind: 'unit-late', provinceCode: s.provinceCode, unitCode: s.unitCode, period: s.period, formCode: s.formCode } }));
    }

    // The writes in the order a crash needs, each step complete before the next; what one step
    // holds runs at once. First the journal (FoldJournal: from then on the batch's documents are
    // written whole, by this batch or, after a crash, by the next), the notices (unsealed) and the
    // index, all before what they record, announce and list.
    // Readers wait from here to the bump below: they see the province before the batch or after it.
    const writing = await this.generations.beginWrite(provinceCode);
    const batch = randomUUID();
    const content = journalContentOf(entries, outcome);
    const [, noticesId] = await Promise.all([
      entries.length > 0 ? this.journal.replaceOne({ _id: provinceCode }, { _id: provinceCode, batch, packed: JSON.stringify(content), at: now }, { upsert: true }).exec() : undefined,
      notices.length > 0 ? this.writeNotices(provinceCode, notices, now) : undefined,
      this.writeIndex(content.submissions, entries),
    ]);
    await this.writeStates(provinceCode, batch, entries, stored, now);
    // Then the applied revisions (a crash before them delivers the batch again, and the fold
    // completes it), the receipts; the journal may go and the notices may leave.
    await Promise.all([
      this.writeApplied(outcome.applied),
      this.writeReceipts(outcome.applied.values()),
      entries.length > 0 ? this.journal.deleteOne({ _id: provinceCode, batch }).exec() : undefined,
      noticesId ? this.notices.updateOne({ _id: noticesId }, { $set: { sealed: true } }).exec() : undefined,
    ]);
    // Last: readers see the new generation once everything it covers is stored.
    const { generation, undisturbed } = await this.generations.finishWrite(provinceCode, writing);
    // Someone else marked the province while this batch wrote (two writers during a rebalance):
    // what this process holds of it may be theirs to change.
    if (!undisturbed) {
      this.cache.forget(provinceCode);
    } else {
      this.cache.rememberWritten(
        provinceCode,
        generation,
        entries.map((e) => [e._id, { packed: e.packed, version: e.version }]),
        [...outcome.applied.values()].map((s) => [s.submissionId, { revision: s.revision, late: s.late, packedValues: JSON.stringify(carriedValuesOf(s)) }]),
      );
    }
    this.relay.nudge();
    const ms = (t: number) => Math.round(t);
    this.logger.log({ msg: 'folded', provinceCode, events: events.length, applied: outcome.applied.size, documents: outcome.changed.size, readMs: ms(read - started), writeMs: ms(performance.now() - read) });
  }

  /**
   * The batch's unit-period documents, each conditional on the version read. A document moved by
   * another writer since it was read (a partition handed over mid-batch) fails the batch, and its
   * journal is dropped so that the batch, delivered again, is folded over what is stored now
   * rather than writing over it.
   */
  private async writeStates(provinceCode: string, batch: string, entries: JournalEntry[], stored: Map<string, { version: number }>, now: Date): Promise<void> {
    const writes: AnyBulkWriteOperation<UnitAggregate>[] = entries.map((e) => {
      const found = stored.get(e._id);
      if (!found) return { insertOne: { document: { ...e, updatedAt: now, outbox: {}, outboxCount: 0 } as never } };
      return { updateOne: { filter: { _id: e._id, version: found.version } as never, update: { $set: { packed: e.packed, updatedAt: now }, $unset: { indicators: '', basedOn: '' }, $inc: { version: 1 } } as never } };
    });
    const conflict = async () => {
      await this.journal.deleteOne({ _id: provinceCode, batch }).exec();
      return new Error(`fold of province ${provinceCode}: aggregates changed by another writer; the batch is folded again over what is stored`);
    };
    let matched: number;
    try {
      matched = (await bulkWriteInChunks(this.aggregates, writes, { ordered: false })).matchedCount;
    } catch (error) {
      if (isDuplicateKey(error)) throw await conflict();
      throw error;
    }
    if (matched !== writes.filter((op) => 'updateOne' in op).length) throw await conflict();
  }

  /**
   * Writes what a batch cut off by a crash (or a stop) left in the province's journal: its
   * documents as that batch computed them, then the journal goes. Called before every fold of the
   * province and before a rebuild, under the province's lock.
   */
  async completeInterruptedBatch(provinceCode: string): Promise<boolean> {
    const journal = await this.journal.findById(provinceCode).lean<FoldJournal>().exec();
    if (!journal) return false;
    const { entries, submissions } = JSON.parse(journal.packed) as JournalContent;
    const now = new Date();
    // The index too: it was written beside the journal, and may not have been.
    await this.writeIndex(submissions, entries);
    await bulkWriteInChunks(this.aggregates, entries.map((e) => ({ replaceOne: { filter: { _id: e._id }, replacement: { ...e, updatedAt: now, outbox: {}, outboxCount: 0 }, upsert: true } })) as never[], { ordered: false });
    await this.journal.deleteOne({ _id: provinceCode, batch: journal.batch }).exec();
    this.logger.warn({ msg: 'completed a fold batch that was cut off', provinceCode, documents: entries.length, journalledAt: journal.at });
    return true;
  }

  /** The submissions' applied revisions: from the fold's cache, the rest one read by `_id` each. */
  private async readApplied(provinceCode: string, ids: string[]): Promise<Map<string, AppliedState>> {
    const known = new Map<string, CachedApplied>();
    for (const id of ids) {
      const cached = this.cache.applied(provinceCode, id);
      if (cached) known.set(id, cached);
    }
    const missing = ids.filter((id) => !known.has(id));
    const found = await mapLimited(missing, READ_CONCURRENCY, (id) => this.applied.findById(id, { revision: 1, late: 1, status: 1, packedValues: 1, values: 1, packedApproved: 1 }).lean<AppliedSubmission>().exec());
    const read = found
      .filter((a): a is AppliedSubmission => a !== null)
      .map((a): [string, CachedApplied] => [a._id, { revision: a.revision, late: a.late, packedValues: !a.packedApproved ? (a.packedValues ?? JSON.stringify(appliedValuesOf(a))) : JSON.stringify(carriedValuesOf({ status: a.status, values: appliedValuesOf(a), approved: appliedApprovedOf(a) })) }]);
    this.cache.rememberRead(provinceCode, [], read);
    return new Map([...known, ...read].map(([id, a]) => [id, { revision: a.revision, late: a.late, values: JSON.parse(a.packedValues) as AppliedState['values'] }]));
  }

  /** The stored state of unit-periods: from the fold's cache, the rest one read by `_id` each (never `$in`, which FerretDB answers by a scan). */
  private async readStates(provinceCode: string, refs: Array<{ _id: string; provinceCode: string; unitCode: string; period: string }>): Promise<Map<string, { state: UnitPeriodState; version: number }>> {
    const known = new Map<string, CachedState>();
    for (const ref of refs) {
      const cached = this.cache.state(provinceCode, ref._id);
      if (cached) known.set(ref._id, cached);
    }
    const missing = refs.filter((ref) => !known.has(ref._id));
    const found = await mapLimited(missing, READ_CONCURRENCY, async (ref) => ({ ref, doc: await this.aggregates.findById(ref._id, { packed: 1, version: 1 }).lean<UnitAggregate>().exec() }));
    const read = found.flatMap(({ ref, doc }): Array<[string, CachedState]> => (doc ? [[ref._id, { packed: doc.packed ?? packedStateOf(stateOf(ref, doc)), version: doc.version }]] : []));
    this.cache.rememberRead(provinceCode, read, []);
    const all = new Map([...known, ...read]);
    return new Map(refs.flatMap((ref) => {
      const doc = all.get(ref._id);
      return doc ? [[ref._id, { state: stateOf(ref, doc), version: doc.version }] as const] : [];
    }));
  }

  /** The batch's notices in one outbox, unsealed, marked for the relay before they are written (FoldNotices). */
  private async writeNotices(provinceCode: string, notices: Scorecard.Envelope[], now: Date): Promise<string> {
    const _id = randomUUID();
    await this.relay.expect([_id]);
    await this.notices.collection.insertOne({ _id: _id as never, provinceCode, sealed: false, createdAt: now, ...outboxAppend(Scorecard.TOPIC, notices, now).fields });
    return _id;
  }

  /** Adds a batch's submissions and unit-period documents to the fold index (FoldIndex). */
  private async writeIndex(submissions: JournalContent['submissions'], states: Array<{ _id: string; provinceCode: string; period: string }>): Promise<void> {
    const entries = [...submissions, ...states.map((st) => ({ provinceCode: st.provinceCode, period: st.period, stateId: st._id }))];
    await bulkWriteInChunks(this.index, foldIndexWrites(entries) as never[], { ordered: false });
  }

  private async writeApplied(applied: Map<string, ReportSubmission.Payload>): Promise<void> {
    const writes = [...applied.values()].map((s) => ({
      updateOne: {
        filter: { _id: s.submissionId },
        update: {
          $set: { provinceCode: s.provinceCode, unitCode: s.unitCode, period: s.period, formCode: s.formCode, late: s.late, revision: s.revision, status: s.status, countable: countsIn(s), packedValues: JSON.stringify(s.values), ...(s.approved ? { packedApproved: JSON.stringify(s.approved) } : {}) },
          $unset: { values: '', ...(s.approved ? {} : { packedApproved: '' }) },
        },
        upsert: true,
      },
    }));
    // Each document once per batch (outcome.applied is by submission): no order between them.
    await bulkWriteInChunks(this.applied, writes, { ordered: false });
  }

  /** One `$set` per (form, period) of the batch: each unit's report received, and whether late. */
  private async writeReceipts(applied: Iterable<ReportSubmission.Payload>): Promise<void> {
    const writes = [...receiptsOf(applied)].map(([_id, r]) => ({
      updateOne: { filter: { _id }, update: { $set: { provinceCode: r.provinceCode, formCode: r.formCode, period: r.period, ...dotted('units', r.units) } }, upsert: true },
    }));
    await bulkWriteInChunks(this.receipts, writes as never[], { ordered: false });
  }

  /**
   * The aggregates of the units below the province (not the province's own) for one indicator and
   * period: the units that reported into the province's aggregate and their ancestors, each read by
   * `_id` (never a scan of the province's documents).
   */
  async unitsOf(provinceCode: string, indicatorCode: string, period: string): Promise<Aggregate[]> {
    const index = await this.index.findById(foldIndexIdOf(provinceCode, period)).lean<FoldIndex>().exec();
    const ids = Object.keys(index?.states ?? {}).filter((id) => id !== unitPeriodIdOf(provinceCode, period));
    const docs = await mapLimited(ids, READ_CONCURRENCY, (id) => this.aggregates.findById(id, { outbox: 0 }).lean<UnitAggregate>().exec());
    return docs.filter((d): d is UnitAggregate => d !== null).flatMap((d) => aggregatesIn(d).filter((a) => a.indicatorCode === indicatorCode));
  }

  /** The reports received for a form and period in a province, by unit: one read by `_id`. */
  async receivedFor(provinceCode: string, formCode: string, period: string): Promise<Array<{ unitCode: string; late: boolean }>> {
    const doc = await this.receipts.findById(receiptsIdOf(provinceCode, formCode, period)).lean<Receipts>().exec();
    return Object.entries(doc?.units ?? {}).map(([unitCode, r]) => ({ unitCode, late: r.late }));
  }

  /** A unit's aggregates in each of the periods asked, by period (absent where nothing was reported). */
  async ofUnit(unitCode: string, periods: readonly string[]): Promise<Map<string, Map<string, Aggregate>>> {
    const docs = await mapLimited([...new Set(periods)], READ_CONCURRENCY, (period) => this.aggregates.findById(unitPeriodIdOf(unitCode, period), { outbox: 0 }).lean<UnitAggregate>().exec());
    return new Map(docs.filter((d): d is UnitAggregate => d !== null).map((d) => [d.period, new Map(aggregatesIn(d).map((a) => [a.indicatorCode, a]))]));
  }

  async get(unitCode: string, indicatorCode: string, period: string): Promise<Aggregate | null> {
    return (await this.ofUnit(unitCode, [period])).get(period)?.get(indicatorCode) ?? null;
  }

  /**
   * The unit's targets on this indicator whose status the new value changes (a target newly
   * achieved, …): its own targets only, so a district is never told it missed the province's.
   */
  private async statusChanges(
    where: { provinceCode: string; unitCode: string; indicatorCode: string; period: string },
    before: number | null,
    after: number | null,
  ): Promise<Scorecard.Payload[]> {
    if (before === after) return [];
    const targets = await this.programmes.targetsOn(where.provinceCode, where.indicatorCode, Number(periodEndOf(where.period).slice(0, 4)), this.hierarchy.scoredUnit(where.unitCode, where.provinceCode));
    return targets
      .map(({ programmeCode, target }) => ({ programmeCode, target, statusBefore: targetStatus(target, before), statusAfter: targetStatus(target, after) }))
      .filter((c) => c.statusBefore !== c.statusAfter)
      .map((c) => ({ kind: 'target-status-changed' as const, ...where, value: after, programmeCode: c.programmeCode, target: c.target.value, statusBefore: c.statusBefore, statusAfter: c.statusAfter }));
  }
}

function journalContentOf(entries: JournalEntry[], outcome: { applied: Map<string, ReportSubmission.Payload> }): JournalContent {
  return { entries, submissions: [...outcome.applied.values()].map((s) => ({ provinceCode: s.provinceCode, period: s.period, submissionId: s.submissionId })) };
}

/** Units other than the aggregate's own whose reports it counts. */
function othersIn(aggregate: { totals: { reporting: number }; own?: { withdrawn: boolean } } | undefined): number {
  if (!aggregate) return 0;
  return aggregate.totals.reporting - (aggregate.own && !aggregate.own.withdrawn ? 1 : 0);
}

function isDuplicateKey(error: unknown): boolean {
  const e = error as { code?: number; writeErrors?: Array<{ code?: number }> };
  return e.code === 11000 || (e.writeErrors ?? []).some((w) => w.code === 11000);
}

/** `{prefix.key: value}` for each entry: a `$set` of some keys of a map field, leaving the others. */
function dotted<T>(prefix: string, entries: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(entries).map(([key, value]) => [`${prefix}.${key}`, value]));
}
