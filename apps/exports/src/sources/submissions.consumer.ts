import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload } from '@nestjs/microservices';
import { ReportSubmission } from '@dtp/contracts';
import { consumedMessage, EnvelopeConsumer } from '@dtp/messaging';
import { SubmissionCopiesService } from './submission-copies.service';

@Controller()
export class SubmissionsConsumer {
  constructor(
    private readonly consumer: EnvelopeConsumer,
    private readonly copies: SubmissionCopiesService,
  ) {}

  @EventPattern(ReportSubmission.TOPIC)
  async onSubmission(@Payload() payload: unknown, @Ctx() context: KafkaContext): Promise<void> {
    await this.consumer.consume(consumedMessage(context, payload), ReportSubmission.Envelope, async (event) => {
      await this.copies.apply((event as ReportSubmission.Envelope).data);
    });
  }
}
