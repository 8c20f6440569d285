import { DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { workingCalendar } from '@dtp/domain';
import { FormsController } from './forms.controller';
import { FormOutboxRelay } from './form-outbox.relay';
import { FormsService, WORKING_CALENDAR } from './forms.service';
import { ReportForm, ReportFormSchema } from './schemas/report-form.schema';

@Module({})
export class FormsModule {
  static register(calendar: { holidays: string[]; workingWeekendDays: string[] }): DynamicModule {
    return {
      module: FormsModule,
      imports: [MongooseModule.forFeature([{ name: ReportForm.name, schema: ReportFormSchema }])],
      controllers: [FormsController],
      providers: [FormsService, FormOutboxRelay, { provide: WORKING_CALENDAR, useValue: workingCalendar(calendar.holidays, calendar.workingWeekendDays) }],
      exports: [FormsService],
    };
  }
}
