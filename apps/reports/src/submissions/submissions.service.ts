import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ReportSubmission } from '@dtp/contracts';
import { DocumentLocks, outboxAppend } from '@dtp/messaging';
import { currentCorrelationId, ProblemException, titleFor } from '@dtp/platform';
import { Model } from 'mongoose';
import { SubmitReportDto } from './dto/submit-report.dto';
import { ReportedValue, Submission } from './schemas/submission.schema';
import { SubmissionOutboxRelay } from './submission-outbox.relay';
import { checkValues } from './submission-values';

const SOURCE = 'reports';
const MAX_WRITE_ATTEMPTS = 8;
const DUPLICATE_KEY = 11000;

export function submissionIdOf(s: Pick<Submission, 'provinceCode' | 'unitCode' | 'formCode' | 'period'>): string {
  return `${s.provinceCode}:${s.unitCode}:${s.formCode}:${s.period}`;
}

@Injectable()
export class SubmissionsService {
  constructor(
    @InjectModel(Submission.name) private readonly submissions: Model<Submission>,
    private readonly relay: SubmissionOutboxRelay,
    private readonly locks: DocumentLocks,
  ) {}

  /**
   * Stores a submission (or a new revision of it) and its `reports.submission.v1` event in one
   * document write, so the state and the announcement of it can never disagree. Concurrent
   * writers of the same report are serialised by the revision number.
   */
  async submit(dto: SubmitReportDto, actor: string): Promise<Submission> {
    const values: ReportedValue[] = dto.values.map((v) => stripUndefined({ ...v }));
    checkValues(values);
    const _id = submissionIdOf(dto);
    await this.locks.run(this.submissions.collection.collectionName, _id, () => this.write(_id, dto, values, actor));
    this.relay.nudge();
    return this.get(_id);
  }

  /** Read the current revision, write the next one conditionally on it; retried when another writer won. */
  private async write(_id: string, dto: SubmitReportDto, values: ReportedValue[], actor: string): Promise<void> {
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt += 1) {
      const current = await this.submissions.findById(_id, { revision: 1, status: 1 }).lean().exec();
      if (current?.status === 'approved') throw approvedProblem(_id);
      const revision = (current?.revision ?? 0) + 1;
      const now = new Date();
      const event = ReportSubmission.envelope({
        source: SOURCE,
        correlationId: currentCorrelationId(),
        occurredAt: now,
        data: {
          kind: current ? 'revised' : 'submitted',
          submissionId: _id,
          provinceCode: dto.provinceCode,
          unitCode: dto.unitCode,
          formCode: dto.formCode,
          period: dto.period,
          revision,
          status: 'submitted',
          values: values.map(({ comment: _comment, ...v }) => v),
          late: false,
          changedAt: now.toISOString(),
          changedBy: actor,
        },
      });
      const outbox = outboxAppend(ReportSubmission.TOPIC, [event], now);
      const state = { status: 'submitted' as const, revision, values, late: false, updatedAt: now };
      const historyEntry = { revision, status: 'submitted', values, changedAt: now, changedBy: actor };
      try {
        const written = current
          ? await this.submissions.updateOne(
              { _id, revision: current.revision },
              { $set: { ...state, ...outbox.$set }, $inc: outbox.$inc, $push: { history: historyEntry } },
            )
          : await this.submissions.collection.insertOne({
              _id: _id as never,
              provinceCode: dto.provinceCode,
              unitCode: dto.unitCode,
              formCode: dto.formCode,
              period: dto.period,
              ...state,
              history: [historyEntry],
              ...outbox.fields,
            });
        if ('matchedCount' in written && written.matchedCount === 0) continue;
      } catch (error) {
        if ((error as { code?: number }).code === DUPLICATE_KEY) continue;
        throw error;
      }
      return;
    }
    throw new ProblemException({
      type: 'https://dtp.gov.vn/problems/concurrent-update',
      title: titleFor(409).en,
      status: 409,
      detail: `submission ${_id} is being changed by someone else; try again`,
      vi: { title: titleFor(409).vi, detail: `báo cáo ${_id} đang được người khác cập nhật; vui lòng thử lại` },
    });
  }

  async get(id: string): Promise<Submission> {
    const found = await this.submissions.findById(id, { outbox: 0, outboxCount: 0 }).lean<Submission>().exec();
    if (!found) throw new NotFoundException(`submission ${id} not found`);
    return found;
  }
}

function approvedProblem(id: string): ProblemException {
  return new ProblemException({
    type: 'https://dtp.gov.vn/problems/locked',
    title: titleFor(409).en,
    status: 409,
    detail: `submission ${id} is approved; a correction must be filed as a new revision by an official`,
    vi: { title: titleFor(409).vi, detail: `báo cáo ${id} đã được phê duyệt; muốn sửa phải tạo phiên bản điều chỉnh` },
  });
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
