import { Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import { Job } from 'bull';
import { ObligationChangedJob, Queues } from '../queues/queues';

/**
 * Works off obligation changes. For now it records that the obligation moved; the reporting
 * calendar and reminder cancellation hang here (notifications issue).
 */
@Processor(Queues.Obligations)
export class ObligationProcessor {
  private readonly logger = new Logger(ObligationProcessor.name);

  @Process()
  async handle(job: Job<ObligationChangedJob>): Promise<void> {
    const o = job.data;
    this.logger.log({ msg: 'obligation changed', submissionId: o.submissionId, revision: o.revision, status: o.status, unitCode: o.unitCode, period: o.period });
  }
}
