/** The notifications service's bull queues and their jobs. */
export const Queues = {
  /** One job per delivery to send: `{ deliveryId }`. */
  Deliveries: 'deliveries',
  /** The repeatable jobs: the reminder planner and the dispatcher. */
  Schedule: 'schedule',
} as const;

export interface SendJob {
  deliveryId: string;
}

export const ScheduleJobs = { Plan: 'plan', Dispatch: 'dispatch' } as const;

/** Tied to the delivery and its send time: re-adding it (a second instance, a Redis restart) is one job. */
export const sendJobId = (deliveryId: string, sendAt: Date) => `${deliveryId}@${sendAt.getTime()}`;
