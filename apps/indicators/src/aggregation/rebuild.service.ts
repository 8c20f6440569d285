import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ReportSubmission } from '@dtp/contracts';
import { bulkWriteInChunks, DocumentLocks, mapLimited } from '@dtp/messaging';
import { Model } from 'mongoose';
import { AggregationService, FOLD_LOCK, READ_CONCURRENCY } from './aggregation.service';
import { FoldCache } from './fold-cache';
import { emptyUnitPeriod, foldSubmissions, statesTouchedBy, UnitPeriodState } from './fold';
import { LEGACY_CONTRIBUTIONS, packedStateOf, UnitAggregate } from './schemas/aggregate.schema';
import { appliedApprovedOf, AppliedSubmission, appliedValuesOf } from './schemas/applied-submission.schema';
import { Receipts, receiptsOf } from './schemas/receipts.schema';
import { FOLD_INDEX_COMPLETE, FOLD_STATE_CURRENT, FoldIndex, foldIndexIdOf, foldIndexWrites } from './schemas/fold-index.schema';
import { FoldGenerations } from '../read-models/fold-generations.service';
import { HierarchyService } from '../units/hierarchy.service';

export interface RebuildReport {
  provinceCode: string;
  submissions: number;
  /** Aggregates (unit × indicator × period) recomputed. */
  aggregates: number;
  ms: number;
  /** Milliseconds per step (reads, fold, deletes, inserts), for tuning. */
  steps: Record<string, number>;
}


/**
 * Recomputes every aggregate of a province from the latest applied revision of each submission,
 * with the fold's own code run over empty state (fold.ts), so the rebuild and the incremental path
 * cannot disagree. The province's unit-period documents in scope are replaced whole; documents
 * nothing contributes to any more are gone. Holds the province's fold lock; across processes, run
 * it while the province's partition is not being consumed (docs/adr/0007).
 */
@Injectable()
export class RebuildService implements OnApplicationBootstrap {
  private readonly logger = new Logger(RebuildService.name);

  constructor(
    @InjectModel(UnitAggregate.name) private readonly aggregates: Model<UnitAggregate>,
    @InjectModel(AppliedSubmission.name) private readonly applied: Model<AppliedSubmission>,
    @InjectModel(Receipts.name) private readonly receipts: Model<Receipts>,
    @InjectModel(FoldIndex.name) private readonly index: Model<FoldIndex>,
    private readonly locks: DocumentLocks,
    private readonly hierarchy: HierarchyService,
    private readonly generations: FoldGenerations,
    private readonly aggregation: AggregationService,
    private readonly cache: FoldCache,
  ) {}

  /**
   * A store written by an earlier fold (one document per indicator, or unit-period documents with
   * every unit's contributions at every level) is folded again at start, province by province,
   * from its applied submissions, before the consumer starts (docs/adr/0007); then marked so.
   */
  async onApplicationBootstrap(): Promise<void> {
    await this.completeIndex();
    if (await this.index.exists({ _id: FOLD_STATE_CURRENT })) return;
    const legacy = this.aggregates.db.collection(LEGACY_CONTRIBUTIONS);
    if ((await this.applied.estimatedDocumentCount()) > 0 && ((await this.aggregates.estimatedDocumentCount()) === 0 || (await legacy.estimatedDocumentCount()) > 0)) {
      const provinces = (await this.applied.distinct('provinceCode')) as string[];
      for (const provinceCode of provinces) this.logger.log(`folded the applied submissions of province ${provinceCode} again into unit-period aggregates: ${JSON.stringify(await this.rebuild(provinceCode))}`);
      await legacy.deleteMany({});
    }
    await this.markDone(FOLD_STATE_CURRENT);
  }

  /** Records a once-per-database step as done: a marker in the fold index (its `_id` starts with `*`). */
  private async markDone(marker: string): Promise<void> {
    await this.index.updateOne({ _id: marker }, { $set: { provinceCode: '*', period: '*', at: new Date() } }, { upsert: true });
  }

  /**
   * The fold index (FoldIndex) of what was stored before the fold kept one: built once per
   * database from a scan of the applied submissions and the unit-period documents, then marked
   * complete. The fold adds to it from then on.
   */
  private async completeIndex(): Promise<void> {
    if (await this.index.exists({ _id: FOLD_INDEX_COMPLETE })) return;
    const submissions = await this.applied.find({}, { provinceCode: 1, period: 1 }).lean<Array<{ _id: string; provinceCode: string; period: string }>>().exec();
    const states = await this.aggregates.find({}, { provinceCode: 1, period: 1 }).lean<Array<{ _id: string; provinceCode: string; period: string }>>().exec();
    const entries = [...submissions.map((s) => ({ provinceCode: s.provinceCode, period: s.period, submissionId: s._id })), ...states.map((d) => ({ provinceCode: d.provinceCode, period: d.period, stateId: d._id }))];
    await bulkWriteInChunks(this.index, foldIndexWrites(entries) as never[], { ordered: false });
    await this.markDone(FOLD_INDEX_COMPLETE);
    if (entries.length > 0) this.logger.log(`indexed ${submissions.length} applied submissions and ${states.length} unit-period documents stored before the fold index`);
  }

  rebuild(provinceCode: string, periods?: string[]): Promise<RebuildReport> {
    return this.locks.run(FOLD_LOCK, provinceCode, async () => {
      // The fold's copy of the province is not what the rebuild leaves (its documents start again at
      // version 1): dropped before, and after in case the rebuild stops half-way.
      this.cache.forget(provinceCode);
      try {
        return await this.rebuildLocked(provinceCode, periods);
      } finally {
        this.cache.forget(provinceCode);
      }
    });
  }

