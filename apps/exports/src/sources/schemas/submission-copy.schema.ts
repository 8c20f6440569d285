import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export interface CopiedValue {
  indicatorCode: string;
  value?: number;
  numerator?: number;
  denominator?: number;
  done?: boolean;
}

/**
 * The latest state of each submission as `reports.submission.v1` told it: what raw-value and
 * one-unit exports read, from this service's own database, without asking reports.
 */
@Schema({ collection: 'submission_copies', versionKey: false })
export class SubmissionCopy {
  /** The submission id of reports: `<province>:<unit>:<form>:<period>`. */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  provinceCode!: string;

  @Prop({ required: true })
  unitCode!: string;

  @Prop({ required: true })
  formCode!: string;

  @Prop({ required: true })
  period!: string;

  /** The period's year, for province-year exports. */
  @Prop({ required: true })
  year!: number;

  @Prop({ required: true })
  revision!: number;

  @Prop({ type: String, required: true })
  status!: 'submitted' | 'returned' | 'approved';

  @Prop({ required: true })
  late!: boolean;

  @Prop({ required: true })
  changedAt!: Date;

  @Prop({ type: [Object], required: true })
  values!: CopiedValue[];

  /** values.length, so an export can count its rows before reading them. */
  @Prop({ required: true })
  valueCount!: number;
}

export const SubmissionCopySchema = SchemaFactory.createForClass(SubmissionCopy);
SubmissionCopySchema.index({ provinceCode: 1, year: 1 });
