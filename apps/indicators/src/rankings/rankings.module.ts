import { Module } from '@nestjs/common';
import { AggregationModule } from '../aggregation/aggregation.module';
import { RankingsController } from './rankings.controller';

@Module({ imports: [AggregationModule], controllers: [RankingsController] })
export class RankingsModule {}
