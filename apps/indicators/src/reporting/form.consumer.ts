import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload } from '@nestjs/microservices';
import { ReportForm } from '@dtp/contracts';
import { consumedMessage, EnvelopeConsumer, KnownFormsService } from '@dtp/messaging';

/** Learns the province's report forms from the reports service. */
@Controller()
export class FormConsumer {
  constructor(
    private readonly consumer: EnvelopeConsumer,
    private readonly forms: KnownFormsService,
  ) {}

  @EventPattern(ReportForm.TOPIC)
  async onForm(@Payload() payload: unknown, @Ctx() context: KafkaContext): Promise<void> {
    await this.consumer.consume(consumedMessage(context, payload), ReportForm.Envelope, (event) => this.forms.apply(event as ReportForm.Envelope));
  }
}
