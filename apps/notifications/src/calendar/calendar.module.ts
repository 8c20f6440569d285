import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DirectoryModule } from '../directory/directory.module';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';
import { WorkingCalendarConsumer } from './working-calendar.consumer';
import { Obligation, ObligationSchema } from './schemas/obligation.schema';

@Module({
  imports: [MongooseModule.forFeature([{ name: Obligation.name, schema: ObligationSchema }]), DirectoryModule],
  controllers: [CalendarController, WorkingCalendarConsumer],
  providers: [CalendarService],
  exports: [CalendarService],
})
export class CalendarModule {}
