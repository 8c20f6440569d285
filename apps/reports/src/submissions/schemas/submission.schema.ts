import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { SubmissionAction, SubmissionStatus } from '@dtp/domain';
import { addOutboxFields, OutboxEntry, OutboxFields } from '@dtp/messaging';
import { HydratedDocument, Schema as MongooseSchema } from 'mongoose';

export interface ReportedValue {
  indicatorCode: string;
  value?: number;
  numerator?: number;
  denominator?: number;
  done?: boolean;
  comment?: string;
}

/** One revision: the whole state after an action, so history reproduces every earlier state. */
export interface Revision {
  revision: number;
  action: SubmissionAction;
  status: SubmissionStatus;
  values: ReportedValue[];
  comment?: string;
  changedAt: Date;
  changedBy: string;
  /** The write request that made this revision (its Idempotency-Key record), so its retry makes no second one. */
  requestId?: string;
}

/**
 * One unit's report for one form and period; `_id` is `<province>:<unit>:<form>:<period>`, so
 * the primary key itself forbids a second live submission of the same unit × form × period.
 */
@Schema({ collection: 'submissions', versionKey: false, minimize: false })
export class Submission implements OutboxFields {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true, index: true })
  provinceCode!: string;

  @Prop({ required: true })
  unitCode!: string;

  @Prop({ required: true })
  formCode!: string;

  @Prop({ required: true })
  period!: string;

  @Prop({ type: String, required: true, enum: ['draft', 'submitted', 'returned', 'approved'] })
  status!: SubmissionStatus;

  @Prop({ required: true })
  revision!: number;

  @Prop({ type: [MongooseSchema.Types.Mixed], default: [] })
  values!: ReportedValue[];

  @Prop({ type: [MongooseSchema.Types.Mixed], default: [] })
  history!: Revision[];

  /** YYYY-MM-DD, from the form's deadline rule. */
  @Prop({ required: true })
  deadline!: string;

  @Prop({ type: Date, default: null })
  firstSubmittedAt!: Date | null;

  /** First submitted after the end of the deadline day (Asia/Ho_Chi_Minh). */
  @Prop({ required: true })
  late!: boolean;

  // Declared for TypeScript; addOutboxFields puts them in the schema.
  outbox!: Record<string, OutboxEntry>;
  outboxCount!: number;

  @Prop({ required: true })
  updatedAt!: Date;
}

export type SubmissionDocument = HydratedDocument<Submission>;
export const SubmissionSchema = addOutboxFields(SchemaFactory.createForClass(Submission));
SubmissionSchema.index({ provinceCode: 1, period: 1, formCode: 1 });
