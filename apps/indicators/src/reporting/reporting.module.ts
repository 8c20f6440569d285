import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AggregationModule } from '../aggregation/aggregation.module';
import { UnitsModule } from '../units/units.module';
import { FormConsumer } from './form.consumer';
import { KnownFormsService } from './known-forms.service';
import { ReportingRatesController } from './reporting-rates.controller';
import { KnownForm, KnownFormSchema } from './schemas/known-form.schema';

@Module({
  imports: [MongooseModule.forFeature([{ name: KnownForm.name, schema: KnownFormSchema }]), AggregationModule, UnitsModule],
  controllers: [ReportingRatesController, FormConsumer],
  providers: [KnownFormsService],
  exports: [KnownFormsService],
})
export class ReportingModule {}
