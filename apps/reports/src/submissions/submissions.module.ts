import { DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { Submission, SubmissionSchema } from './schemas/submission.schema';
import { SubmissionOutboxRelay } from './submission-outbox.relay';
import { SubmissionsController } from './submissions.controller';
import { SubmissionsService } from './submissions.service';

@Module({})
export class SubmissionsModule {
  static register(forms: DynamicModule): DynamicModule {
    return {
      module: SubmissionsModule,
      imports: [MongooseModule.forFeature([{ name: Submission.name, schema: SubmissionSchema }]), forms],
      controllers: [SubmissionsController],
      providers: [SubmissionsService, SubmissionOutboxRelay],
      exports: [SubmissionsService],
    };
  }
}
