import { Module } from '@nestjs/common';
import { AggregationModule } from '../aggregation/aggregation.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { ScorecardsController } from './scorecards.controller';
import { ScorecardsService } from './scorecards.service';

@Module({
  imports: [AggregationModule, ProgrammesModule],
  controllers: [ScorecardsController],
  providers: [ScorecardsService],
})
export class ScorecardsModule {}
