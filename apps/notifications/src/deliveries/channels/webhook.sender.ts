import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '../../clock/clock';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from '../../config';
import { ContactsService } from '../../contacts/contacts.service';
import { RenderedMessage } from '../../templates/template-renderer';
import { Delivery } from '../schemas/delivery.schema';
import { ChannelSender } from './channel-sender';
import { DELIVERY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, webhookSignature } from './webhook-signature';

/** A JSON POST to a unit's own system, signed with the secret it shares with the province. */
@Injectable()
export class WebhookSender implements ChannelSender {
  constructor(
    private readonly contacts: ContactsService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: Pick<NotificationsConfig, 'WEBHOOK_TIMEOUT_MS'>,
  ) {}

  async send(delivery: Delivery, message: RenderedMessage): Promise<string> {
    const contact = delivery.contactId ? await this.contacts.byId(delivery.contactId) : null;
    if (!contact?.webhook) throw new Error(`contact ${delivery.contactId} has no webhook any more`);
    const timestamp = Math.floor(this.clock.now().getTime() / 1000);
    const body = JSON.stringify({
      id: delivery._id,
      notice: delivery.notice,
      provinceCode: delivery.provinceCode,
      unitCode: delivery.unitCode ?? null,
      formCode: delivery.formCode ?? null,
      period: delivery.period ?? null,
      subject: message.subject,
      text: message.text,
      data: delivery.variables,
    });
    const response = await fetch(contact.webhook.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', [DELIVERY_HEADER]: delivery._id, [TIMESTAMP_HEADER]: String(timestamp), [SIGNATURE_HEADER]: webhookSignature(contact.webhook.secret, timestamp, body) },
      body,
      signal: AbortSignal.timeout(this.config.WEBHOOK_TIMEOUT_MS),
    });
    const answer = `HTTP ${response.status}`;
    await response.body?.cancel();
    if (!response.ok) throw new Error(`${contact.webhook.url} answered ${answer}`);
    return answer;
  }
}
