import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ReadModelsModule } from '../read-models/read-models.module';
import { IndicatorCatalogController } from './indicator-catalog.controller';
import { IndicatorCatalogService } from './indicator-catalog.service';
import { IndicatorOutboxRelay } from './indicator-outbox.relay';
import { IndicatorDefinitionRecord, IndicatorDefinitionSchema } from './schemas/indicator-definition.schema';

@Module({
  imports: [ReadModelsModule, MongooseModule.forFeature([{ name: IndicatorDefinitionRecord.name, schema: IndicatorDefinitionSchema }])],
  controllers: [IndicatorCatalogController],
  providers: [IndicatorCatalogService, IndicatorOutboxRelay],
  exports: [IndicatorCatalogService],
})
export class CatalogModule {}
