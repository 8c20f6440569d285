import { Controller, Logger } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload } from '@nestjs/microservices';
import { Scorecard } from '@dtp/contracts';
import { consumedMessage, EnvelopeConsumer } from '@dtp/messaging';

/**
 * Follows scorecard changes. For now it logs them; the exports issue keeps a snapshot here so
 * export jobs can tell whether a file is stale.
 */
@Controller()
export class ScorecardConsumer {
  private readonly logger = new Logger(ScorecardConsumer.name);

  constructor(private readonly consumer: EnvelopeConsumer) {}

  @EventPattern(Scorecard.TOPIC)
  async onScorecard(@Payload() payload: unknown, @Ctx() context: KafkaContext): Promise<void> {
    await this.consumer.consume(consumedMessage(context, payload), Scorecard.Envelope, async (event) => {
      const s = (event as Scorecard.Envelope).data;
      this.logger.log({ msg: 'scorecard changed', eventId: event.id, ...s });
    });
  }
}
