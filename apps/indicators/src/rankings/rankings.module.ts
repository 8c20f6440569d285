import { Module } from '@nestjs/common';
import { AggregationModule } from '../aggregation/aggregation.module';
import { UnitsModule } from '../units/units.module';
import { RankingsController } from './rankings.controller';

@Module({ imports: [AggregationModule, UnitsModule], controllers: [RankingsController] })
export class RankingsModule {}
