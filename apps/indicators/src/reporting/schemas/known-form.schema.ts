import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { FixedPeriodType, ReportingCalendar, UnitLevel } from '@dtp/domain';

/** What indicators knows of a report form, from `reports.form.v1`: who must report it, for which periods. */
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

  @Prop({ required: true })
  version!: number;
}

export const KnownFormSchema = SchemaFactory.createForClass(KnownForm);
