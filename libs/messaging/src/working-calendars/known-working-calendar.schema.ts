import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { CalendarOverride } from '@dtp/domain';
import { Schema as MongooseSchema } from 'mongoose';

/** A province's calendar overrides as `reports.working-calendar.v1` announced them, in the consuming service's database. */
@Schema({ collection: 'known_working_calendars', versionKey: false })
export class KnownWorkingCalendar {
  /** The province code. */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: [MongooseSchema.Types.Mixed], required: true })
  overrides!: CalendarOverride[];

  @Prop({ required: true })
  version!: number;
}

export const KnownWorkingCalendarSchema = SchemaFactory.createForClass(KnownWorkingCalendar);
