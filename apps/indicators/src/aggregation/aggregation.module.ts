import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { FoldNoticesRelay } from './fold-notices.relay';
import { AppliedOutboxRelay } from './applied-outbox.relay';
import { AggregatesController } from './aggregates.controller';
import { AggregationService } from './aggregation.service';
import { RebuildService } from './rebuild.service';
import { UnitAggregate, UnitAggregateSchema } from './schemas/aggregate.schema';
import { FoldJournal, FoldJournalSchema } from './schemas/fold-journal.schema';
import { ReadModelsModule } from '../read-models/read-models.module';
import { AppliedSubmission, AppliedSubmissionSchema } from './schemas/applied-submission.schema';
import { Receipts, ReceiptsSchema } from './schemas/receipts.schema';
import { FoldNotices, FoldNoticesSchema } from './schemas/fold-notices.schema';
import { FoldIndex, FoldIndexSchema } from './schemas/fold-index.schema';
import { SubmissionConsumer } from './submission.consumer';
import { FoldCache } from './fold-cache';
import { AggregateValues } from './aggregate-values.service';
import { SeriesService } from './series.service';
import { CatalogModule } from '../catalog/catalog.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { UnitsModule } from '../units/units.module';

@Module({
  imports: [
    UnitsModule,
    CatalogModule,
    ProgrammesModule,
    ReadModelsModule,
    MongooseModule.forFeature([
      { name: UnitAggregate.name, schema: UnitAggregateSchema },
      { name: AppliedSubmission.name, schema: AppliedSubmissionSchema },
      { name: Receipts.name, schema: ReceiptsSchema },
      { name: FoldNotices.name, schema: FoldNoticesSchema },
      { name: FoldIndex.name, schema: FoldIndexSchema },
      { name: FoldJournal.name, schema: FoldJournalSchema },
    ]),
  ],
  controllers: [AggregatesController],
  providers: [SubmissionConsumer, AggregationService, FoldNoticesRelay, AppliedOutboxRelay, RebuildService, AggregateValues, SeriesService, { provide: FoldCache, useFactory: () => new FoldCache() }],
  exports: [RebuildService, AggregationService, AggregateValues, SubmissionConsumer, ReadModelsModule],
})
export class AggregationModule {}
