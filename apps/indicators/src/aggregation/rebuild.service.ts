import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ReportSubmission } from '@dtp/contracts';
import { bulkWriteInChunks, DocumentLocks } from '@dtp/messaging';
import { Model } from 'mongoose';
import { FOLD_LOCK } from './aggregation.service';
import { emptyUnitPeriod, foldSubmissions, statesTouchedBy, UnitPeriodState } from './fold';
import { documentsOf, UnitAggregate, UnitContributions } from './schemas/aggregate.schema';
import { AppliedSubmission } from './schemas/applied-submission.schema';
import { Receipts, receiptsOf } from './schemas/receipts.schema';
import { FoldGenerations } from '../read-models/fold-generations.service';
import { HierarchyService } from '../units/hierarchy.service';

export interface RebuildReport {
  provinceCode: string;
  submissions: number;
  /** Aggregates (unit × indicator × period) recomputed. */
  aggregates: number;
  ms: number;
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
    @InjectModel(UnitContributions.name) private readonly contributions: Model<UnitContributions>,
    @InjectModel(AppliedSubmission.name) private readonly applied: Model<AppliedSubmission>,
    @InjectModel(Receipts.name) private readonly receipts: Model<Receipts>,
    private readonly locks: DocumentLocks,
    private readonly hierarchy: HierarchyService,
    private readonly generations: FoldGenerations,
  ) {}

  /**
   * A store written by the earlier, one-document-per-indicator fold has applied submissions and no
   * unit-period documents: fold them once at start, province by province (docs/adr/0007).
   */
  async onApplicationBootstrap(): Promise<void> {
    if ((await this.aggregates.estimatedDocumentCount()) > 0 || (await this.applied.estimatedDocumentCount()) === 0) return;
    const provinces = (await this.applied.distinct('provinceCode')) as string[];
    for (const provinceCode of provinces) this.logger.log(`folded the applied submissions of province ${provinceCode} into unit-period aggregates: ${JSON.stringify(await this.rebuild(provinceCode))}`);
  }

  rebuild(provinceCode: string, periods?: string[]): Promise<RebuildReport> {
    return this.locks.run(FOLD_LOCK, provinceCode, () => this.rebuildLocked(provinceCode, periods));
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
    await this.hierarchy.refresh();
    const inScope = (period: string) => !periods || periods.includes(period);
    // Equality on the province only (pushed down on FerretDB); the periods are picked here.
    const submissions = (await this.applied.find({ provinceCode }, { outbox: 0 }).lean<AppliedSubmission[]>().exec()).filter((s) => inScope(s.period));
    const payloads = submissions.map(payloadOf);
    const targetsOf = this.hierarchy.targetsOf.bind(this.hierarchy);
    const states = new Map<string, UnitPeriodState>(statesTouchedBy(payloads, targetsOf).map((t) => [t._id, emptyUnitPeriod(t.provinceCode, t.unitCode, t.period)]));
    foldSubmissions(payloads, states, new Map(), targetsOf);

    const now = new Date();
    const existing = (await this.aggregates.find({ provinceCode }, { _id: 1, period: 1 }).lean<Array<{ _id: string; period: string }>>().exec()).filter((d) => inScope(d.period));
    const versions = new Map((await this.contributions.find({ provinceCode }, { _id: 1, version: 1, period: 1 }).lean<Array<{ _id: string; version: number; period?: string }>>().exec()).map((c) => [c._id, c.version]));
    // Replaced whole: deleted, then inserted (an insert costs FerretDB no read of the old
    // document, where an update decodes and re-encodes it). Readers see the province's figures
    // missing for the moment in between; run it while the province is not being read or folded.
    const stale = [...new Set([...existing.map((d) => d._id), ...[...versions.keys()].filter((id) => inScope(id.slice(id.lastIndexOf(':') + 1)))])];
    const contributionDocs: object[] = [];
    const totalDocs: object[] = [];
    for (const state of states.values()) {
      // Stamped: the totals say which contributions they were computed from (stateFrom).
      const basedOn = (versions.get(state._id) ?? 0) + 1;
      const { totals, contributions } = documentsOf(state);
      contributionDocs.push({ _id: state._id, provinceCode, indicators: contributions, version: basedOn });
      totalDocs.push({ _id: state._id, provinceCode, unitCode: state.unitCode, period: state.period, indicators: totals, version: 1, basedOn, updatedAt: now, outbox: {}, outboxCount: 0 });
    }
    const deletes = stale.map((_id) => ({ deleteOne: { filter: { _id } } }));
    await bulkWriteInChunks(this.aggregates, deletes, { ordered: false });
    await bulkWriteInChunks(this.contributions, deletes, { ordered: false });
    await bulkWriteInChunks(this.contributions, contributionDocs.map((document) => ({ insertOne: { document } })), { ordered: false });
    await bulkWriteInChunks(this.aggregates, totalDocs.map((document) => ({ insertOne: { document } })), { ordered: false });
    await this.rebuildReceipts(provinceCode, payloads);
    await this.generations.bump(provinceCode);
    const aggregates = [...states.values()].reduce((n, s) => n + Object.keys(s.indicators).length, 0);
    return { provinceCode, submissions: submissions.length, aggregates, ms: Math.round(performance.now() - started) };
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
    values: s.values ?? [],
    late: s.late ?? false,
    ...(s.countable === null || s.countable === undefined ? {} : { countable: s.countable }),
    changedAt: new Date(0).toISOString(),
    changedBy: 'rebuild',
  };
}
