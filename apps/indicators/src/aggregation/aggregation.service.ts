import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ReportSubmission, Scorecard } from '@dtp/contracts';
import {
  addTotals,
  aggregateValue,
  AggregationKind,
  ContributedValue,
  contributionDelta,
  EMPTY_TOTALS,
  kindOfValue,
  supersedes,
  targetStatus,
} from '@dtp/domain';
import { DocumentLocks, outboxAppend } from '@dtp/messaging';
import { Model } from 'mongoose';
import { AggregateOutboxRelay } from './aggregate-outbox.relay';
import { AppliedOutboxRelay } from './applied-outbox.relay';
import { countsIn, periodEndOf, valueOf } from './submission-rules';
import { ProgrammesService } from '../programmes/programmes.service';
import { HierarchyService } from '../units/hierarchy.service';
import { Aggregate, aggregateIdOf, AppliedContribution } from './schemas/aggregate.schema';
import { AppliedSubmission } from './schemas/applied-submission.schema';

const SOURCE = 'indicators';
const MAX_WRITE_ATTEMPTS = 25;
const DUPLICATE_KEY = 11000;

interface ContributionChange {
  event: ReportSubmission.Envelope;
  targetUnit: string;
  indicatorCode: string;
  kind: AggregationKind;
  next: ContributedValue | undefined;
}

/**
 * Folds `reports.submission.v1` events into running aggregates at the reporting unit and every
 * level above it. Idempotent by revision: a duplicate or an older revision changes nothing, so
 * redelivery after a crash between two levels completes the fold without counting twice.
 */
@Injectable()
export class AggregationService {
  constructor(
    @InjectModel(Aggregate.name) private readonly aggregates: Model<Aggregate>,
    @InjectModel(AppliedSubmission.name) private readonly applied: Model<AppliedSubmission>,
    private readonly relay: AggregateOutboxRelay,
    private readonly locks: DocumentLocks,
    private readonly hierarchy: HierarchyService,
    private readonly programmes: ProgrammesService,
    private readonly appliedRelay: AppliedOutboxRelay,
  ) {}

  async applySubmission(event: ReportSubmission.Envelope): Promise<void> {
    const s = event.data;
    const previous = await this.applied.findById(s.submissionId).lean().exec();
    if (previous && previous.revision >= s.revision) return;

    const counts = countsIn(s);
    const carried = new Set(s.values.map((v) => v.indicatorCode));
    const changes: Array<Omit<ContributionChange, 'targetUnit'>> = [
      ...s.values.map((v) => ({ event, indicatorCode: v.indicatorCode, kind: kindOfValue(v), next: counts ? valueOf(v) : undefined })),
      // Indicators the previous revision carried and this one does not: withdraw them.
      ...(previous?.values ?? [])
        .map((v) => v.indicatorCode)
        .filter((code) => !carried.has(code))
        .map((code) => ({ event, indicatorCode: code, kind: 'sum' as AggregationKind, next: undefined })),
    ];
    const targets = this.hierarchy.targetsOf(s.unitCode, s.provinceCode, periodEndOf(s.period));
    for (const change of changes) {
      for (const targetUnit of targets) await this.applyContribution({ ...change, targetUnit });
    }
    // A report newly late: announced from the same write that records it as applied.
    const late = s.late && !previous?.late
      ? outboxAppend(Scorecard.TOPIC, [Scorecard.envelope({ source: SOURCE, correlationId: event.correlationId, data: { kind: 'unit-late', provinceCode: s.provinceCode, unitCode: s.unitCode, period: s.period, formCode: s.formCode } })])
      : undefined;
    // Last, so a crash before it replays the event; one key's events arrive in order, one at a time.
    await this.locks.run(this.applied.collection.collectionName, s.submissionId, () =>
      this.applied.updateOne(
        { _id: s.submissionId },
        {
          $set: { provinceCode: s.provinceCode, unitCode: s.unitCode, period: s.period, formCode: s.formCode, late: s.late, revision: s.revision, status: s.status, countable: countsIn(s), values: s.values, ...(late?.$set ?? {}) },
          ...(late ? { $inc: late.$inc } : {}),
        },
        { upsert: true },
      ),
    );
    this.relay.nudge();
    if (late) this.appliedRelay.nudge();
  }

