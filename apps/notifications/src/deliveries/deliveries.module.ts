import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CalendarModule } from '../calendar/calendar.module';
import { ContactsModule } from '../contacts/contacts.module';
import { InboxModule } from '../inbox/inbox.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { EmailSender } from './channels/email.sender';
import { InboxSender } from './channels/inbox.sender';
import { WebhookSender } from './channels/webhook.sender';
import { DeliveriesController } from './deliveries.controller';
import { DeliveriesService } from './deliveries.service';
import { DeliveryProcessor } from './delivery.processor';
import { DispatcherService } from './dispatcher.service';
import { Queues } from './queues';
import { DeliveryAttempt, DeliveryAttemptSchema } from './schemas/delivery-attempt.schema';
import { Delivery, DeliverySchema } from './schemas/delivery.schema';

const deliveriesQueue = BullModule.registerQueue({ name: Queues.Deliveries });

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Delivery.name, schema: DeliverySchema },
      { name: DeliveryAttempt.name, schema: DeliveryAttemptSchema },
    ]),
    deliveriesQueue,
    CalendarModule,
    ContactsModule,
    InboxModule,
    WebhooksModule,
  ],
  controllers: [DeliveriesController],
  providers: [DeliveriesService, DispatcherService, DeliveryProcessor, EmailSender, WebhookSender, InboxSender],
  exports: [DeliveriesService, DispatcherService, DeliveryProcessor, deliveriesQueue],
})
export class DeliveriesModule {}
