import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { kindOfValue, totalsFromContributions } from '@dtp/domain';
import { DocumentLocks } from '@dtp/messaging';
import { Model } from 'mongoose';
import { Aggregate, aggregateIdOf, AppliedContribution } from './schemas/aggregate.schema';
import { AppliedSubmission } from './schemas/applied-submission.schema';
import { HierarchyService } from '../units/hierarchy.service';
import { countsIn, periodEndOf, valueOf } from './submission-rules';

export interface RebuildReport {
  provinceCode: string;
  submissions: number;
  aggregates: number;
  ms: number;
}

interface Rebuilt {
  unitCode: string;
  indicatorCode: string;
  period: string;
  kind: Aggregate['kind'];
  contributions: Record<string, AppliedContribution>;
}

/**
 * Recomputes every aggregate of a province from the latest applied revision of each submission,
 * by the same rules as the incremental path (docs/adr/0003). Documents are updated in place, so
 * their pending outbox entries survive; aggregates nothing contributes to any more are zeroed.
 * Run it while the province's events are not being consumed: on FerretDB the per-document lock
 * protects writes within one process only (docs/adr/0002).
 */
@Injectable()
export class RebuildService {
  constructor(
    @InjectModel(Aggregate.name) private readonly aggregates: Model<Aggregate>,
    @InjectModel(AppliedSubmission.name) private readonly applied: Model<AppliedSubmission>,
    private readonly locks: DocumentLocks,
    private readonly hierarchy: HierarchyService,
  ) {}

  async rebuild(provinceCode: string, periods?: string[]): Promise<RebuildReport> {
    const started = performance.now();
    const scope = { provinceCode, ...(periods ? { period: { $in: periods } } : {}) };
    const submissions = await this.applied.find(scope).lean<AppliedSubmission[]>().exec();
    const rebuilt = new Map<string, Rebuilt>();
    for (const s of submissions) {
      for (const v of s.values) {
        const value = valueOf(v);
        for (const unitCode of this.hierarchy.targetsOf(s.unitCode, s.provinceCode, periodEndOf(s.period))) {
          const id = aggregateIdOf(unitCode, v.indicatorCode, s.period);
          const entry = rebuilt.get(id) ?? { unitCode, indicatorCode: v.indicatorCode, period: s.period, kind: kindOfValue(v), contributions: {} };
          entry.contributions[s.unitCode] = countsIn(s) ? { ...value, revision: s.revision, withdrawn: false } : { revision: s.revision, withdrawn: true };
          rebuilt.set(id, entry);
        }
      }
    }
    const now = new Date();
    const collection = this.aggregates.collection.collectionName;
    for (const [_id, entry] of rebuilt) {
      const totals = totalsFromContributions(Object.values(entry.contributions).filter((c) => !c.withdrawn));
      await this.locks.run(collection, _id, () =>
        this.aggregates.updateOne(
          { _id },
          {
            $set: { provinceCode, unitCode: entry.unitCode, indicatorCode: entry.indicatorCode, period: entry.period, kind: entry.kind, totals, contributions: entry.contributions, updatedAt: now },
            $inc: { version: 1 },
            $setOnInsert: { outbox: {}, outboxCount: 0 },
          },
          { upsert: true },
        ),
      );
    }
    const stale = await this.aggregates.find(scope, { _id: 1 }).lean<Array<{ _id: string }>>().exec();
    for (const { _id } of stale.filter((a) => !rebuilt.has(a._id))) {
      await this.locks.run(collection, _id, () =>
        this.aggregates.updateOne({ _id }, { $set: { totals: totalsFromContributions([]), contributions: {}, updatedAt: now }, $inc: { version: 1 } }),
      );
    }
    return { provinceCode, submissions: submissions.length, aggregates: rebuilt.size, ms: Math.round(performance.now() - started) };
  }
}
