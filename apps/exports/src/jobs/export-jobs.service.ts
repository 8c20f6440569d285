import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ExportJob } from '@dtp/contracts';
import { DocumentLocks, outboxAppend } from '@dtp/messaging';
import { refusal } from '@dtp/platform';
import { Model } from 'mongoose';
import { EXPORTS_CONFIG, ExportsConfig } from '../config';
import { ExportRequest } from '../documents/export-request';
import { ExportOutboxRelay } from './export-outbox.relay';
import { ExportJobRecord } from './schemas/export-job.schema';

const DAY_MS = 24 * 3600 * 1000;

/**
 * The export jobs' records. Every change of one job goes through the document lock, since the
 * outbox relay writes the same document; a finished job's event is written with its status.
 */
@Injectable()
export class ExportJobsService {
  constructor(
    @InjectModel(ExportJobRecord.name) private readonly jobs: Model<ExportJobRecord>,
    private readonly locks: DocumentLocks,
    private readonly outbox: ExportOutboxRelay,
    @Inject(EXPORTS_CONFIG) private readonly config: Pick<ExportsConfig, 'EXPORT_RETENTION_DAYS'>,
  ) {}

  async create(request: ExportRequest, requestedBy: string, now: Date): Promise<ExportJobRecord> {
    const job: ExportJobRecord = {
      _id: randomUUID(),
      provinceCode: request.provinceCode,
      kind: request.kind,
      format: request.format,
      request,
      requestedBy,
      status: 'queued',
      progress: 0,
      createdAt: now,
      outbox: {},
      outboxCount: 0,
    };
    await this.jobs.collection.insertOne(job as never);
    return job;
  }

  async get(id: string): Promise<ExportJobRecord> {
    const job = (await this.jobs.collection.findOne({ _id: id as never }, { projection: { outbox: 0 } })) as ExportJobRecord | null;
    if (!job) throw refusal(404, 'not-found', `there is no export ${id}`, `không có yêu cầu xuất tệp ${id}`);
    return job;
  }

  /** A province's exports, newest first; `requestedBy` narrows to one official's. */
  async list(provinceCode: string, filter: { requestedBy?: string; status?: string; limit: number }): Promise<ExportJobRecord[]> {
    const query = { provinceCode, ...(filter.requestedBy ? { requestedBy: filter.requestedBy } : {}), ...(filter.status ? { status: filter.status } : {}) };
    return (await this.jobs.collection.find(query, { projection: { outbox: 0 }, sort: { createdAt: -1 }, limit: filter.limit }).toArray()) as unknown as ExportJobRecord[];
  }

  /**
   * Starts a queued job (or a running one a crashed worker left, or a retry); false if it has
   * already ended. The progress stays where it was: a retry counts up to it again unseen.
   */
  start(id: string, now: Date): Promise<boolean> {
    return this.locks.run('export_jobs', id, async () => {
      const result = await this.jobs.collection.updateOne({ _id: id as never, status: { $in: ['queued', 'running'] } }, { $set: { status: 'running', startedAt: now } });
      return result.matchedCount === 1;
    });
  }

  /** Raises the progress; a lower figure (a retry starting over) is ignored, so it never goes back. */
  progress(id: string, percent: number): Promise<void> {
    return this.locks.run('export_jobs', id, async () => {
      await this.jobs.collection.updateOne({ _id: id as never, status: 'running', progress: { $lt: percent } }, { $set: { progress: percent } });
    });
  }

  async complete(id: string, file: { fileName: string; contentType: string; storageKey: string; size: number; rows: number }, now: Date): Promise<void> {
    await this.locks.run('export_jobs', id, async () => {
      const job = await this.get(id);
      const expiresAt = new Date(now.getTime() + this.config.EXPORT_RETENTION_DAYS * DAY_MS);
      const event = ExportJob.envelope({
        source: 'exports',
        data: {
          status: 'completed',
          jobId: id,
          provinceCode: job.provinceCode,
          kind: job.kind,
          format: job.format,
          requestedBy: job.requestedBy,
          fileName: file.fileName,
          contentType: file.contentType,
          size: file.size,
          downloadPath: `/api/v1/exports/${id}/file`,
          expiresAt: expiresAt.toISOString(),
        },
      });
      const append = outboxAppend(ExportJob.TOPIC, [event], now);
      await this.outbox.expect([id]);
      await this.jobs.collection.updateOne({ _id: id as never }, { $set: { ...file, status: 'completed', progress: 100, finishedAt: now, expiresAt, ...append.$set }, $inc: append.$inc });
    });
    this.outbox.nudge();
  }

  /** Ends a job as failed with the reason, in English and Vietnamese; a job already ended stays as it is. */
  async fail(id: string, reason: string, reasonVi: string, now: Date): Promise<void> {
    const failed = await this.locks.run('export_jobs', id, async () => {
      const job = await this.get(id);
      if (job.status === 'completed' || job.status === 'failed' || job.status === 'expired') return false;
      const event = ExportJob.envelope({
        source: 'exports',
        data: { status: 'failed', jobId: id, provinceCode: job.provinceCode, kind: job.kind, format: job.format, requestedBy: job.requestedBy, reason, reasonVi },
      });
      const append = outboxAppend(ExportJob.TOPIC, [event], now);
      await this.outbox.expect([id]);
      await this.jobs.collection.updateOne({ _id: id as never }, { $set: { status: 'failed', reason, reasonVi, finishedAt: now, ...append.$set }, $inc: append.$inc });
      return true;
    });
    if (failed) this.outbox.nudge();
  }

  /** Completed jobs whose file is past its retention. */
  async expiredBy(now: Date): Promise<ExportJobRecord[]> {
    return (await this.jobs.collection.find({ status: 'completed', expiresAt: { $lte: now } }, { projection: { outbox: 0 } }).toArray()) as unknown as ExportJobRecord[];
  }

  markExpired(id: string): Promise<void> {
    return this.locks.run('export_jobs', id, async () => {
      await this.jobs.collection.updateOne({ _id: id as never, status: 'completed' }, { $set: { status: 'expired' } });
    });
  }

  /** Jobs that should be running or waiting, for a restart to hand back to the queue. */
  async unfinished(): Promise<string[]> {
    const docs = await this.jobs.collection.find({ status: { $in: ['queued', 'running'] } }, { projection: { _id: 1 } }).toArray();
    return docs.map((d) => String(d._id));
  }
}
