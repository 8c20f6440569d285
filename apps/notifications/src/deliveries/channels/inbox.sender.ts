import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '../../clock/clock';
import { InboxService } from '../../inbox/inbox.service';
import { RenderedMessage } from '../../templates/template-renderer';
import { Delivery } from '../schemas/delivery.schema';
import { ChannelSender } from './channel-sender';

/** Puts the notice in the platform's own inbox of a unit or an official. */
@Injectable()
export class InboxSender implements ChannelSender {
  constructor(
    private readonly inbox: InboxService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async send(delivery: Delivery, message: RenderedMessage): Promise<string> {
    if (!delivery.inboxOwner) throw new Error('an inbox delivery without an owner');
    return this.inbox.put({
      _id: delivery._id,
      owner: delivery.inboxOwner,
      notice: delivery.notice,
      subject: message.subject,
      text: message.text,
      createdAt: this.clock.now(),
      ...(delivery.formCode ? { formCode: delivery.formCode } : {}),
      ...(delivery.period ? { period: delivery.period } : {}),
    });
  }
}
