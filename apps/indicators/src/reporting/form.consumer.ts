import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload } from '@nestjs/microservices';
import { ReportForm } from '@dtp/contracts';
import { consumedMessage, EnvelopeConsumer, KnownFormsService } from '@dtp/messaging';
import { IndicatorCatalogService } from '../catalog/indicator-catalog.service';
import { CATALOG_GENERATION, FoldGenerations } from '../read-models/fold-generations.service';

/** Learns the province's report forms from the reports service. */
@Controller()
export class FormConsumer {
  constructor(
    private readonly consumer: EnvelopeConsumer,
    private readonly forms: KnownFormsService,
    private readonly generations: FoldGenerations,
    private readonly catalog: IndicatorCatalogService,
  ) {}

  @EventPattern(ReportForm.TOPIC)
  async onForm(@Payload() payload: unknown, @Ctx() context: KafkaContext): Promise<void> {
    await this.consumer.consume(consumedMessage(context, payload), ReportForm.Envelope, async (event) => {
      await this.forms.apply(event as ReportForm.Envelope);
      await this.catalog.adoptFormIndicators((event as ReportForm.Envelope).data);
      // Reporting rates read the form (levels, calendar, own cut-off): cached views computed before are stale.
      await this.generations.bump(CATALOG_GENERATION);
    });
  }
}
