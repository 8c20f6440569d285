/** Every bull queue of the notifications service and the payload of its jobs, in one place. */
export const Queues = {
  Obligations: 'obligations',
} as const;

/** A submission changed the state of a unit's reporting obligation for a form and period. */
export interface ObligationChangedJob {
  submissionId: string;
  provinceCode: string;
  unitCode: string;
  formCode: string;
  period: string;
  revision: number;
  status: string;
}

/** Deterministic: the same revision enqueued twice (a redelivered event) is one job. */
export function obligationJobId(job: Pick<ObligationChangedJob, 'submissionId' | 'revision'>): string {
  return `${job.submissionId}:r${job.revision}`;
}
