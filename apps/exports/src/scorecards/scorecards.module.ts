import { Module } from '@nestjs/common';
import { ScorecardConsumer } from './scorecard.consumer';

@Module({ controllers: [ScorecardConsumer] })
export class ScorecardsModule {}