  /** The reporting rates' read model of the submissions rebuilt, one document per form and period, replaced whole. */
  private async rebuildReceipts(provinceCode: string, submissions: ReportSubmission.Payload[]): Promise<void> {
    const writes = [...receiptsOf(submissions)].map(([_id, r]) => ({
      updateOne: { filter: { _id }, update: { $set: { provinceCode, formCode: r.formCode, period: r.period, units: r.units } }, upsert: true },
    }));
    await bulkWriteInChunks(this.receipts, writes as never[], { ordered: false });
  }

  private async rebuildLocked(provinceCode: string, periods?: string[]): Promise<RebuildReport> {
    const started = performance.now();
    const steps: Record<string, number> = {};
    let lap = started;
    const step = (name: string) => {
      const at = performance.now();
      steps[name] = Math.round(at - lap);
      lap = at;
    };
    await this.hierarchy.refresh();
    await this.completeIndex();
    // A batch a crash cut off is written first, so the index lists everything it touched.
    await this.aggregation.completeInterruptedBatch(provinceCode);
    // What the fold stored for the periods, by `_id` (FoldIndex): no scan of the province's history.
    const indexes = (
      periods
        ? await mapLimited([...new Set(periods)], READ_CONCURRENCY, (period) => this.index.findById(foldIndexIdOf(provinceCode, period)).lean<FoldIndex>().exec())
        : await this.index.find({ provinceCode }).lean<FoldIndex[]>().exec()
    ).filter((i): i is FoldIndex => i !== null && !i._id.startsWith('*'));
    step('readIndex');
    const listed = indexes.flatMap((i) => Object.keys(i.submissions ?? {}));
    const submissions = (await mapLimited(listed, READ_CONCURRENCY, (id) => this.applied.findById(id, { outbox: 0 }).lean<AppliedSubmission>().exec())).filter((s): s is AppliedSubmission => s !== null);
    step('readApplied');
    const payloads = submissions.map(payloadOf);
    const targetsOf = this.hierarchy.targetsOf.bind(this.hierarchy);
    const states = new Map<string, UnitPeriodState>(statesTouchedBy(payloads, targetsOf).map((t) => [t._id, emptyUnitPeriod(t.provinceCode, t.unitCode, t.period)]));
    foldSubmissions(payloads, states, new Map(), targetsOf);
    step('fold');

    const now = new Date();
    // Replaced whole: deleted, then inserted (an insert costs FerretDB no read of the old
    // document, where an update decodes and re-encodes it). Readers wait meanwhile (the province
    // is marked as being written until the bump below), so nobody sees its figures missing.
    await this.generations.beginWrite(provinceCode);
    const stale = [...new Set([...indexes.flatMap((i) => Object.keys(i.states ?? {})), ...states.keys()])];
    const docs = [...states.values()].map((state) => ({ _id: state._id, provinceCode, unitCode: state.unitCode, period: state.period, packed: packedStateOf(state), version: 1, updatedAt: now, outbox: {}, outboxCount: 0 }));
    await bulkWriteInChunks(this.aggregates, stale.map((_id) => ({ deleteOne: { filter: { _id } } })), { ordered: false });
    step('delete');
    await bulkWriteInChunks(this.aggregates, docs.map((document) => ({ insertOne: { document } })), { ordered: false });
    step('insert');
    await this.rebuildReceipts(provinceCode, payloads);
    // The index now lists exactly what was rebuilt: each period's document replaced in one write.
    const rebuilt = new Map<string, FoldIndex>(indexes.map((i) => [i._id, { ...i, submissions: {}, states: {} }]));
    const entryOf = (period: string) => {
      const _id = foldIndexIdOf(provinceCode, period);
      const entry = rebuilt.get(_id) ?? { _id, provinceCode, period, submissions: {}, states: {} };
      rebuilt.set(_id, entry);
      return entry;
    };
    for (const s of submissions) entryOf(s.period).submissions[s._id] = true;
    for (const st of states.values()) entryOf(st.period).states[st._id] = true;
    await bulkWriteInChunks(this.index, [...rebuilt.values()].map((doc) => ({ replaceOne: { filter: { _id: doc._id }, replacement: doc, upsert: true } })) as never[], { ordered: false });
    await this.generations.bump(provinceCode);
    step('receipts');
    const aggregates = [...states.values()].reduce((n, s) => n + Object.keys(s.indicators).length, 0);
    return { provinceCode, submissions: submissions.length, aggregates, ms: Math.round(performance.now() - started), steps };
  }
}

/** An applied submission as the event that last changed it (what the fold reads of it). */
function payloadOf(s: AppliedSubmission): ReportSubmission.Payload {
  return {
    kind: 'submitted',
    submissionId: s._id,
    provinceCode: s.provinceCode,
    unitCode: s.unitCode,
    formCode: s.formCode ?? '',
    period: s.period,
    revision: s.revision,
    status: s.status,
    values: appliedValuesOf(s),
    late: s.late ?? false,
    ...(s.countable === null || s.countable === undefined ? {} : { countable: s.countable }),
    ...(s.packedApproved ? { approved: appliedApprovedOf(s) } : {}),
    changedAt: new Date(0).toISOString(),
    changedBy: 'rebuild',
  };
}
