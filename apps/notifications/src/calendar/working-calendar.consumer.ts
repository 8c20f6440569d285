import { Controller, Logger } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload } from '@nestjs/microservices';
import { WorkingCalendar } from '@dtp/contracts';
import { consumedMessage, EnvelopeConsumer, KnownWorkingCalendars } from '@dtp/messaging';
import { CalendarService } from './calendar.service';

/** Learns each province's working calendar from reports and moves the deadlines it changes. */
@Controller()
export class WorkingCalendarConsumer {
  private readonly logger = new Logger(WorkingCalendarConsumer.name);

  constructor(
    private readonly consumer: EnvelopeConsumer,
    private readonly calendars: KnownWorkingCalendars,
    private readonly obligations: CalendarService,
  ) {}

  @EventPattern(WorkingCalendar.TOPIC)
  async onCalendar(@Payload() payload: unknown, @Ctx() context: KafkaContext): Promise<void> {
    await this.consumer.consume(consumedMessage(context, payload), WorkingCalendar.Envelope, async (event) => {
      const { provinceCode, version } = (event as WorkingCalendar.Envelope).data;
      // An older version changes nothing; the current one again (a redelivery after a failed recomputation) recomputes.
      if (!(await this.calendars.apply(event as WorkingCalendar.Envelope))) return;
      const changed = await this.obligations.refreshProvince(provinceCode);
      this.logger.log({ msg: 'working calendar applied', provinceCode, version, deadlinesChanged: changed });
    });
  }
}
