import { Module } from '@nestjs/common';
import { KnownFormsModule } from '@dtp/messaging';
import { AggregationModule } from '../aggregation/aggregation.module';
import { CatalogModule } from '../catalog/catalog.module';
import { ReadModelsModule } from '../read-models/read-models.module';
import { UnitsModule } from '../units/units.module';
import { FormConsumer } from './form.consumer';
import { ReportingRatesController } from './reporting-rates.controller';

@Module({
  imports: [KnownFormsModule, AggregationModule, CatalogModule, UnitsModule, ReadModelsModule],
  controllers: [ReportingRatesController, FormConsumer],
  exports: [KnownFormsModule],
})
export class ReportingModule {}
