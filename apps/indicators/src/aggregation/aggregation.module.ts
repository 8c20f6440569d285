import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AggregateOutboxRelay } from './aggregate-outbox.relay';
import { AppliedOutboxRelay } from './applied-outbox.relay';
import { AggregatesController } from './aggregates.controller';
import { AggregationService } from './aggregation.service';
import { RebuildService } from './rebuild.service';
import { Aggregate, AggregateSchema } from './schemas/aggregate.schema';
import { AppliedSubmission, AppliedSubmissionSchema } from './schemas/applied-submission.schema';
import { SubmissionConsumer } from './submission.consumer';
import { ProgrammesModule } from '../programmes/programmes.module';
import { UnitsModule } from '../units/units.module';

@Module({
  imports: [
    UnitsModule,
    ProgrammesModule,
    MongooseModule.forFeature([
      { name: Aggregate.name, schema: AggregateSchema },
      { name: AppliedSubmission.name, schema: AppliedSubmissionSchema },
    ]),
  ],
  controllers: [AggregatesController, SubmissionConsumer],
  providers: [AggregationService, AggregateOutboxRelay, AppliedOutboxRelay, RebuildService],
  exports: [RebuildService, AggregationService],
})
export class AggregationModule {}
