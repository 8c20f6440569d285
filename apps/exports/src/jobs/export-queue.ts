import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Job, Queue } from 'bull';
import { EXPORTS_CONFIG, ExportsConfig } from '../config';
import { ExportJobsService } from './export-jobs.service';
import { ExportRunner } from './export-runner';
import { ExportWork, Queues } from './queues';

/**
 * Hands exports to bull and works them off, EXPORT_CONCURRENCY at a time per instance. The job id
 * is the export's id, so adding one twice (a restart, a Redis that came back empty and was
 * refilled from MongoDB) is still one export.
 */
@Injectable()
export class ExportQueue implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ExportQueue.name);

  constructor(
    @InjectQueue(Queues.Exports) private readonly queue: Queue<ExportWork>,
    private readonly runner: ExportRunner,
    private readonly jobs: ExportJobsService,
    @Inject(EXPORTS_CONFIG) private readonly config: Pick<ExportsConfig, 'EXPORT_CONCURRENCY' | 'EXPORT_ATTEMPTS'>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    void this.queue.process(this.config.EXPORT_CONCURRENCY, (job: Job<ExportWork>) => this.runner.run(job.data.exportId, job.attemptsMade + 1 >= this.config.EXPORT_ATTEMPTS));
    await this.requeueUnfinished();
    this.queue.client.on('ready', () => void this.requeueUnfinished().catch((error: Error) => this.logger.error(`unfinished exports not queued again: ${error.message}`)));
  }

  async enqueue(exportId: string): Promise<void> {
    await this.queue.add({ exportId }, { jobId: exportId, attempts: this.config.EXPORT_ATTEMPTS, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: 100, removeOnFail: 100 });
  }

  /** MongoDB says what is owed; Redis only holds the work in hand. */
  private async requeueUnfinished(): Promise<void> {
    for (const id of await this.jobs.unfinished()) await this.enqueue(id);
  }

  async onModuleDestroy(): Promise<void> {
    // Lets the exports in hand finish (bull waits for active jobs), then stops taking new ones.
    await this.queue.close();
  }
}
