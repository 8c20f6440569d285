import { DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DEPLOYMENT_DAYS, DeploymentDays, WorkingCalendars } from '@dtp/messaging';
import { ProvinceCalendar, ProvinceCalendarSchema } from './schemas/province-calendar.schema';
import { WorkingCalendarOutboxRelay } from './working-calendar-outbox.relay';
import { WorkingCalendarController } from './working-calendar.controller';
import { WorkingCalendarService } from './working-calendar.service';

/** The provinces' working calendars, owned here (global): forms and submissions compute with `WorkingCalendars`. */
@Module({})
export class WorkingCalendarModule {
  static register(extra: DeploymentDays): DynamicModule {
    return {
      module: WorkingCalendarModule,
      global: true,
      imports: [MongooseModule.forFeature([{ name: ProvinceCalendar.name, schema: ProvinceCalendarSchema }])],
      controllers: [WorkingCalendarController],
      providers: [WorkingCalendarService, WorkingCalendarOutboxRelay, { provide: DEPLOYMENT_DAYS, useValue: extra }, { provide: WorkingCalendars, useExisting: WorkingCalendarService }],
      exports: [WorkingCalendarService, WorkingCalendars],
    };
  }
}
