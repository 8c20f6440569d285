import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DocumentsService } from '../documents/documents.service';
import { SourcesModule } from '../sources/sources.module';
import { FileStore } from '../storage/file-store';
import { CsvWriter } from '../writers/csv.writer';
import { DocxWriter } from '../writers/docx.writer';
import { PdfWriter } from '../writers/pdf.writer';
import { XlsxWriter } from '../writers/xlsx.writer';
import { ExportJobsService } from './export-jobs.service';
import { ExportOutboxRelay } from './export-outbox.relay';
import { ExportQueue } from './export-queue';
import { ExportRunner } from './export-runner';
import { ExportsController } from './exports.controller';
import { Queues } from './queues';
import { RetentionProcessor, RetentionScheduler, RetentionService } from './retention';
import { ExportJobRecord, ExportJobSchema } from './schemas/export-job.schema';

const queues = BullModule.registerQueue({ name: Queues.Exports }, { name: Queues.Housekeeping });

@Module({
  imports: [MongooseModule.forFeature([{ name: ExportJobRecord.name, schema: ExportJobSchema }]), queues, SourcesModule],
  controllers: [ExportsController],
  providers: [
    ExportJobsService,
    ExportOutboxRelay,
    ExportQueue,
    ExportRunner,
    DocumentsService,
    FileStore,
    XlsxWriter,
    CsvWriter,
    PdfWriter,
    DocxWriter,
    RetentionService,
    RetentionScheduler,
    RetentionProcessor,
  ],
  exports: [ExportJobsService, ExportRunner, RetentionService, queues],
})
export class ExportsModule {}
