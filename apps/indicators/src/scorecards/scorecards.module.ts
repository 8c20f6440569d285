import { Module } from '@nestjs/common';
import { AggregationModule } from '../aggregation/aggregation.module';
import { ReadModelsModule } from '../read-models/read-models.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { ScorecardsController } from './scorecards.controller';
import { ScorecardsService } from './scorecards.service';

@Module({
  imports: [AggregationModule, ProgrammesModule, ReadModelsModule],
  controllers: [ScorecardsController],
  providers: [ScorecardsService],
})
export class ScorecardsModule {}
