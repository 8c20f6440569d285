import { InjectQueue } from '@nestjs/bull';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload } from '@nestjs/microservices';
import { ReportSubmission } from '@dtp/contracts';
import { consumedMessage, EnvelopeConsumer } from '@dtp/messaging';
import { Queue } from 'bull';
import { ObligationChangedJob, obligationJobId, Queues } from '../queues/queues';

/** Turns submission events into obligation jobs; the deterministic job id makes redelivery harmless. */
@Controller()
export class SubmissionConsumer {
  constructor(
    private readonly consumer: EnvelopeConsumer,
    @InjectQueue(Queues.Obligations) private readonly obligations: Queue<ObligationChangedJob>,
  ) {}

  @EventPattern(ReportSubmission.TOPIC)
  async onSubmission(@Payload() payload: unknown, @Ctx() context: KafkaContext): Promise<void> {
    await this.consumer.consume(consumedMessage(context, payload), ReportSubmission.Envelope, async (event) => {
      const s = (event as ReportSubmission.Envelope).data;
      const job: ObligationChangedJob = {
        submissionId: s.submissionId,
        provinceCode: s.provinceCode,
        unitCode: s.unitCode,
        formCode: s.formCode,
        period: s.period,
        revision: s.revision,
        status: s.status,
      };
      await this.obligations.add(job, { jobId: obligationJobId(job), removeOnComplete: 1000, attempts: 3 });
    });
  }
}
