import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable } from '@nestjs/common';
import { Queue } from 'bull';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from '../config';
import { DeliveriesService } from './deliveries.service';
import { Queues, SendJob, sendJobId } from './queues';

const BATCH = 500;

/**
 * Hands every delivery whose time has come to the send queue. MongoDB holds what is to be sent,
 * Redis only the work in hand: after Redis loses its data, the next dispatch puts back what was
 * not sent. Job ids come from the delivery, so two instances dispatching add each job once.
 */
@Injectable()
export class DispatcherService {
  constructor(
    private readonly deliveries: DeliveriesService,
    @InjectQueue(Queues.Deliveries) private readonly queue: Queue<SendJob>,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: Pick<NotificationsConfig, 'DELIVERY_ATTEMPTS' | 'DELIVERY_BACKOFF_MS'>,
  ) {}

  async dispatch(now: Date): Promise<{ queued: number; inDoubt: number }> {
    const inDoubt = await this.deliveries.failInDoubt(now);
    const due = await this.deliveries.due(now, BATCH);
    for (const d of due) {
      await this.queue.add(
        { deliveryId: d._id },
        {
          jobId: sendJobId(d._id, d.sendAt),
          attempts: Math.max(1, this.config.DELIVERY_ATTEMPTS - d.attempts),
          backoff: { type: 'exponential', delay: this.config.DELIVERY_BACKOFF_MS },
          removeOnComplete: true,
          removeOnFail: 1000,
        },
      );
    }
    return { queued: due.length, inDoubt };
  }
}
