import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ReportSubmission } from '@dtp/contracts';
import { EnvelopeBatchConsumer, EnvelopeConsumer, KafkaSettings } from '@dtp/messaging';
import { AggregationService } from './aggregation.service';

/** The consumer group of the fold: its own, so it reads `reports.submission.v1` in batches apart from the catalog consumers. */
export const foldGroupOf = (groupId: string): string => `${groupId}-fold`;

/**
 * Kafka entry point of the aggregation: `reports.submission.v1` in batches, keyed by province, so
 * the member that owns a partition is the one writer of its provinces' aggregates (docs/adr/0007).
 */
@Injectable()
export class SubmissionConsumer implements OnApplicationShutdown {
  private consumer?: EnvelopeBatchConsumer<ReportSubmission.Envelope>;

  constructor(
    private readonly envelopes: EnvelopeConsumer,
    private readonly aggregation: AggregationService,
  ) {}

  async start(settings: KafkaSettings, groupId: string): Promise<void> {
    this.consumer = new EnvelopeBatchConsumer(settings, this.envelopes, {
      topic: ReportSubmission.TOPIC,
      groupId: foldGroupOf(groupId),
      schema: ReportSubmission.Envelope as never,
      handle: (events) => this.aggregation.applyBatch(events),
      // A batch of 200 reports folds in a few seconds on the local store: well inside the
      // consumer's 30 s session, so a slow batch never costs the partition.
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
