import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { addOutboxFields, OutboxEntry, OutboxFields } from '@dtp/messaging';
import { HydratedDocument, Schema as MongooseSchema } from 'mongoose';

export type SubmissionStatus = 'submitted' | 'returned' | 'approved';

export interface ReportedValue {
  indicatorCode: string;
  value?: number;
  numerator?: number;
  denominator?: number;
  done?: boolean;
  comment?: string;
}

export interface Revision {
  revision: number;
  status: SubmissionStatus;
  values: ReportedValue[];
  changedAt: Date;
  changedBy: string;
}

/** One unit's report for one form and period; `_id` is `<province>:<unit>:<form>:<period>`. */
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

  @Prop({ type: String, required: true, enum: ['submitted', 'returned', 'approved'] })
  status!: SubmissionStatus;

  @Prop({ required: true })
  revision!: number;

  @Prop({ type: [MongooseSchema.Types.Mixed], default: [] })
  values!: ReportedValue[];

  @Prop({ type: [MongooseSchema.Types.Mixed], default: [] })
  history!: Revision[];

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
