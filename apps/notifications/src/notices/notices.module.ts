import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CalendarModule } from '../calendar/calendar.module';
import { DeliveriesModule } from '../deliveries/deliveries.module';
import { DirectoryModule } from '../directory/directory.module';
import { RemindersModule } from '../reminders/reminders.module';
import { NoticesConsumer } from './notices.consumer';
import { NoticesService } from './notices.service';
import { Subscription, SubscriptionSchema } from './schemas/subscription.schema';
import { SubscribersService } from './subscribers.service';
import { SubscriptionsController } from './subscriptions.controller';
import { SubmissionsConsumer } from './submissions.consumer';

@Module({
  imports: [MongooseModule.forFeature([{ name: Subscription.name, schema: SubscriptionSchema }]), CalendarModule, DeliveriesModule, DirectoryModule, RemindersModule],
  controllers: [NoticesConsumer, SubscriptionsController],
  providers: [NoticesService, SubscribersService, SubmissionsConsumer],
  exports: [SubmissionsConsumer],
})
export class NoticesModule {}
