import { Inject, Injectable, Logger } from '@nestjs/common';
import { ExportJob } from '@dtp/contracts';
import { DocumentsService } from '../documents/documents.service';
import { ExportFailure } from '../documents/export-document';
import { FileStore } from '../storage/file-store';
import { CsvWriter } from '../writers/csv.writer';
import { DocxWriter } from '../writers/docx.writer';
import { FormatWriter } from '../writers/format-writer';
import { PdfWriter } from '../writers/pdf.writer';
import { XlsxWriter } from '../writers/xlsx.writer';
import { EXPORT_CLOCK, ExportClock } from './export-clock';
import { ExportJobsService } from './export-jobs.service';
import { ProgressReporter } from './progress-reporter';

/** Characters a file name cannot carry on Windows or in a header. */
const UNSAFE_IN_FILE_NAME = /[\\/:*?"<>|]|\p{Cc}/gu;

export type RunOutcome = 'completed' | 'failed' | 'skipped';

/** Makes one export's file: gathers, lays out, writes, stores, and records how it went. */
@Injectable()
export class ExportRunner {
  private readonly logger = new Logger(ExportRunner.name);
  private readonly writers: Record<ExportJob.Format, FormatWriter>;

  constructor(
    private readonly jobs: ExportJobsService,
    private readonly documents: DocumentsService,
    private readonly store: FileStore,
    @Inject(EXPORT_CLOCK) private readonly clock: ExportClock,
    xlsx: XlsxWriter,
    csv: CsvWriter,
    pdf: PdfWriter,
    docx: DocxWriter,
  ) {
    this.writers = { xlsx, csv, pdf, docx };
  }

  /**
   * `finalAttempt`: whether an ordinary error ends the job (else it is thrown for bull to retry).
   * An ExportFailure ends it at once: asking again would give the same answer.
   */
  async run(id: string, finalAttempt: boolean): Promise<RunOutcome> {
    if (!(await this.jobs.start(id, this.clock.now()))) return 'skipped';
    const job = await this.jobs.get(id);
    const writer = this.writers[job.format];
    const storageKey = `${id}.${writer.extension}`;
    try {
      const document = await this.documents.build(job.request, this.clock.now());
      const progress = new ProgressReporter(document.expectedRows, (percent) => this.jobs.progress(id, percent));
      const size = await this.store.put(storageKey, (out) => writer.write(document, out, () => progress.row()));
      await progress.flush();
      const fileName = `${document.fileName.replace(UNSAFE_IN_FILE_NAME, '-').normalize('NFC')}.${writer.extension}`;
      await this.jobs.complete(id, { fileName, contentType: writer.contentType, storageKey, size, rows: progress.rows }, this.clock.now());
      this.logger.log({ msg: 'export completed', exportId: id, kind: job.kind, format: job.format, rows: progress.rows, size });
      return 'completed';
    } catch (error) {
      await this.store.remove(storageKey).catch(() => undefined);
      if (error instanceof ExportFailure) {
        await this.jobs.fail(id, error.message, error.messageVi, this.clock.now());
        this.logger.warn({ msg: 'export refused', exportId: id, reason: error.message });
        return 'failed';
      }
      const message = (error as Error).message;
      this.logger.error({ msg: 'export attempt failed', exportId: id, finalAttempt, error: message });
      if (!finalAttempt) throw error;
      // The cause is an English system message: the Vietnamese reason says what to do instead of quoting it.
      await this.jobs.fail(id, `the file could not be made: ${message}`, 'lỗi hệ thống khi tạo tệp; hãy yêu cầu xuất lại', this.clock.now());
      return 'failed';
    }
  }
}
