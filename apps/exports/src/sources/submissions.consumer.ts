import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ReportSubmission } from '@dtp/contracts';
import { BatchConsumerOptions, BatchConsumerProvider, EnvelopeConsumer } from '@dtp/messaging';
import { SubmissionCopiesService } from './submission-copies.service';

/** The consumer group that copies submissions: its own, so it reads `reports.submission.v1` in batches. */
export const copiesGroupOf = (groupId: string): string => `${groupId}-copies`;

/**
 * Copies `reports.submission.v1` into this service's own store, a batch at a time: one conditional
 * write per submission, many per command, instead of a message at a time through Nest's transport.
 */
@Injectable()
export class SubmissionsConsumer extends BatchConsumerProvider<ReportSubmission.Envelope> implements OnApplicationShutdown {
  constructor(
    envelopes: EnvelopeConsumer,
    private readonly copies: SubmissionCopiesService,
  ) {
    super(envelopes);
  }

  protected optionsFor(groupId: string): BatchConsumerOptions<ReportSubmission.Envelope> {
    return {
      topic: ReportSubmission.TOPIC,
      groupId: copiesGroupOf(groupId),
      schema: ReportSubmission.Envelope as never,
      handle: (events) => this.copies.applyBatch(events.map((e) => e.data)),
      maxBatch: 200,
    };
  }
}
