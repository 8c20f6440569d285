import { DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { FormsController } from './forms.controller';
import { FormOutboxRelay } from './form-outbox.relay';
import { FormsService } from './forms.service';
import { ReportForm, ReportFormSchema } from './schemas/report-form.schema';

@Module({})
export class FormsModule {
  static register(): DynamicModule {
    return {
      module: FormsModule,
      imports: [MongooseModule.forFeature([{ name: ReportForm.name, schema: ReportFormSchema }])],
      controllers: [FormsController],
      providers: [FormsService, FormOutboxRelay],
      exports: [FormsService],
    };
  }
}
