import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { IndicatorsClient } from './indicators.client';
import { SubmissionCopiesService } from './submission-copies.service';
import { SubmissionCopy, SubmissionCopySchema } from './schemas/submission-copy.schema';
import { SubmissionsConsumer } from './submissions.consumer';

/** Where exports get their figures: the indicators API, and submissions copied from Kafka. */
@Module({
  imports: [MongooseModule.forFeature([{ name: SubmissionCopy.name, schema: SubmissionCopySchema }])],
  providers: [IndicatorsClient, SubmissionCopiesService, SubmissionsConsumer],
  exports: [IndicatorsClient, SubmissionCopiesService, SubmissionsConsumer],
})
export class SourcesModule {}
