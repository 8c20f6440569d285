import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ReportSubmission, Scorecard } from '@dtp/contracts';
import { aggregateValue, targetStatus } from '@dtp/domain';
import { DocumentLocks, outboxAppend } from '@dtp/messaging';
import { AnyBulkWriteOperation, Model } from 'mongoose';
import { AggregateOutboxRelay } from './aggregate-outbox.relay';
import { AppliedOutboxRelay } from './applied-outbox.relay';
import { AppliedState, emptyUnitPeriod, foldSubmissions, statesTouchedBy, unitPeriodIdOf, UnitPeriodState } from './fold';
import { FoldGenerations } from '../read-models/fold-generations.service';
import { countsIn, periodEndOf } from './submission-rules';
import { ProgrammesService } from '../programmes/programmes.service';
import { HierarchyService } from '../units/hierarchy.service';
import { Aggregate, aggregatesIn, UnitAggregate } from './schemas/aggregate.schema';
import { AppliedSubmission } from './schemas/applied-submission.schema';

const SOURCE = 'indicators';

/** The lock every writer of a province's aggregates holds: the fold, the rebuild, the outbox relays. */
export const FOLD_LOCK = 'fold';

/** Reads at once against the store, so a large batch does not open hundreds of queries together. */
const READ_CONCURRENCY = 16;

/**
 * Folds `reports.submission.v1` into aggregates at the reporting unit and every level above it,
 * a batch at a time: each touched unit-period document is read once and written once per batch
 * (libs: fold.ts does the arithmetic). One writer per province: the events are keyed by province,
 * the consumer that owns the partition folds them, and in this process the province's lock
 * serialises the fold with the rebuild and the outbox relays (docs/adr/0007).
 */
@Injectable()
export class AggregationService {
  constructor(
    @InjectModel(UnitAggregate.name) private readonly aggregates: Model<UnitAggregate>,
    @InjectModel(AppliedSubmission.name) private readonly applied: Model<AppliedSubmission>,
    private readonly relay: AggregateOutboxRelay,
    private readonly locks: DocumentLocks,
    private readonly hierarchy: HierarchyService,
    private readonly programmes: ProgrammesService,
    private readonly appliedRelay: AppliedOutboxRelay,
    private readonly generations: FoldGenerations,
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
    const payloads = events.map((e) => e.data);
    const correlationOf = new Map(events.map((e) => [e.data.submissionId, e.correlationId]));
    const targetsOf = this.hierarchy.targetsOf.bind(this.hierarchy);

    const applied = await this.readApplied([...new Set(payloads.map((s) => s.submissionId))]);
    const touched = statesTouchedBy(payloads, targetsOf);
    const stored = await this.readStates(touched.map((t) => t._id));
    const states = new Map(touched.map((t) => [t._id, stored.get(t._id)?.state ?? emptyUnitPeriod(t.provinceCode, t.unitCode, t.period)]));
    const versions = new Map([...stored].map(([id, s]) => [id, s.version]));

    const outcome = foldSubmissions(payloads, states, applied, targetsOf);
    if (outcome.applied.size === 0) return;

    const now = new Date();
    const writes: AnyBulkWriteOperation<UnitAggregate>[] = [];
    for (const [_id, { state, before, lastSubmissionId }] of outcome.changed) {
      const correlationId = correlationOf.get(lastSubmissionId) ?? lastSubmissionId;
      const notices: Scorecard.Envelope[] = [];
      for (const [indicatorCode, valueBefore] of before) {
        const aggregate = state.indicators[indicatorCode];
        if (!aggregate) continue;
        const value = aggregateValue(aggregate.totals, aggregate.kind);
        const where = { provinceCode, unitCode: state.unitCode, indicatorCode, period: state.period };
        notices.push(Scorecard.envelope({ source: SOURCE, correlationId, data: { kind: 'aggregate-changed', ...where, value, reportingUnits: aggregate.totals.reporting } }));
        for (const data of await this.statusChanges(where, valueBefore, value)) notices.push(Scorecard.envelope({ source: SOURCE, correlationId, data }));
      }
      const outbox = outboxAppend(Scorecard.TOPIC, notices, now);
      const version = versions.get(_id);
      if (version === undefined) {
        writes.push({ insertOne: { document: { ...state, version: 1, updatedAt: now, ...outbox.fields } as never } });
      } else {
        const changedIndicators = Object.fromEntries([...before.keys()].map((code) => [`indicators.${code}`, state.indicators[code]]));
        writes.push({ updateOne: { filter: { _id, version } as never, update: { $set: { ...changedIndicators, updatedAt: now, ...outbox.$set }, $inc: { version: 1, ...outbox.$inc } } as never } });
      }
    }
    if (writes.length > 0) {
      const result = await this.aggregates.bulkWrite(writes, { ordered: false });
      const updates = writes.filter((w) => 'updateOne' in w).length;
      // Another writer moved a document since it was read (a partition handed over mid-batch):
      // fail the batch; it is delivered again and what was written is recognised by revision.
      if (result.matchedCount !== updates) throw new Error(`fold of province ${provinceCode}: ${updates - result.matchedCount} aggregate(s) changed by another writer; retrying the batch`);
    }
    // Last, so a crash before it delivers the batch again and the fold completes it.
    await this.writeApplied(outcome.applied, new Set(outcome.newlyLate.map((s) => s.submissionId)), correlationOf, now);
    await this.generations.bump(provinceCode);
    this.relay.nudge();
    if (outcome.newlyLate.length > 0) this.appliedRelay.nudge();
  }

