import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { CutOffRule, DeadlineRule, FixedPeriodType, IndicatorDefinition, LegalBasis, ReportingCalendar, UnitLevel } from '@dtp/domain';
import { addOutboxFields, OutboxEntry, OutboxFields } from '@dtp/messaging';
import { Schema as MongooseSchema } from 'mongoose';
import { Role } from '../../auth/principal';

export type FormIndicator = Omit<IndicatorDefinition, 'reportedBy'>;

/** A report form (biểu mẫu) of a province: what is reported, by whom, for which periods, by when. */
@Schema({ collection: 'forms', versionKey: false })
export class ReportForm implements OutboxFields {
  /** `<province>:<code>` */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  code!: string;

  @Prop({ required: true, index: true })
  provinceCode!: string;

  @Prop({ required: true })
  nameVi!: string;

  @Prop({ required: true })
  nameEn!: string;

  @Prop({ type: String, required: true })
  periodType!: FixedPeriodType;

  @Prop({ type: String, required: true })
  calendar!: ReportingCalendar;

  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  deadline!: DeadlineRule;

  /** Its own cut-off, when its legal basis sets one; absent: the calendar's (Decree 09's for `decree-09`). */
  @Prop({ type: MongooseSchema.Types.Mixed })
  cutOff?: CutOffRule;

  /** The provision it follows; always there when `cutOff` departs from Decree 09's. */
  @Prop({ type: MongooseSchema.Types.Mixed })
  legalBasis?: LegalBasis;

  @Prop({ type: [String], required: true })
  levels!: UnitLevel[];

  @Prop({ type: [MongooseSchema.Types.Mixed], required: true })
  indicators!: FormIndicator[];

  /** Whether submitted (not yet approved) values count in the province's aggregates. */
  @Prop({ default: false })
  countSubmitted!: boolean;

  /** The roles whose officials return and approve this form's reports. */
  @Prop({ type: [String], default: ['reviewer'] })
  approvers!: Role[];

  @Prop({ required: true })
  version!: number;

  @Prop({ required: true })
  updatedAt!: Date;

  @Prop({ required: true })
  updatedBy!: string;

  // Declared for TypeScript; addOutboxFields puts them in the schema.
  outbox!: Record<string, OutboxEntry>;
  outboxCount!: number;
}

export const ReportFormSchema = addOutboxFields(SchemaFactory.createForClass(ReportForm));

export function formIdOf(provinceCode: string, code: string): string {
  return `${provinceCode}:${code}`;
}
