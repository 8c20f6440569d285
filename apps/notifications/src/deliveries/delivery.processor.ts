import { Process, Processor } from '@nestjs/bull';
import { Inject, Logger } from '@nestjs/common';
import { isWithinWorkingHours, nextSendingTime, WorkingHours } from '@dtp/domain';
import { WorkingCalendars } from '@dtp/messaging';
import { Job } from 'bull';
import { CalendarService } from '../calendar/calendar.service';
import { CLOCK, Clock } from '../clock/clock';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from '../config';
import { TemplateRenderer } from '../templates/template-renderer';
import { WORKING_HOURS } from '../working-time';
import { ChannelSender } from './channels/channel-sender';
import { EmailSender } from './channels/email.sender';
import { InboxSender } from './channels/inbox.sender';
import { WebhookSender } from './channels/webhook.sender';
import { DeliveriesService } from './deliveries.service';
import { Queues, SendJob } from './queues';
import { Channel, Delivery } from './schemas/delivery.schema';

interface DigestItem {
  obligationId: string;
}

/**
 * Sends one delivery: only inside office hours, only while its report is still owed, each
 * attempt claimed first so no two workers send it. A failed attempt is thrown back to bull,
 * which retries it with exponential backoff until the last attempt fails it for good.
 */
@Processor(Queues.Deliveries)
export class DeliveryProcessor {
  private readonly logger = new Logger(DeliveryProcessor.name);
  private readonly senders: Record<Channel, ChannelSender>;

  constructor(
    private readonly deliveries: DeliveriesService,
    private readonly calendar: CalendarService,
    private readonly renderer: TemplateRenderer,
    email: EmailSender,
    webhook: WebhookSender,
    inbox: InboxSender,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly calendars: WorkingCalendars,
    @Inject(WORKING_HOURS) private readonly hours: WorkingHours,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: Pick<NotificationsConfig, 'DELIVERY_ATTEMPTS'>,
  ) {
    this.senders = { email, webhook, inbox };
  }

  @Process({ concurrency: 4 })
  async handle(job: Job<SendJob>): Promise<void> {
    await this.send(job.data.deliveryId);
  }

  /** What a job does; returns what happened, for the log and the tests. */
  async send(deliveryId: string): Promise<'sent' | 'skipped' | 'postponed' | 'cancelled' | 'failed'> {
    const now = this.clock.now();
    const delivery = await this.deliveries.get(deliveryId);
    if (!delivery || delivery.state !== 'scheduled' || delivery.sendAt.getTime() > now.getTime()) return 'skipped';
    const working = await this.calendars.of(delivery.provinceCode);
    if (!isWithinWorkingHours(now, this.hours, working)) {
      await this.deliveries.postpone(delivery._id, nextSendingTime(now, this.hours, working));
      return 'postponed';
    }
    const variables = await this.stillOwed(delivery);
    if (!variables) {
      await this.deliveries.cancel(delivery._id, 'the report was received', now);
      return 'cancelled';
    }
    const n = await this.deliveries.claimAttempt(delivery, now);
    if (n === undefined) return 'skipped';
    try {
      const detail = await this.senders[delivery.channel].send({ ...delivery, variables }, this.renderer.render(delivery.notice, variables));
      await this.deliveries.delivered(delivery._id, n, detail, this.clock.now());
      this.logger.log({ msg: 'delivered', deliveryId, channel: delivery.channel, attempt: n });
      return 'sent';
    } catch (error) {
      const final = n >= this.config.DELIVERY_ATTEMPTS;
      const reason = (error as Error).message;
      await this.deliveries.attemptFailed(delivery._id, n, reason, final, this.clock.now());
      this.logger.warn({ msg: final ? 'delivery failed for good' : 'delivery attempt failed', deliveryId, channel: delivery.channel, attempt: n, reason });
      if (final) return 'failed';
      throw error;
    }
  }

  /** The variables to send with, or undefined when nothing it reminds of is owed any more. */
  private async stillOwed(delivery: Delivery): Promise<Record<string, unknown> | undefined> {
    if (delivery.obligationIds.length === 0) return delivery.variables;
    const pending = new Set((await this.calendar.pendingAmong(delivery.obligationIds)).map((o) => o._id));
    if (pending.size === 0) return undefined;
    if (delivery.notice !== 'digest') return delivery.variables;
    // A digest lists only what is still owed when it leaves.
    const items = (delivery.variables['items'] as DigestItem[]).filter((i) => pending.has(i.obligationId));
    return { ...delivery.variables, items, count: items.length };
  }
}