  private async readApplied(ids: string[]): Promise<Map<string, AppliedState>> {
    const found = await mapLimited(ids, READ_CONCURRENCY, (id) => this.applied.findById(id, { revision: 1, late: 1, values: 1 }).lean<AppliedState & { _id: string }>().exec());
    return new Map(found.filter((a): a is AppliedState & { _id: string } => a !== null).map((a) => [a._id, { revision: a.revision, late: a.late, values: a.values ?? [] }]));
  }

  /** Unit-period documents by id, one indexed read each (FerretDB pushes down `_id` equality, not `$in`). */
  private async readStates(ids: string[]): Promise<Map<string, { state: UnitPeriodState; version: number }>> {
    const found = await mapLimited(ids, READ_CONCURRENCY, (id) => this.aggregates.findById(id, { outbox: 0 }).lean<UnitAggregate>().exec());
    return new Map(
      found
        .filter((d): d is UnitAggregate => d !== null)
        .map((d) => [d._id, { state: { _id: d._id, provinceCode: d.provinceCode, unitCode: d.unitCode, period: d.period, indicators: d.indicators ?? {} }, version: d.version }]),
    );
  }

  private async writeApplied(applied: Map<string, ReportSubmission.Payload>, newlyLate: Set<string>, correlationOf: Map<string, string>, now: Date): Promise<void> {
    const writes = [...applied.values()].map((s) => {
      // A report newly late: announced from the same write that records it as applied.
      const late = newlyLate.has(s.submissionId)
        ? outboxAppend(Scorecard.TOPIC, [Scorecard.envelope({ source: SOURCE, correlationId: correlationOf.get(s.submissionId) ?? s.submissionId, data: { kind: 'unit-late', provinceCode: s.provinceCode, unitCode: s.unitCode, period: s.period, formCode: s.formCode } })], now)
        : undefined;
      return {
        updateOne: {
          filter: { _id: s.submissionId },
          update: {
            $set: { provinceCode: s.provinceCode, unitCode: s.unitCode, period: s.period, formCode: s.formCode, late: s.late, revision: s.revision, status: s.status, countable: countsIn(s), values: s.values, ...(late?.$set ?? {}) },
            ...(late ? { $inc: late.$inc } : {}),
          },
          upsert: true,
        },
      };
    });
    if (writes.length > 0) await this.applied.bulkWrite(writes as never, { ordered: true });
  }

  /** The aggregates of the units below the province (not the province's own) for one indicator and period. */
  async unitsOf(provinceCode: string, indicatorCode: string, period: string): Promise<Aggregate[]> {
    const docs = await this.aggregates.find({ provinceCode, period }, { outbox: 0 }).lean<UnitAggregate[]>().exec();
    return docs.filter((d) => d.unitCode !== provinceCode).flatMap((d) => aggregatesIn(d).filter((a) => a.indicatorCode === indicatorCode));
  }

  /** The reports received for a form and period in a province: the latest revision of each. */
  receivedFor(provinceCode: string, formCode: string, period: string): Promise<AppliedSubmission[]> {
    return this.applied.find({ provinceCode, formCode, period }, { values: 0, outbox: 0 }).lean<AppliedSubmission[]>().exec();
  }

  /** A unit's aggregates in each of the periods asked, by period (absent where nothing was reported). */
  async ofUnit(unitCode: string, periods: readonly string[]): Promise<Map<string, Map<string, Aggregate>>> {
    const docs = await mapLimited([...new Set(periods)], READ_CONCURRENCY, (period) => this.aggregates.findById(unitPeriodIdOf(unitCode, period), { outbox: 0 }).lean<UnitAggregate>().exec());
    return new Map(docs.filter((d): d is UnitAggregate => d !== null).map((d) => [d.period, new Map(aggregatesIn(d).map((a) => [a.indicatorCode, a]))]));
  }

  async get(unitCode: string, indicatorCode: string, period: string): Promise<Aggregate | null> {
    return (await this.ofUnit(unitCode, [period])).get(period)?.get(indicatorCode) ?? null;
  }

  /** The programmes' targets on this indicator whose status the new value changes (a target newly achieved, …). */
  private async statusChanges(
    where: { provinceCode: string; unitCode: string; indicatorCode: string; period: string },
    before: number | null,
    after: number | null,
  ): Promise<Scorecard.Payload[]> {
    if (before === after) return [];
    const targets = await this.programmes.targetsOn(where.provinceCode, where.indicatorCode, Number(periodEndOf(where.period).slice(0, 4)));
    return targets
      .map(({ programmeCode, target }) => ({ programmeCode, target, statusBefore: targetStatus(target, before), statusAfter: targetStatus(target, after) }))
      .filter((c) => c.statusBefore !== c.statusAfter)
      .map((c) => ({ kind: 'target-status-changed' as const, ...where, value: after, programmeCode: c.programmeCode, target: c.target.value, statusBefore: c.statusBefore, statusAfter: c.statusAfter }));
  }
}

/** Runs `task` over `items` with at most `limit` at once; results in the items' order. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await task(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
