import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { Queues } from '../queues/queues';
import { ObligationProcessor } from './obligation.processor';
import { SubmissionConsumer } from './submission.consumer';

const obligationsQueue = BullModule.registerQueue({ name: Queues.Obligations });

@Module({
  imports: [obligationsQueue],
  exports: [obligationsQueue],
  controllers: [SubmissionConsumer],
  providers: [ObligationProcessor],
})
export class ObligationsModule {}