  /** The aggregates of the units below the province (not the province's own) for one indicator and period. */
  unitsOf(provinceCode: string, indicatorCode: string, period: string): Promise<Aggregate[]> {
    return this.aggregates
      .find({ provinceCode, indicatorCode, period, unitCode: { $ne: provinceCode } }, { outbox: 0, outboxCount: 0, contributions: 0 })
      .lean<Aggregate[]>()
      .exec();
  }

  /** The reports received for a form and period in a province: the latest revision of each. */
  receivedFor(provinceCode: string, formCode: string, period: string): Promise<AppliedSubmission[]> {
    return this.applied.find({ provinceCode, formCode, period }, { values: 0 }).lean<AppliedSubmission[]>().exec();
  }

  /** Several aggregates at once, by id (`aggregateIdOf`). */
  getMany(ids: string[]): Promise<Aggregate[]> {
    return this.aggregates.find({ _id: { $in: ids } }, { outbox: 0, outboxCount: 0 }).lean<Aggregate[]>().exec();
  }

  async get(unitCode: string, indicatorCode: string, period: string): Promise<Aggregate | null> {
    return this.aggregates.findById(aggregateIdOf(unitCode, indicatorCode, period), { outbox: 0, outboxCount: 0 }).lean<Aggregate>().exec();
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

  private applyContribution(change: ContributionChange): Promise<void> {
    const _id = aggregateIdOf(change.targetUnit, change.indicatorCode, change.event.data.period);
    return this.locks.run(this.aggregates.collection.collectionName, _id, () => this.writeContribution(_id, change));
  }

  /** Read, fold, write conditionally on the version read; retried when another writer won. */
  private async writeContribution(_id: string, change: ContributionChange): Promise<void> {
    const s = change.event.data;
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt += 1) {
      const current = await this.aggregates.findById(_id, { outbox: 0 }).lean<Aggregate>().exec();
      const applied: AppliedContribution | undefined = current?.contributions?.[s.unitCode];
      if (!supersedes(s.revision, applied)) return;

      const before = applied && !applied.withdrawn ? applied : undefined;
      const delta = contributionDelta(before, change.next);
      const totals = addTotals(current?.totals ?? EMPTY_TOTALS, delta);
      const kind = current?.kind && change.next === undefined ? current.kind : change.kind;
      const contribution: AppliedContribution = { ...(change.next ?? {}), revision: s.revision, withdrawn: change.next === undefined };
      const now = new Date();
      const where = { provinceCode: s.provinceCode, unitCode: change.targetUnit, indicatorCode: change.indicatorCode, period: s.period };
      const value = aggregateValue(totals, kind);
      const notices = [
        Scorecard.envelope({ source: SOURCE, correlationId: change.event.correlationId, data: { kind: 'aggregate-changed', ...where, value, reportingUnits: totals.reporting } }),
        ...(await this.statusChanges(where, current ? aggregateValue(current.totals, current.kind) : null, value)).map((data) =>
          Scorecard.envelope({ source: SOURCE, correlationId: change.event.correlationId, data }),
        ),
      ];
      const outbox = outboxAppend(Scorecard.TOPIC, notices, now);
      try {
        if (current) {
          const { matchedCount } = await this.aggregates.updateOne(
            { _id, version: current.version },
            {
              $set: { [`contributions.${s.unitCode}`]: contribution, kind, updatedAt: now, ...outbox.$set },
              $inc: { ...incOf(delta), version: 1, ...outbox.$inc },
            },
          );
          if (matchedCount === 1) return;
        } else {
          await this.aggregates.collection.insertOne({
            _id: _id as never,
            provinceCode: s.provinceCode,
            unitCode: change.targetUnit,
            indicatorCode: change.indicatorCode,
            period: s.period,
            kind,
            totals,
            contributions: { [s.unitCode]: contribution },
            version: 1,
            updatedAt: now,
              ...outbox.fields,
          });
          return;
        }
      } catch (error) {
        if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
      }
    }
    throw new Error(`aggregate ${_id}: too much contention, gave up after ${MAX_WRITE_ATTEMPTS} attempts`);
  }
}

function incOf(delta: typeof EMPTY_TOTALS): Record<string, number> {
  return Object.fromEntries(Object.entries(delta).map(([k, v]) => [`totals.${k}`, v]));
}
