import { Module } from '@nestjs/common';
import { AggregationModule } from '../aggregation/aggregation.module';
import { ReadModelsModule } from '../read-models/read-models.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { UnitsModule } from '../units/units.module';
import { ScorecardsController } from './scorecards.controller';
import { ScorecardsService } from './scorecards.service';

@Module({
  imports: [AggregationModule, ProgrammesModule, ReadModelsModule, UnitsModule],
  controllers: [ScorecardsController],
  providers: [ScorecardsService],
})
export class ScorecardsModule {}
