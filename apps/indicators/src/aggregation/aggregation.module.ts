import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AggregateOutboxRelay } from './aggregate-outbox.relay';
import { AppliedOutboxRelay } from './applied-outbox.relay';
import { AggregatesController } from './aggregates.controller';
import { AggregationService } from './aggregation.service';
import { RebuildService } from './rebuild.service';
import { UnitAggregate, UnitAggregateSchema } from './schemas/aggregate.schema';
import { ReadModelsModule } from '../read-models/read-models.module';
import { AppliedSubmission, AppliedSubmissionSchema } from './schemas/applied-submission.schema';
import { SubmissionConsumer } from './submission.consumer';
import { ProgrammesModule } from '../programmes/programmes.module';
import { UnitsModule } from '../units/units.module';

@Module({
  imports: [
    UnitsModule,
    ProgrammesModule,
    ReadModelsModule,
    MongooseModule.forFeature([
      { name: UnitAggregate.name, schema: UnitAggregateSchema },
      { name: AppliedSubmission.name, schema: AppliedSubmissionSchema },
    ]),
  ],
  controllers: [AggregatesController],
  providers: [SubmissionConsumer, AggregationService, AggregateOutboxRelay, AppliedOutboxRelay, RebuildService],
  exports: [RebuildService, AggregationService, SubmissionConsumer, ReadModelsModule],
})
export class AggregationModule {}
