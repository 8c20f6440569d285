import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { CutOffRule, DeadlineRule, FixedPeriodType, LegalBasis, ReportingCalendar, UnitLevel } from '@dtp/domain';

/**
 * A report form as `reports.form.v1` announced it: who reports it, for which periods, by when.
 * Indicators (reporting rates) and notifications (the calendar) each keep this copy in their own
 * database.
 */
@Schema({ collection: 'known_forms', versionKey: false })
export class KnownForm {
  /** `<province>:<code>` */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true, index: true })
  provinceCode!: string;

  @Prop({ required: true })
  code!: string;

  @Prop({ required: true })
  nameVi!: string;

  @Prop({ required: true })
  nameEn!: string;

  @Prop({ type: String, required: true })
  periodType!: FixedPeriodType;

  @Prop({ type: String, required: true })
  calendar!: ReportingCalendar;

  @Prop({ type: [String], required: true })
  levels!: UnitLevel[];

  /** Absent when the form was announced before events carried it: no reminders until saved again. */
  @Prop({ type: Object })
  deadline?: DeadlineRule;

  /** The form's own cut-off when its legal basis sets one; absent: the calendar's. Pass the form itself to libs/domain's calendar functions. */
  @Prop({ type: Object })
  cutOff?: CutOffRule;

  @Prop({ type: Object })
  legalBasis?: LegalBasis;

  @Prop({ required: true })
  version!: number;
}

export const KnownFormSchema = SchemaFactory.createForClass(KnownForm);
