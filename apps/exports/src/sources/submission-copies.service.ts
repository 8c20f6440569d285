import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ReportSubmission } from '@dtp/contracts';
import { parsePeriodId } from '@dtp/domain';
import { Model } from 'mongoose';
import { SubmissionCopy } from './schemas/submission-copy.schema';

export interface CopyFilter {
  provinceCode: string;
  year: number;
  formCode?: string;
  unitCodes?: string[];
}

/** Keeps the latest state of each submission; an event seen again or out of date changes nothing. */
@Injectable()
export class SubmissionCopiesService {
  constructor(@InjectModel(SubmissionCopy.name) private readonly copies: Model<SubmissionCopy>) {}

  async apply(event: ReportSubmission.Payload): Promise<'applied' | 'stale'> {
    const changedAt = new Date(event.changedAt);
    const copy: SubmissionCopy = {
      _id: event.submissionId,
      provinceCode: event.provinceCode,
      unitCode: event.unitCode,
      formCode: event.formCode,
      period: event.period,
      year: yearOf(event.period),
      revision: event.revision,
      status: event.status,
      late: event.late,
      changedAt,
      values: event.values.map((v) => Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined)) as unknown as SubmissionCopy['values'][number]),
      valueCount: event.values.length,
    };
    // One conditional write, no read first: it replaces only an older copy, and when a copy at
    // least as new exists the upsert's insert collides on _id, which is what "stale" means.
    try {
      await this.copies.collection.replaceOne({ _id: copy._id as never, $or: [{ revision: { $lt: copy.revision } }, { revision: copy.revision, changedAt: { $lt: changedAt } }] }, copy, { upsert: true });
      return 'applied';
    } catch (error) {
      if ((error as { code?: number }).code === 11000) return 'stale';
      throw error;
    }
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
