import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CalendarModule } from '../calendar/calendar.module';
import { ContactsModule } from '../contacts/contacts.module';
import { DeliveriesModule } from '../deliveries/deliveries.module';
import { Queues } from '../deliveries/queues';
import { DirectoryModule } from '../directory/directory.module';
import { ReminderRulesModule } from '../rules/reminder-rules.module';
import { ReminderPlanner } from './reminder-planner.service';
import { ReminderScheduler, ScheduleProcessor } from './reminder-scheduler';
import { RemindersController } from './reminders.controller';
import { IssuedReminder, IssuedReminderSchema } from './schemas/issued-reminder.schema';

const scheduleQueue = BullModule.registerQueue({ name: Queues.Schedule });

@Module({
  imports: [MongooseModule.forFeature([{ name: IssuedReminder.name, schema: IssuedReminderSchema }]), scheduleQueue, CalendarModule, ContactsModule, DeliveriesModule, DirectoryModule, ReminderRulesModule],
  controllers: [RemindersController],
  providers: [ReminderPlanner, ReminderScheduler, ScheduleProcessor],
  exports: [ReminderPlanner, scheduleQueue],
})
export class RemindersModule {}
