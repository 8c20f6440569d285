import { BullModule } from '@nestjs/bull';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { DeadLettersModule, KnownWorkingCalendarsModule, redisQueueReadiness, serviceInfrastructure, UnitsDirectoryModule } from '@dtp/messaging';
import { officialsGuardProviders } from '@dtp/platform';
import { CalendarModule } from './calendar/calendar.module';
import { CLOCK, Clock, systemClock } from './clock/clock';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from './config';
import { ContactsModule } from './contacts/contacts.module';
import { DeliveriesModule } from './deliveries/deliveries.module';
import { Queues } from './deliveries/queues';
import { DirectoryModule } from './directory/directory.module';
import { InboxModule } from './inbox/inbox.module';
import { NoticesModule } from './notices/notices.module';
import { RemindersModule } from './reminders/reminders.module';
import { ReminderRulesModule } from './rules/reminder-rules.module';
import { TemplatesModule } from './templates/templates.module';
import { WORKING_HOURS } from './working-time';

export const SERVICE_NAME = 'notifications';

/** The settings, the clock and the office hours, for every module. */
@Global()
@Module({})
class NotificationsCoreModule {
  static forRoot(config: NotificationsConfig, clock: Clock): DynamicModule {
    const providers = [
      { provide: NOTIFICATIONS_CONFIG, useValue: config },
      { provide: CLOCK, useValue: clock },
      { provide: WORKING_HOURS, useValue: config.WORKING_HOURS },
    ];
    return { module: NotificationsCoreModule, providers, exports: providers.map((p) => p.provide) };
  }
}

@Module({})
export class AppModule {
  /** `clock`: tests set the time; the service runs on the system's. */
  static forRoot(config: NotificationsConfig, clock: Clock = systemClock): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...serviceInfrastructure({
          service: SERVICE_NAME,
          env: config,
          readiness: redisQueueReadiness(DeliveriesModule, Queues.Deliveries),
        }),
        NotificationsCoreModule.forRoot(config, clock),
        // Each province's working days: shipped data, the env's extra days, the province's changes from reports.
        KnownWorkingCalendarsModule.register({ holidays: config.PUBLIC_HOLIDAYS, workingWeekendDays: config.WORKING_WEEKEND_DAYS }),
        BullModule.forRoot({ redis: config.REDIS_URL, prefix: config.QUEUE_PREFIX }),
        TemplatesModule,
        // The units, from the indicators service (libs/messaging, shared with reports).
        UnitsDirectoryModule.register({ ...(config.INDICATORS_URL ? { indicatorsUrl: config.INDICATORS_URL } : {}) }),
        DirectoryModule,
        CalendarModule,
        ContactsModule,
        ReminderRulesModule,
        InboxModule,
        DeliveriesModule,
        RemindersModule,
        NoticesModule,
        DeadLettersModule,
      ],
      providers: [
        // Verification only: tokens are issued by the reports service.
        ...officialsGuardProviders(config.JWT_SECRET),
      ],
    };
  }
}
