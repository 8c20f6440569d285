import { InjectQueue, Process, Processor } from '@nestjs/bull';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bull';
import { FileStore } from '../storage/file-store';
import { EXPORT_CLOCK, ExportClock } from './export-clock';
import { ExportJobsService } from './export-jobs.service';
import { Queues } from './queues';

const SWEEP = 'sweep';

/** Deletes the files past their retention; their records stay, marked expired, for the record. */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    private readonly jobs: ExportJobsService,
    private readonly store: FileStore,
  ) {}

  async sweep(now: Date): Promise<number> {
    const expired = await this.jobs.expiredBy(now);
    for (const job of expired) {
      if (job.storageKey) await this.store.remove(job.storageKey);
      await this.jobs.markExpired(job._id);
    }
    if (expired.length > 0) this.logger.log({ msg: 'expired exports deleted', count: expired.length });
    return expired.length;
  }
}

/** The sweep runs hourly, once across instances (a bull repeatable job). */
@Injectable()
export class RetentionScheduler implements OnApplicationBootstrap {
  constructor(@InjectQueue(Queues.Housekeeping) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.register();
    this.queue.client.on('ready', () => void this.register().catch(() => undefined));
  }

  private async register(): Promise<void> {
    await this.queue.add(SWEEP, {}, { repeat: { cron: '17 * * * *' }, removeOnComplete: 10, removeOnFail: 50 });
  }
}

@Processor(Queues.Housekeeping)
export class RetentionProcessor {
  constructor(
    private readonly retention: RetentionService,
    @Inject(EXPORT_CLOCK) private readonly clock: ExportClock,
  ) {}

  @Process(SWEEP)
  sweep(): Promise<number> {
    return this.retention.sweep(this.clock.now());
  }
}
