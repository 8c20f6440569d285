import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ReportSubmission } from '@dtp/contracts';
import { BatchConsumerOptions, BatchConsumerProvider, EnvelopeConsumer } from '@dtp/messaging';
import { NoticesService } from './notices.service';

/** The consumer group that keeps the calendar current from submissions: its own, so it reads them in batches. */
export const submissionsGroupOf = (groupId: string): string => `${groupId}-submissions`;

/**
 * Applies `reports.submission.v1` to the reporting calendar a batch at a time (one conditional
 * write per obligation, many per command, one reminder-index read per form and period) instead
 * of a message at a time through Nest's transport.
 */
@Injectable()
export class SubmissionsConsumer extends BatchConsumerProvider<ReportSubmission.Envelope> implements OnApplicationShutdown {
  constructor(
    envelopes: EnvelopeConsumer,
    private readonly notices: NoticesService,
  ) {
    super(envelopes);
  }

  protected optionsFor(groupId: string): BatchConsumerOptions<ReportSubmission.Envelope> {
    return {
      topic: ReportSubmission.TOPIC,
      groupId: submissionsGroupOf(groupId),
      schema: ReportSubmission.Envelope as never,
      handle: (events) => this.notices.onSubmissions(events.map((e) => e.data)),
      maxBatch: 200,
    };
  }
}
