import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from '../../config';
import { RenderedMessage } from '../../templates/template-renderer';
import { Delivery } from '../schemas/delivery.schema';
import { ChannelSender } from './channel-sender';

/** E-mail over SMTP (nodemailer), HTML with a plain-text part. */
@Injectable()
export class EmailSender implements ChannelSender, OnModuleDestroy {
  private readonly transport: Transporter;

  constructor(@Inject(NOTIFICATIONS_CONFIG) private readonly config: Pick<NotificationsConfig, 'SMTP_URL' | 'MAIL_FROM'>) {
    this.transport = createTransport(config.SMTP_URL);
  }

  async send(delivery: Delivery, message: RenderedMessage): Promise<string> {
    const info = await this.transport.sendMail({
      from: this.config.MAIL_FROM,
      to: delivery.recipient,
      subject: message.subject,
      text: message.text,
      html: message.html,
      // Lets a receiving system drop a copy it already has.
      headers: { 'X-DTP-Delivery': delivery._id },
    });
    return String(info.response);
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}
