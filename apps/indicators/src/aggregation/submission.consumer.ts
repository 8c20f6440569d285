import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ReportSubmission } from '@dtp/contracts';
import { BatchConsumerOptions, BatchConsumerProvider, EnvelopeConsumer } from '@dtp/messaging';
import { AggregationService } from './aggregation.service';

/** The consumer group of the fold: its own, so it reads `reports.submission.v1` in batches apart from the catalog consumers. */
export const foldGroupOf = (groupId: string): string => `${groupId}-fold`;

/**
 * Kafka entry point of the aggregation: `reports.submission.v1` in batches, keyed by province, so
 * the member that owns a partition is the one writer of its provinces' aggregates (docs/adr/0007).
 */
@Injectable()
export class SubmissionConsumer extends BatchConsumerProvider<ReportSubmission.Envelope> implements OnApplicationShutdown {
  constructor(
    envelopes: EnvelopeConsumer,
    private readonly aggregation: AggregationService,
  ) {
    super(envelopes);
  }

  protected optionsFor(groupId: string): BatchConsumerOptions<ReportSubmission.Envelope> {
    return {
      topic: ReportSubmission.TOPIC,
      groupId: foldGroupOf(groupId),
      schema: ReportSubmission.Envelope as never,
      handle: (events) => this.aggregation.applyBatch(events),
      // A batch of 200 reports folds in a few seconds on the local store: well inside the
      // consumer's 30 s session, so a slow batch never costs the partition.
      maxBatch: 200,
    };
  }
}
