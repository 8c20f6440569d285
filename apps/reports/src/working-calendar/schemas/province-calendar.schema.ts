import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { CalendarOverride } from '@dtp/domain';
import { addOutboxFields, OutboxEntry, OutboxFields } from '@dtp/messaging';
import { Schema as MongooseSchema } from 'mongoose';

/**
 * A province's own changes to Vietnam's shipped calendar (its People's Committee's decisions), the
 * source of truth every service's working days follow; `reports.working-calendar.v1` announces each version.
 */
@Schema({ collection: 'working_calendars', versionKey: false })
export class ProvinceCalendar implements OutboxFields {
  /** The province code. */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: [MongooseSchema.Types.Mixed], required: true })
  overrides!: CalendarOverride[];

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

export const ProvinceCalendarSchema = addOutboxFields(SchemaFactory.createForClass(ProvinceCalendar));
