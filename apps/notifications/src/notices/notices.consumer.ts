import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload } from '@nestjs/microservices';
import { ExportJob, Scorecard } from '@dtp/contracts';
import { consumedMessage, EnvelopeConsumer } from '@dtp/messaging';
import { NoticesService } from './notices.service';

@Controller()
export class NoticesConsumer {
  constructor(
    private readonly consumer: EnvelopeConsumer,
    private readonly notices: NoticesService,
  ) {}

  @EventPattern(Scorecard.TOPIC)
  async onScorecard(@Payload() payload: unknown, @Ctx() context: KafkaContext): Promise<void> {
    await this.consumer.consume(consumedMessage(context, payload), Scorecard.Envelope, (event) => this.notices.onScorecard(event as Scorecard.Envelope));
  }

  @EventPattern(ExportJob.TOPIC)
  async onExportJob(@Payload() payload: unknown, @Ctx() context: KafkaContext): Promise<void> {
    await this.consumer.consume(consumedMessage(context, payload), ExportJob.Envelope, (event) => this.notices.onExportFinished(event as ExportJob.Envelope));
  }
}
