import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * A reminder of an obligation that has been issued: `<obligation>:<reminder key>`. Inserting it
 * is the claim (an id is inserted once, whatever the number of planners), so a reminder is
 * issued once for an obligation and rule, ever.
 */
@Schema({ collection: 'issued_reminders', versionKey: false })
export class IssuedReminder {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true, index: true })
  obligationId!: string;

  @Prop({ required: true })
  key!: string;

  @Prop({ type: String, required: true })
  kind!: 'before' | 'on-deadline' | 'overdue' | 'escalation';

  /** Working days from the deadline. */
  @Prop({ required: true })
  offset!: number;

  /** The day it was issued (Vietnam). */
  @Prop({ required: true })
  day!: string;

  /** False until its deliveries are written: a planner that stopped in between is finished by the next run. */
  @Prop({ required: true, index: true })
  planned!: boolean;

  @Prop({ required: true })
  issuedAt!: Date;
}

export const IssuedReminderSchema = SchemaFactory.createForClass(IssuedReminder);
