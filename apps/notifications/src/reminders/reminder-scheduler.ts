import { InjectQueue, Process, Processor } from '@nestjs/bull';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bull';
import { CLOCK, Clock } from '../clock/clock';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from '../config';
import { DispatcherService } from '../deliveries/dispatcher.service';
import { Queues, ScheduleJobs } from '../deliveries/queues';
import { ReminderPlanner } from './reminder-planner.service';

export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/**
 * The repeatable jobs: the planner on a cron in Vietnam's time zone, the dispatcher every few
 * seconds. Bull gives one job per tick whatever the number of instances; registering again
 * (every start, and after Redis comes back empty) is harmless.
 */
@Injectable()
export class ReminderScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReminderScheduler.name);

  constructor(
    @InjectQueue(Queues.Schedule) private readonly queue: Queue,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: Pick<NotificationsConfig, 'PLAN_CRON' | 'DISPATCH_EVERY_MS'>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.register();
    // A Redis that restarted without its data has forgotten the repeatable jobs.
    this.queue.client.on('ready', () => void this.register().catch((error: Error) => this.logger.error(`repeatable jobs not registered again: ${error.message}`)));
  }

  async register(): Promise<void> {
    await this.queue.add(ScheduleJobs.Plan, {}, { repeat: { cron: this.config.PLAN_CRON, tz: VIETNAM_TIME_ZONE }, removeOnComplete: 50, removeOnFail: 50 });
    await this.queue.add(ScheduleJobs.Dispatch, {}, { repeat: { every: this.config.DISPATCH_EVERY_MS }, removeOnComplete: 10, removeOnFail: 50 });
  }
}

@Processor(Queues.Schedule)
export class ScheduleProcessor {
  constructor(
    private readonly planner: ReminderPlanner,
    private readonly dispatcher: DispatcherService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Process(ScheduleJobs.Plan)
  async plan(_job: Job): Promise<unknown> {
    const result = await this.planner.plan(this.clock.now());
    // Today's reminders whose time has already come go out at once.
    await this.dispatcher.dispatch(this.clock.now());
    return result;
  }

  @Process(ScheduleJobs.Dispatch)
  dispatch(_job: Job): Promise<unknown> {
    return this.dispatcher.dispatch(this.clock.now());
  }
}
