import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ReportSubmission } from '@dtp/contracts';
import { EnvelopeBatchConsumer, EnvelopeConsumer, KafkaSettings } from '@dtp/messaging';
import { SubmissionCopiesService } from './submission-copies.service';

/** The consumer group that copies submissions: its own, so it reads `reports.submission.v1` in batches. */
export const copiesGroupOf = (groupId: string): string => `${groupId}-copies`;

/**
 * Copies `reports.submission.v1` into this service's own store, a batch at a time: one conditional
 * write per submission, many per command, instead of a message at a time through Nest's transport.
 */
@Injectable()
export class SubmissionsConsumer implements OnApplicationShutdown {
  private consumer?: EnvelopeBatchConsumer<ReportSubmission.Envelope>;

  constructor(
    private readonly envelopes: EnvelopeConsumer,
    private readonly copies: SubmissionCopiesService,
  ) {}

  async start(settings: KafkaSettings, groupId: string): Promise<void> {
    this.consumer = new EnvelopeBatchConsumer(settings, this.envelopes, {
      topic: ReportSubmission.TOPIC,
      groupId: copiesGroupOf(groupId),
      schema: ReportSubmission.Envelope as never,
      handle: (events) => this.copies.applyBatch(events.map((e) => e.data)),
      maxBatch: 200,
    });
    await this.consumer.start();
  }

  /** The consumer's fatal error, if it stopped for good. */
  failure(): Error | undefined {
    return this.consumer?.failure();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }
}
