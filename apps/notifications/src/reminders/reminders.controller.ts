import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { ApiProblemResponses, assertOfficialProvince, CurrentOfficial, OfficialPrincipal, refusal, Roles } from '@dtp/platform';
import { nextSendingTime, WorkingHours } from '@dtp/domain';
import { WorkingCalendars } from '@dtp/messaging';
import { CalendarService } from '../calendar/calendar.service';
import { obligationIdOf, PENDING_STATUSES } from '../calendar/schemas/obligation.schema';
import { CLOCK, Clock } from '../clock/clock';
import { DeliveriesService, NewDelivery } from '../deliveries/deliveries.service';
import { DispatcherService } from '../deliveries/dispatcher.service';
import { WORKING_HOURS } from '../working-time';
import { ReminderPlanner } from './reminder-planner.service';

const CODE = /^[A-Za-z0-9_-]{1,64}$/;

export class SendReminderDto {
  @ApiProperty({ example: '20' })
  @Matches(CODE)
  provinceCode!: string;

  @ApiProperty({ example: '180' })
  @Matches(CODE)
  unitCode!: string;

  @ApiProperty({ example: 'CDS-Q' })
  @Matches(CODE)
  formCode!: string;

  @ApiProperty({ example: '2024Q4' })
  @Matches(/^[0-9NSQ_]{4,17}$/)
  period!: string;
}

@ApiTags('reminders')
@ApiBearerAuth()
@Controller('api/v1/reminders')
export class RemindersController {
  constructor(
    private readonly calendar: CalendarService,
    private readonly planner: ReminderPlanner,
    private readonly deliveries: DeliveriesService,
    private readonly dispatcher: DispatcherService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly calendars: WorkingCalendars,
    @Inject(WORKING_HOURS) private readonly hours: WorkingHours,
  ) {}

  @Post('send-now')
  @HttpCode(202)
  @Roles('admin', 'reviewer')
  @ApiOperation({ summary: 'Remind a unit of a report it still owes, now (or at the next opening of office hours) (admin, reviewer)' })
  @ApiOkResponse({ schema: { example: { deliveries: ['manual:20:180:CDS-Q:2024Q4:1734400000000:inbox'], sendAt: '2024-12-17T01:00:00.000Z' } } })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  async sendNow(@Body() dto: SendReminderDto, @CurrentOfficial() official: OfficialPrincipal) {
    assertOfficialProvince(official, dto.provinceCode);
    const obligation = await this.calendar.get(obligationIdOf(dto));
    if (!obligation) throw refusal(404, 'not-found', `unit ${dto.unitCode} owes no report ${dto.formCode} for ${dto.period} in the calendar`, `lịch báo cáo không có báo cáo ${dto.formCode} kỳ ${dto.period} của đơn vị ${dto.unitCode}`);
    if (!PENDING_STATUSES.includes(obligation.status)) throw refusal(409, 'already-reported', `the report is already ${obligation.status}`, 'đơn vị đã gửi báo cáo này');
    const now = this.clock.now();
    const sendAt = nextSendingTime(now, this.hours, await this.calendars.of(obligation.provinceCode));
    const recipient = await this.planner.recipientOf(obligation, 'on-deadline', { daysBefore: [], onDeadline: true, daysAfter: [], escalateTo: 'parent', sendTime: '08:00' });
    const variables = { ...(await this.planner.obligationVariables(obligation)), recipientName: recipient.name, requestedBy: official.username };
    const id = `manual:${obligation._id}:${now.getTime()}`;
    const base = { provinceCode: obligation.provinceCode, unitCode: obligation.unitCode, formCode: obligation.formCode, period: obligation.period, obligationIds: [obligation._id], notice: 'manual-reminder' as const, variables, sendAt };
    const items: NewDelivery[] = [{ ...base, _id: `${id}:inbox`, channel: 'inbox', recipient: `unit:${obligation.provinceCode}:${obligation.unitCode}`, inboxOwner: recipient.inbox }];
    if (recipient.contact?.webhook) items.push({ ...base, _id: `${id}:webhook`, channel: 'webhook', recipient: recipient.contact.webhook.url, contactId: recipient.contact._id });
    if (recipient.contact && recipient.contact.emails.length > 0) items.push({ ...base, _id: `${id}:email`, channel: 'email', recipient: recipient.contact.emails.join(', '), contactId: recipient.contact._id });
    const deliveries = await this.deliveries.schedule(items, now);
    await this.dispatcher.dispatch(now);
    return { deliveries, sendAt };
  }
}
