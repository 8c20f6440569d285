import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '../../clock/clock';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from '../../config';
import { ContactsService } from '../../contacts/contacts.service';
import { RenderedMessage } from '../../templates/template-renderer';
import { DestinationRefused, WebhookDestinations } from '../../webhooks/webhook-destinations.service';
import { Delivery } from '../schemas/delivery.schema';
import { ChannelSender } from './channel-sender';
import { postPinned } from './pinned-post';
import { DELIVERY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, webhookSignature } from './webhook-signature';

/**
 * A JSON POST to a unit's own system, signed with the secret it shares with the province. The
 * destination is checked again before each call (it was checked when saved, but a name can
 * resolve elsewhere since) and the connection goes to the address checked.
 */
@Injectable()
export class WebhookSender implements ChannelSender {
  constructor(
    private readonly contacts: ContactsService,
    private readonly destinations: WebhookDestinations,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: Pick<NotificationsConfig, 'WEBHOOK_TIMEOUT_MS'>,
  ) {}

  async send(delivery: Delivery, message: RenderedMessage): Promise<string> {
    const contact = delivery.contactId ? await this.contacts.byId(delivery.contactId) : null;
    if (!contact?.webhook) throw new Error(`contact ${delivery.contactId} has no webhook any more`);
    const { url, secret } = contact.webhook;
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
    const destination = await this.destinations.check(url).catch((error: unknown) => {
      throw error instanceof DestinationRefused ? new Error(`${url} was not called: ${error.en}`) : error;
    });
    const headers = { 'content-type': 'application/json; charset=utf-8', [DELIVERY_HEADER]: delivery._id, [TIMESTAMP_HEADER]: String(timestamp), [SIGNATURE_HEADER]: webhookSignature(secret, timestamp, body) };
    const status = await postPinned(destination, headers, body, this.config.WEBHOOK_TIMEOUT_MS);
    const answer = `HTTP ${status}`;
    // A redirect could lead anywhere, a private address included: the unit fixes its URL instead.
    if (status >= 300 && status < 400) throw new Error(`${url} answered ${answer}; redirects are not followed`);
    if (status < 200 || status >= 300) throw new Error(`${url} answered ${answer}`);
    return answer;
  }
}
