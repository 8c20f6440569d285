import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** A form's reminder rule as an administrator set it (libs/domain ReminderRule). */
@Schema({ collection: 'reminder_rules', versionKey: false })
export class ReminderRuleRecord {
  /** `<province>:<form>` */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true, index: true })
  provinceCode!: string;

  @Prop({ required: true })
  formCode!: string;

  @Prop({ type: [Number], required: true })
  daysBefore!: number[];

  @Prop({ required: true })
  onDeadline!: boolean;

  @Prop({ type: [Number], required: true })
  daysAfter!: number[];

  @Prop()
  escalateAfter?: number;

  @Prop({ type: String, required: true })
  escalateTo!: 'parent' | 'standing-agency';

  @Prop({ required: true })
  sendTime!: string;

  @Prop({ required: true })
  updatedAt!: Date;

  @Prop({ required: true })
  updatedBy!: string;
}

export const ReminderRuleSchema = SchemaFactory.createForClass(ReminderRuleRecord);
