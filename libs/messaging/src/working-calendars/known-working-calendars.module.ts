import { DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { KnownWorkingCalendar, KnownWorkingCalendarSchema } from './known-working-calendar.schema';
import { KnownWorkingCalendars } from './known-working-calendars.service';
import { DEPLOYMENT_DAYS, DeploymentDays, WorkingCalendars } from './working-calendars';

/**
 * The provinces' working calendars for a service that does not own them (global): its own copy
 * (`known_working_calendars`), kept by a consumer of `reports.working-calendar.v1`, and
 * `WorkingCalendars` to compute with.
 */
@Module({})
export class KnownWorkingCalendarsModule {
  static register(extra: DeploymentDays): DynamicModule {
    return {
      module: KnownWorkingCalendarsModule,
      global: true,
      imports: [MongooseModule.forFeature([{ name: KnownWorkingCalendar.name, schema: KnownWorkingCalendarSchema }])],
      providers: [KnownWorkingCalendars, { provide: DEPLOYMENT_DAYS, useValue: extra }, { provide: WorkingCalendars, useExisting: KnownWorkingCalendars }],
      exports: [KnownWorkingCalendars, WorkingCalendars],
    };
  }
}
