import { Module } from '@nestjs/common';
import { AggregationModule } from '../aggregation/aggregation.module';
import { CatalogModule } from '../catalog/catalog.module';
import { ReadModelsModule } from '../read-models/read-models.module';
import { UnitsModule } from '../units/units.module';
import { RankingsController } from './rankings.controller';

@Module({ imports: [AggregationModule, UnitsModule, CatalogModule, ReadModelsModule], controllers: [RankingsController] })
export class RankingsModule {}
