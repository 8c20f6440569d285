import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ReportSubmission } from '@dtp/contracts';
import { parsePeriodId } from '@dtp/domain';
import { conditionalUpserts } from '@dtp/messaging';
import { Model } from 'mongoose';
import { SubmissionCopy } from './schemas/submission-copy.schema';

export interface CopyFilter {
  provinceCode: string;
  year: number;
  formCode?: string;
  unitCodes?: string[];
}

/** The copy an event describes. */
function copyOf(event: ReportSubmission.Payload): SubmissionCopy {
  return {
    _id: event.submissionId,
    provinceCode: event.provinceCode,
    unitCode: event.unitCode,
    formCode: event.formCode,
    period: event.period,
    year: yearOf(event.period),
    revision: event.revision,
    status: event.status,
    late: event.late,
    changedAt: new Date(event.changedAt),
    values: event.values.map((v) => Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined)) as unknown as SubmissionCopy['values'][number]),
    valueCount: event.values.length,
  };
}

function isNewer(a: SubmissionCopy, b: SubmissionCopy): boolean {
  return a.revision > b.revision || (a.revision === b.revision && a.changedAt.getTime() > b.changedAt.getTime());
}

/** Keeps the latest state of each submission; an event seen again or out of date changes nothing. */
@Injectable()
export class SubmissionCopiesService {
  constructor(@InjectModel(SubmissionCopy.name) private readonly copies: Model<SubmissionCopy>) {}

  async apply(event: ReportSubmission.Payload): Promise<'applied' | 'stale'> {
    const [outcome] = await this.write([copyOf(event)]);
    return outcome ?? 'stale';
  }

  /**
   * Applies a batch: the newest event of each submission only, then one conditional write per
   * submission, many per command; an older or equal copy stays (its insert collides on `_id`).
   */
  async applyBatch(events: readonly ReportSubmission.Payload[]): Promise<void> {
    const newest = new Map<string, SubmissionCopy>();
    for (const event of events) {
      const copy = copyOf(event);
      const seen = newest.get(copy._id);
      if (!seen || isNewer(copy, seen)) newest.set(copy._id, copy);
    }
    await this.write([...newest.values()]);
  }

  /**
   * One conditional upsert per copy, no read first: it replaces only an older copy, and when a
   * copy at least as new exists the upsert's insert collides on _id, which is what "stale" means.
   */
  private async write(copies: SubmissionCopy[]): Promise<Array<'applied' | 'stale'>> {
    const stale = await conditionalUpserts(
      this.copies.collection,
      copies.map((copy) => ({
        replaceOne: { filter: { _id: copy._id, $or: [{ revision: { $lt: copy.revision } }, { revision: copy.revision, changedAt: { $lt: copy.changedAt } }] }, replacement: copy, upsert: true },
      })),
    );
    return copies.map((_, i) => (stale.has(i) ? 'stale' : 'applied'));
  }

  /** Stores copies as they are: for tests and data loads that build a province-year at once. */
  async insertMany(copies: SubmissionCopy[]): Promise<void> {
    if (copies.length > 0) await this.copies.collection.insertMany(copies as never[], { ordered: false });
  }

  get(provinceCode: string, unitCode: string, formCode: string, period: string): Promise<SubmissionCopy | null> {
    return this.copies.collection.findOne({ _id: `${provinceCode}:${unitCode}:${formCode}:${period}` as never }) as Promise<SubmissionCopy | null>;
  }

  /** How many values (rows of a raw export) the filter holds, without reading them. */
  async countValues(filter: CopyFilter): Promise<{ submissions: number; values: number }> {
    let submissions = 0;
    let values = 0;
    for await (const doc of this.copies.collection.find(toQuery(filter), { projection: { valueCount: 1 } })) {
      submissions++;
      values += (doc.valueCount as number) ?? 0;
    }
    return { submissions, values };
  }

  /** The copies one at a time, in id order (unit, form, period): a cursor, never the whole set. */
  async *stream(filter: CopyFilter): AsyncIterable<SubmissionCopy> {
    const cursor = this.copies.collection.find(toQuery(filter), { sort: { _id: 1 }, batchSize: 100 });
    try {
      for await (const doc of cursor) yield doc as unknown as SubmissionCopy;
    } finally {
      await cursor.close();
    }
  }
}

function toQuery(filter: CopyFilter): Record<string, unknown> {
  return {
    provinceCode: filter.provinceCode,
    year: filter.year,
    ...(filter.formCode ? { formCode: filter.formCode } : {}),
    ...(filter.unitCodes?.length ? { unitCode: { $in: filter.unitCodes } } : {}),
  };
}

function yearOf(periodId: string): number {
  const period = parsePeriodId(periodId);
  return period.type === 'range' ? Number(period.start.slice(0, 4)) : period.year;
}
