import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** Where a unit's report stands, as the submissions said: nothing yet, or its last status. */
export type ObligationStatus = 'open' | 'submitted' | 'returned' | 'approved';

/** Still owed: nothing received, or returned for correction. */
export const PENDING_STATUSES: readonly ObligationStatus[] = ['open', 'returned'];

/** One unit's duty to send one form's report for one period (the reporting calendar). */
@Schema({ collection: 'obligations', versionKey: false })
export class Obligation {
  /** `<province>:<unit>:<form>:<period>` */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true, index: true })
  provinceCode!: string;

  @Prop({ required: true, index: true })
  unitCode!: string;

  @Prop({ required: true })
  formCode!: string;

  @Prop({ required: true })
  period!: string;

  /** YYYY-MM-DD; absent when a submission arrived before the calendar knew the form's rule. */
  @Prop()
  cutOff?: string;

  @Prop({ index: true })
  deadline?: string;

  @Prop({ type: String, required: true, index: true })
  status!: ObligationStatus;

  /** The last submission revision applied: an older or repeated event changes nothing. */
  @Prop({ required: true })
  revision!: number;

  @Prop()
  submittedAt?: Date;

  @Prop()
  late?: boolean;

  @Prop({ required: true })
  updatedAt!: Date;
}

export const ObligationSchema = SchemaFactory.createForClass(Obligation);
ObligationSchema.index({ provinceCode: 1, formCode: 1, period: 1 });

export const obligationIdOf = (o: { provinceCode: string; unitCode: string; formCode: string; period: string }) => `${o.provinceCode}:${o.unitCode}:${o.formCode}:${o.period}`;
