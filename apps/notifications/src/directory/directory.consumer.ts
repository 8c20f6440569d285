import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload } from '@nestjs/microservices';
import { Catalog, ReportForm } from '@dtp/contracts';
import { consumedMessage, EnvelopeConsumer, KnownFormsService } from '@dtp/messaging';
import { UnitsDirectory } from '@dtp/messaging';

/** Learns the forms from reports and the units from indicators. */
@Controller()
export class DirectoryConsumer {
  constructor(
    private readonly consumer: EnvelopeConsumer,
    private readonly forms: KnownFormsService,
    private readonly units: UnitsDirectory,
  ) {}

  @EventPattern(ReportForm.TOPIC)
  async onForm(@Payload() payload: unknown, @Ctx() context: KafkaContext): Promise<void> {
    await this.consumer.consume(consumedMessage(context, payload), ReportForm.Envelope, (event) => this.forms.apply(event as ReportForm.Envelope));
  }

  @EventPattern(Catalog.TOPIC)
  async onCatalog(@Payload() payload: unknown, @Ctx() context: KafkaContext): Promise<void> {
    await this.consumer.consume(consumedMessage(context, payload), Catalog.Envelope, async (event) => {
      if ((event as Catalog.Envelope).data.kind === 'units-imported') await this.units.reload();
    });
  }
}
