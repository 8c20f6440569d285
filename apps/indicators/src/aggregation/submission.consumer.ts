import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload } from '@nestjs/microservices';
import { ReportSubmission } from '@dtp/contracts';
import { consumedMessage, EnvelopeConsumer } from '@dtp/messaging';
import { AggregationService } from './aggregation.service';

/** Kafka entry point of the aggregation capability; the HTTP side is AggregatesController. */
@Controller()
export class SubmissionConsumer {
  constructor(
    private readonly consumer: EnvelopeConsumer,
    private readonly aggregation: AggregationService,
  ) {}

  @EventPattern(ReportSubmission.TOPIC)
  async onSubmission(@Payload() payload: unknown, @Ctx() context: KafkaContext): Promise<void> {
    await this.consumer.consume(consumedMessage(context, payload), ReportSubmission.Envelope, (event) =>
      this.aggregation.applySubmission(event as ReportSubmission.Envelope),
    );
  }
}
